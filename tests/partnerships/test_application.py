"""The public application for official partnership, and the officers' decision on it."""

import pytest
from django.contrib.admin.sites import site
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse

from members.models import Organisation
from partnerships.admin import PartnershipAdmin, admit_consultative, end_partnership
from partnerships.models import Contact, Partnership, PartnershipStatusChange, Status

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name="statutes.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def form_data(**overrides):
    data = {
        "name": "Reading Bridges",
        "country": "KE",
        "website": "https://reading-bridges.example",
        "geographic_scope": "regional",
        "description": "Libraries on wheels for East African schools.",
        "fields_of_competence": ["1"],
        "functional_areas": ["2"],
        "contact_name": "Amina Otieno",
        "contact_email": "Amina@Reading-Bridges.example",
        "language": "fr",
        "statutes": pdf(),
        "activity_report": pdf("report-2025.pdf"),
        "nickname": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def terms(education, advocacy):
    return {"fields_of_competence": [str(education.pk)], "functional_areas": [str(advocacy.pk)]}


def nothing_created():
    return (
        Organisation.objects.filter(kind=Organisation.Kind.PARTNER_NGO).count(),
        Partnership.objects.count(),
        Contact.objects.count(),
    ) == (0, 0, 0)


def test_application_creates_a_pending_organisation_applicant_and_contact(
    client, terms, education, advocacy, partnerships_officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("partnerships:apply"), form_data(**terms))
    assert response.status_code == 302
    assert response["Location"] == reverse("partnerships:apply_done")
    assert "Application received" in client.get(response["Location"]).content.decode()
    partnership = Partnership.objects.select_related("organisation").get()
    organisation = partnership.organisation
    assert (organisation.name, organisation.slug, organisation.kind, organisation.status) == (
        "Reading Bridges",
        "reading-bridges",
        "partner_ngo",
        "pending",
    )
    # The region follows the country (Kenya): it is not asked.
    assert (organisation.country.code, organisation.region) == ("KE", "africa")
    assert (partnership.status, partnership.headquarters_country.code) == ("applicant", "KE")
    assert partnership.description_fr == "Libraries on wheels for East African schools."
    assert list(partnership.fields_of_competence.all()) == [education]
    assert list(partnership.functional_areas.all()) == [advocacy]
    contact = Contact.objects.get()
    assert (contact.name, contact.email, contact.preferred_language, contact.organisation) == (
        "Amina Otieno",
        "amina@reading-bridges.example",
        "fr",
        organisation,
    )
    assert list(PartnershipStatusChange.objects.values_list("from_status", "to_status")) == [
        ("", "applicant")
    ]
    # The officers' notification (members.notifications) and the applicant's acknowledgement.
    assert sorted(message.to[0] for message in mail.outbox) == [
        "amina@reading-bridges.example",
        "partnerships@oec.example",
    ]
    officer_mail = next(m for m in mail.outbox if m.to == ["partnerships@oec.example"])
    assert officer_mail.subject == "New partnership application: Reading Bridges"
    acknowledgement = next(m for m in mail.outbox if m.to == ["amina@reading-bridges.example"])
    assert acknowledgement.subject == "Your application for official partnership: Reading Bridges"


def test_application_files_are_stored_privately_under_server_names(client, terms, settings):
    client.post(reverse("partnerships:apply"), form_data(**terms))
    partnership = Partnership.objects.get()
    for stored in (partnership.statutes, partnership.activity_report):
        assert stored.name.startswith("partnerships/applications/")
        assert stored.name.endswith(".pdf")
        assert "statutes" not in stored.name and "report" not in stored.name
        assert stored.path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
        assert not stored.path.startswith(str(settings.MEDIA_ROOT))
        with stored.open("rb") as handle:
            assert handle.read() == PDF


def test_application_with_html_renamed_pdf_is_refused_and_creates_nothing(client, terms):
    html = SimpleUploadedFile("statutes.pdf", b"<html><script>alert(1)</script></html>")
    response = client.post(reverse("partnerships:apply"), form_data(statutes=html, **terms))
    assert response.status_code == 200
    assert response.context["form"].errors["statutes"] == [
        "Upload a PDF, DOCX, XLSX, PPTX, ODT or ODS file."
    ]
    assert nothing_created()


def test_application_with_pdf_named_docx_is_refused(client, terms):
    response = client.post(
        reverse("partnerships:apply"), form_data(activity_report=pdf("report.docx"), **terms)
    )
    assert response.context["form"].errors["activity_report"] == [
        "The file's name ends in “.docx” but its content is PDF."
    ]
    assert nothing_created()


def test_application_without_files_is_refused(client, terms):
    data = form_data(**terms)
    del data["statutes"], data["activity_report"]
    response = client.post(reverse("partnerships:apply"), data)
    assert set(response.context["form"].errors) == {"statutes", "activity_report"}
    assert nothing_created()


def test_application_filling_the_honeypot_looks_accepted_but_stores_nothing(client, terms):
    response = client.post(reverse("partnerships:apply"), form_data(nickname="bot", **terms))
    assert response.status_code == 302
    assert response["Location"] == reverse("partnerships:apply_done")
    assert "Application received" in client.get(response["Location"]).content.decode()
    assert nothing_created()


def test_application_of_a_known_organisation_name_is_refused(client, terms, partner):
    response = client.post(reverse("partnerships:apply"), form_data(name="partner ngo", **terms))
    assert list(response.context["form"].errors) == ["name"]
    assert Partnership.objects.count() == 0


def test_applications_are_rate_limited_per_ip_address(client, terms, settings):
    settings.OEC_PARTNERSHIP_APPLICATIONS_PER_HOUR = 2
    statuses = [
        client.post(
            reverse("partnerships:apply"), form_data(name=f"Bridges {n}", **terms)
        ).status_code
        for n in range(3)
    ]
    assert statuses == [302, 302, 429]
    assert Partnership.objects.count() == 2
    other_ip = client.post(
        reverse("partnerships:apply"),
        form_data(name="Bridges 9", **terms),
        REMOTE_ADDR="203.0.113.9",
    )
    assert other_ip.status_code == 302
    assert Partnership.objects.count() == 3


def test_apply_page_answers_with_the_form(client, db):
    response = client.get(reverse("partnerships:apply"))
    assert response.status_code == 200
    assert 'name="statutes"' in response.content.decode()


def _admin_action(action, user, queryset):
    request = RequestFactory().post("/admin/partnerships/partnership/")
    request.user = user
    request._messages = type("Messages", (), {"add": lambda *args, **kwargs: None})()
    action(PartnershipAdmin(Partnership, site), request, queryset)


def test_officer_admits_an_applicant_from_the_queue(client, terms, partnerships_officer):
    client.post(reverse("partnerships:apply"), form_data(**terms))
    _admin_action(admit_consultative, partnerships_officer, Partnership.objects.all())
    partnership = Partnership.objects.get()
    assert partnership.status == Status.CONSULTATIVE
    assert partnership.organisation.status == Organisation.Status.ACTIVE
    last = partnership.status_changes.last()
    assert (last.recorded_by, last.deciding_body) == (
        partnerships_officer,
        "Secretariat (partnerships officer)",
    )


def test_officer_rejects_an_applicant_which_ends_it(client, terms, partnerships_officer):
    client.post(reverse("partnerships:apply"), form_data(**terms))
    _admin_action(end_partnership, partnerships_officer, Partnership.objects.all())
    partnership = Partnership.objects.get()
    assert partnership.status == Status.ENDED
    assert partnership.organisation.status == Organisation.Status.WITHDRAWN


def test_application_queue_is_open_to_partnerships_officers_only(
    client, partnerships_officer, secretariat_editor, with_totp
):
    admin = PartnershipAdmin(Partnership, site)
    request = RequestFactory().get("/admin/")
    request.user = partnerships_officer
    assert admin.has_view_permission(request) is True
    request.user = secretariat_editor
    assert admin.has_view_permission(request) is False


def test_apply_page_names_countries_in_the_visitors_language(client, db):
    page = client.get("/fr/partners/apply/").content.decode()
    assert '<option value="DE">Allemagne</option>' in page
