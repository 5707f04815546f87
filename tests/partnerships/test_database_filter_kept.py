"""The partner database's filter form, kept in this process by what it shows (issue 19): each
page shows its own values, errors and terms, never those of the page drawn before."""

import re

import pytest
from django import forms
from django.utils import translation

from members.forms_rendering import QuickSelect
from tests.factories import PartnershipFactory

LIST = "/en/partners/"


def selected(content, name):
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', content, re.S).group(1)
    return re.findall(r'<option value="([^"]*)" selected>', select)


def test_each_page_shows_its_own_filter_values(client, catalogue_of_one):
    first = client.get(f"{LIST}?status=associate&country=KE&q=alpha").content.decode()
    second = client.get(f"{LIST}?status=consultative&q=beta").content.decode()
    again = client.get(f"{LIST}?status=associate&country=KE&q=alpha").content.decode()

    assert (selected(first, "status"), selected(first, "country")) == (["associate"], ["KE"])
    assert 'name="q" value="alpha"' in first
    assert (selected(second, "status"), selected(second, "country")) == (["consultative"], [""])
    assert 'name="q" value="beta"' in second
    assert again == first


def test_a_filter_error_shows_only_on_its_own_page(client, catalogue_of_one):
    wrong = client.get(f"{LIST}?year=1200").content.decode()
    right = client.get(f"{LIST}?year=2020").content.decode()
    assert "form-group-error" in wrong
    assert "form-group-error" not in right


def test_the_filter_shows_an_edit_of_a_term(client, catalogue_of_one, education):
    client.get(LIST)  # its form is drawn and kept
    education.name = education.name_en = "Schooling"
    education.save()
    content = client.get(LIST).content.decode()
    assert '<option value="education">Schooling</option>' in content


def test_the_filter_is_in_the_visitors_language(client, catalogue_of_one):
    english = client.get(LIST).content.decode()
    french = client.get("/fr/partners/").content.decode()
    assert '<option value="DE">Germany</option>' in english
    assert '<option value="DE">Allemagne</option>' in french


@pytest.fixture
def catalogue_of_one(db, education):
    return PartnershipFactory(fields=[education])


class ChoiceForm(forms.Form):
    kind = forms.ChoiceField(choices=[("a", "A & B"), ("b", "<b>")], widget=QuickSelect)


def test_a_quick_select_marks_what_each_form_chose_in_its_kept_options():
    with translation.override("en"):
        first = str(ChoiceForm({"kind": "b"})["kind"])
        second = str(ChoiceForm({"kind": "a"})["kind"])
    assert first == (
        '<select name="kind" id="id_kind">\n'
        '<option value="a">A &amp; B</option>\n'
        '<option value="b" selected>&lt;b&gt;</option>\n'
        "</select>"
    )
    assert second == (
        '<select name="kind" id="id_kind">\n'
        '<option value="a" selected>A &amp; B</option>\n'
        '<option value="b">&lt;b&gt;</option>\n'
        "</select>"
    )


def test_a_quick_select_shows_its_own_choices_not_kept_ones_of_another():
    form = ChoiceForm({"kind": "a"})
    str(form["kind"])
    form.fields["kind"].choices = [("a", "Another label"), ("b", "<b>")]
    assert '<option value="a" selected>Another label</option>' in str(form["kind"])


def test_the_filter_form_class_is_built_once_and_each_form_reads_its_own_terms(
    catalogue_of_one, education
):
    from partnerships.filters import PartnerFilter
    from partnerships.models import Partnership

    first = PartnerFilter(None, queryset=Partnership.objects.public())
    second = PartnerFilter(None, queryset=Partnership.objects.public())
    assert first.get_form_class() is second.get_form_class()
    assert "Education" in [term.name for term in first.form.fields["field"].queryset]
    education.name = education.name_en = "Schooling"
    education.save()
    assert "Schooling" in [term.name for term in second.form.fields["field"].queryset]
