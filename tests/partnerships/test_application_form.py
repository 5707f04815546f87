"""The application form's habits: error summary, kept files, post/redirect/get, no preselected
choice, the region from the country, the acknowledgement in the applicant's language."""

import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django_countries import countries

from members import kept_uploads
from members.models import Organisation
from members.regions import REGION_OF_COUNTRY
from partnerships.models import Partnership
from tests.partnerships.test_application import PDF, form_data

APPLY = "/en/partners/apply/"


@pytest.fixture
def terms(education, advocacy):
    return {"fields_of_competence": [str(education.pk)], "functional_areas": [str(advocacy.pk)]}


pytestmark = pytest.mark.usefixtures("private_media")


def kept_files():
    directory = kept_uploads.storage.base_location
    return sorted(path.name for path in directory.iterdir()) if directory.exists() else []


def hidden_value(page, name):
    match = re.search(rf'<input type="hidden" name="{name}" value="([^"]+)">', page)
    return match.group(1) if match else None


def test_errors_are_summarised_at_the_top_with_links_to_each_field(client, terms):
    html = SimpleUploadedFile("statutes.pdf", b"<html><script>alert(1)</script></html>")
    page = client.post(APPLY, form_data(name="", statutes=html, **terms)).content.decode()
    summary = page[
        page.index('<div class="error-summary"') : page.index(
            "</div>", page.index('<div class="error-summary"')
        )
    ]
    assert 'role="alert"' in summary and "autofocus" in summary
    assert "There is a problem" in summary
    assert re.findall(r'<a href="#([^"]+)">([^<]+)</a>', summary) == [
        ("id_name", "This field is required."),
        ("id_statutes", "Upload a PDF, DOCX, XLSX, PPTX, ODT or ODS file."),
    ]
    # The summary comes before the form; each message sits above its field, which points to it.
    assert page.index("error-summary") < page.index('<form method="post"')
    error = page.index('id="id_statutes_error"')
    field = page.index('<input type="file" name="statutes"')
    assert error < field
    statutes_input = re.search(r'<input type="file" name="statutes"[^>]*>', page).group(0)
    assert 'aria-invalid="true"' in statutes_input
    assert 'aria-describedby="id_statutes_helptext id_statutes_error"' in statutes_input
    name_input = re.search(r'<input type="text" name="name"[^>]*>', page).group(0)
    assert 'aria-invalid="true"' in name_input


def test_checkbox_group_errors_link_to_the_first_checkbox(client, terms):
    data = form_data(**terms)
    del data["functional_areas"]
    page = client.post(APPLY, data).content.decode()
    assert '<a href="#id_functional_areas_0">' in page
    assert 'id="id_functional_areas_0"' in page


def test_a_valid_page_has_no_error_summary(client, db):
    page = client.get(APPLY).content.decode()
    assert "error-summary" not in page and "There is a problem" not in page


def test_nothing_is_preselected_and_every_list_starts_with_choose(client, db):
    page = client.get(APPLY).content.decode()
    for name in ("country", "geographic_scope", "language"):
        select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', page, re.S).group(1)
        assert select.lstrip().startswith('<option value="" selected>Choose…</option>'), name
        assert select.count("selected") == 1, name
    # The region is not asked: it follows the country.
    assert 'name="region"' not in page


def test_lists_left_on_choose_are_refused_with_their_own_messages(client, terms):
    response = client.post(APPLY, form_data(country="", geographic_scope="", language="", **terms))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["country"] == ["Choose the country of the headquarters."]
    assert errors["geographic_scope"] == ["Choose the geographic scope of the organisation."]
    assert errors["language"] == ["Choose the language in which we should write to you."]
    assert not Partnership.objects.exists()


@pytest.mark.parametrize(
    ("country", "region"),
    [
        ("SN", "africa"),
        ("MA", "arab_states"),
        ("FJ", "asia_pacific"),
        ("PE", "latin_america_caribbean"),
        ("CA", "europe_north_america"),
    ],
)
def test_the_region_follows_the_country(client, terms, country, region):
    response = client.post(APPLY, form_data(country=country, **terms))
    assert response.status_code == 302
    assert Organisation.objects.get(name="Reading Bridges").region == region


def test_every_country_but_antarctica_has_a_valid_region():
    codes = {country.code for country in countries}
    assert codes - set(REGION_OF_COUNTRY) == {"AQ"}
    assert set(REGION_OF_COUNTRY.values()) == set(Organisation.Region.values)
    assert Organisation.Region.for_country("sn") == Organisation.Region.AFRICA
    assert Organisation.Region.for_country("AQ") == ""


def test_a_valid_file_is_kept_when_the_form_comes_back_and_saved_at_the_end(client, terms):
    first = client.post(APPLY, form_data(contact_email="not-an-address", **terms))
    assert first.status_code == 200
    page = first.content.decode()
    assert "statutes.pdf is kept; choose another file to replace it." in page
    assert "report-2025.pdf is kept; choose another file to replace it." in page
    statutes_token = hidden_value(page, "statutes__kept")
    report_token = hidden_value(page, "activity_report__kept")
    assert statutes_token and report_token
    assert len(kept_files()) == 2
    statutes_input = re.search(r'<input type="file" name="statutes"[^>]*>', page).group(0)
    assert "required" not in statutes_input
    assert "id_statutes_kept" in statutes_input

    data = form_data(**terms)
    del data["statutes"], data["activity_report"]
    data.update({"statutes__kept": statutes_token, "activity_report__kept": report_token})
    second = client.post(APPLY, data)
    assert second.status_code == 302
    partnership = Partnership.objects.get()
    for stored in (partnership.statutes, partnership.activity_report):
        assert stored.name.startswith("partnerships/applications/") and stored.name.endswith(".pdf")
        with stored.open("rb") as handle:
            assert handle.read() == PDF
    assert kept_files() == []


def test_an_invalid_file_is_not_kept_but_the_valid_one_is(client, terms):
    html = SimpleUploadedFile("report.pdf", b"<html></html>")
    page = client.post(APPLY, form_data(activity_report=html, **terms)).content.decode()
    assert "statutes.pdf is kept" in page
    assert "report.pdf is kept" not in page
    assert hidden_value(page, "activity_report__kept") is None
    assert len(kept_files()) == 1


def test_a_new_file_replaces_the_kept_one(client, terms):
    page = client.post(APPLY, form_data(name="", **terms)).content.decode()
    token = hidden_value(page, "statutes__kept")
    newer = SimpleUploadedFile("statutes-2026.pdf", PDF + b"%new\n", content_type="application/pdf")
    data = form_data(statutes=newer, **terms)
    data["statutes__kept"] = token
    del data["activity_report"]
    data["activity_report__kept"] = hidden_value(page, "activity_report__kept")
    assert client.post(APPLY, data).status_code == 302
    with Partnership.objects.get().statutes.open("rb") as handle:
        assert handle.read() == PDF + b"%new\n"
    assert kept_files() == []


def test_a_kept_file_is_checked_again_like_a_fresh_upload(client, terms, settings):
    page = client.post(APPLY, form_data(name="", **terms)).content.decode()
    settings.OEC_MAX_UPLOAD_BYTES = 10  # the rules changed between the two attempts
    data = form_data(**terms)
    del data["statutes"], data["activity_report"]
    data["statutes__kept"] = hidden_value(page, "statutes__kept")
    data["activity_report__kept"] = hidden_value(page, "activity_report__kept")
    response = client.post(APPLY, data)
    assert response.status_code == 200
    assert response.context["form"].errors["statutes"] == ["The file is larger than 0.0 MB."]
    assert not Partnership.objects.exists()
    # Refused, so no longer kept.
    assert kept_files() == []


def test_a_token_of_another_session_or_altered_is_ignored(client, terms):
    page = client.post(APPLY, form_data(name="", **terms)).content.decode()
    token = hidden_value(page, "statutes__kept")
    data = form_data(**terms)
    del data["statutes"]
    data["statutes__kept"] = token
    stranger = Client()
    response = stranger.post(APPLY, data)
    assert response.context["form"].errors["statutes"] == ["This field is required."]
    data["statutes__kept"] = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    response = client.post(APPLY, data)
    assert response.context["form"].errors["statutes"] == ["This field is required."]
    # The token of one field does not fill another.
    data["statutes__kept"] = hidden_value(page, "activity_report__kept")
    response = client.post(APPLY, data)
    assert response.context["form"].errors["statutes"] == ["This field is required."]
    assert not Partnership.objects.exists()


def test_success_redirects_so_that_a_reload_sends_nothing_again(client, terms):
    response = client.post(APPLY, form_data(**terms), follow=True)
    assert response.redirect_chain == [(reverse("partnerships:apply_done"), 302)]
    assert response.request["REQUEST_METHOD"] == "GET"
    # Reloading the page the browser shows is a GET of the thank-you page: nothing is sent.
    assert client.get(reverse("partnerships:apply_done")).status_code == 200
    assert Partnership.objects.count() == 1
    # Sending the same data again on purpose is refused: the name is already registered.
    again = client.post(APPLY, form_data(**terms))
    assert again.status_code == 200
    assert list(again.context["form"].errors) == ["name"]
    assert Partnership.objects.count() == 1


@pytest.mark.parametrize(
    ("language", "subject", "greeting"),
    [
        ("fr", "Votre demande de partenariat officiel : Reading Bridges", "Bonjour Amina Otieno,"),
        ("ar", "طلبكم للشراكة الرسمية: Reading Bridges", "Amina Otieno المحترم(ة)،"),
        ("es", "Su solicitud de asociación oficial: Reading Bridges", "Estimado/a Amina Otieno:"),
    ],
)
def test_the_applicant_is_acknowledged_in_the_language_of_the_form(
    client, terms, language, subject, greeting, django_capture_on_commit_callbacks
):
    # The preferred language for later letters differs on purpose: the acknowledgement
    # follows the form the applicant read.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/{language}/partners/apply/", form_data(language="en", **terms))
    assert response.status_code == 302
    assert response["Location"] == f"/{language}/partners/apply/thanks/"
    (acknowledgement,) = [m for m in mail.outbox if m.to == ["amina@reading-bridges.example"]]
    assert acknowledgement.subject == subject
    assert acknowledgement.body.startswith(greeting)
    # The name is a proper name: the same in every language, English (the fallback) included.
    organisation = Organisation.objects.get(slug="reading-bridges")
    assert (organisation.name_en, getattr(organisation, f"name_{language}")) == (
        "Reading Bridges",
        "Reading Bridges",
    )


def test_the_officers_are_told_in_the_secretariats_language_whatever_the_form_was(
    client, terms, partnerships_officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/fr/partners/apply/", form_data(**terms))
    assert response.status_code == 302
    (notice,) = [m for m in mail.outbox if m.to == ["partnerships@oec.example"]]
    assert notice.subject == "New partnership application: Reading Bridges"
    assert "/admin/partnerships/partnership/" in notice.body
