"""Public and member forms: a select starts with "Choose…" (or an empty choice that says what it
means), never Django's "---------", and a new row's required select preselects nothing."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from partnerships.terms import ensure_reference_terms
from tests.factories import AssemblySessionFactory, PartnershipFactory

CHOOSE = '<option value="" selected>Choose…</option>'


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def selects(page):
    """{name: the select's options as HTML} of every single-choice select of the page."""
    return {
        name: body.strip()
        for name, attrs, body in re.findall(
            r'<select name="([^"]+)"([^>]*)>(.*?)</select>', page, re.S
        )
        if "multiple" not in attrs
    }


def assert_prompts(page, *names):
    found = selects(page)
    assert "---------" not in page
    for name in names:
        assert found[name].startswith(CHOOSE), name
        # Nothing else is chosen for the user.
        assert found[name].count("selected") == 1, name


@pytest.fixture
def partner_contact_with_partnership(partner_contact, partner):
    ensure_reference_terms()
    PartnershipFactory(organisation=partner)
    return partner_contact


def test_new_activity_asks_to_choose_kind_field_and_area(client, partner_contact_with_partnership):
    client.force_login(partner_contact_with_partnership)
    page = client.get(reverse("partnerships:activity_create")).content.decode()
    assert_prompts(page, "kind", "thematic_field", "functional_area")


def test_new_activity_without_a_kind_is_refused(client, partner_contact_with_partnership):
    client.force_login(partner_contact_with_partnership)
    response = client.post(reverse("partnerships:activity_create"), {"title_en": "Clubs"})
    assert response.context["form"].errors["kind"] == ["This field is required."]


def test_partner_profile_has_no_dashes(client, partner_contact_with_partnership):
    client.force_login(partner_contact_with_partnership)
    page = client.get(reverse("partnerships:profile_edit")).content.decode()
    assert "---------" not in page
    # The partner's own scope stays chosen.
    assert '<option value="international" selected>' in selects(page)["geographic_scope"]


def test_delegation_user_selects_ask_to_choose(client, focal_a, host):
    AssemblySessionFactory(
        number=2,
        start_date=datetime.date(2099, 12, 6),
        end_date=datetime.date(2099, 12, 8),
        status="planned",
        registration_deadline=timezone.now() + datetime.timedelta(days=30),
    )
    client.force_login(focal_a)
    page = client.get(reverse("governance:delegation", args=[2])).content.decode()
    assert_prompts(page, "head-user", "members-0-user", "members-2-user")


def test_article_category_asks_to_choose(client, editor_a):
    client.force_login(editor_a)
    page = client.get(reverse("news:dashboard_create")).content.decode()
    assert_prompts(page, "category")


def test_page_parent_says_what_leaving_it_empty_means(client, editor_a):
    client.force_login(editor_a)
    page = client.get(reverse("pages:dashboard_create")).content.decode()
    assert "---------" not in page
    assert selects(page)["parent"].startswith(
        '<option value="" selected>None (a top-level page)</option>'
    )


def test_join_form_asks_to_choose_country_and_support(client, member_a):
    page = client.get(reverse("members:join", args=[member_a.slug])).content.decode()
    assert_prompts(page, "country", "support")


def test_choose_prompt_is_translated(client, member_a):
    page = client.get(f"/fr/members/{member_a.slug}/join/").content.decode()
    assert selects(page)["support"].startswith('<option value="" selected>Choisir…</option>')


def test_partner_filters_say_what_an_empty_choice_means(client, db):
    ensure_reference_terms()
    page = client.get(reverse("partnerships:list")).content.decode()
    assert "---------" not in page
    found = selects(page)
    assert found["status"].startswith('<option value="" selected>All statuses</option>')
    assert found["country"].startswith('<option value="" selected>All countries</option>')
    assert found["region"].startswith('<option value="" selected>All regions</option>')
    assert found["field"].startswith('<option value="" selected>All fields of competence</option>')
    assert found["area"].startswith('<option value="" selected>All functional areas</option>')


def test_partner_filter_prompts_are_translated(client, db):
    page = client.get("/ar/partners/").content.decode()
    assert selects(page)["country"].startswith('<option value="" selected>جميع البلدان</option>')
