"""Partnership files in the private store (issue 14): the public file of an approved
publication, the officers' downloads from the back office, and the back office's uploads."""

import logging

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from governance.demo import minimal_pdf
from members.models import PrivateFileDownload, Role
from partnerships.models import CooperationActivity
from tests.factories import CooperationActivityFactory, governance_pdf_file, user_with_role

pytestmark = pytest.mark.usefixtures("private_media")


@pytest.fixture
def officer_client(client, partnerships_officer, with_totp):
    with_totp(partnerships_officer)
    client.force_login(partnerships_officer)
    return client


def publication(partnership, status="approved"):
    return CooperationActivityFactory(
        organisation=partnership.organisation,
        kind="publication",
        status=status,
        title_en="Reading in the mother tongue",
        file=governance_pdf_file("Reading in the mother tongue"),
    )


def body(response):
    return b"".join(response.streaming_content)


def test_approved_publication_file_is_linked_and_downloads_from_the_public_page(
    client, partnership
):
    item = publication(partnership)
    page = client.get(reverse("partnerships:detail", args=[partnership.organisation.slug]))
    url = reverse("partnerships:activity_file", args=[partnership.organisation.slug, item.pk])
    assert f'href="{url}"' in page.content.decode()
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="reading-in-the-mother-tongue.pdf"'
    assert body(response) == item.file.open("rb").read()
    audit = PrivateFileDownload.objects.get()
    assert (audit.what, audit.object_id, audit.user, audit.owner) == (
        "partnerships.cooperationactivity.file",
        item.pk,
        None,
        partnership.organisation,
    )


@pytest.mark.parametrize("status", ["draft", "submitted", "rejected"])
def test_file_of_a_publication_not_approved_is_not_found_and_not_linked(
    client, partnership, status
):
    item = publication(partnership, status=status)
    url = reverse("partnerships:activity_file", args=[partnership.organisation.slug, item.pk])
    page = client.get(reverse("partnerships:detail", args=[partnership.organisation.slug]))
    assert url not in page.content.decode()
    assert client.get(url).status_code == 404


def test_file_of_a_partner_no_longer_public_is_not_found(client, partnership):
    item = publication(partnership)
    partnership.status = "suspended"
    partnership.save(update_fields=["status"])
    url = reverse("partnerships:activity_file", args=[partnership.organisation.slug, item.pk])
    assert client.get(url).status_code == 404


def test_file_under_another_partners_address_is_not_found(client, partnership):
    from tests.factories import PartnershipFactory

    item = publication(partnership)
    other = PartnershipFactory().organisation
    url = reverse("partnerships:activity_file", args=[other.slug, item.pk])
    assert client.get(url).status_code == 404


def test_officer_downloads_application_files_and_each_download_is_audited(
    officer_client, partnership, partnerships_officer, caplog
):
    partnership.statutes = governance_pdf_file("Statutes")
    partnership.save()
    url = reverse("partnerships:application_file", args=[partnership.pk, "statutes"])
    with caplog.at_level(logging.INFO, logger="oec.security"):
        response = officer_client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'inline; filename="partner-ngo-statutes.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert body(response) == partnership.statutes.open("rb").read()
    audit = PrivateFileDownload.objects.get()
    assert (audit.what, audit.user, audit.owner) == (
        "partnerships.partnership.statutes",
        partnerships_officer,
        partnership.organisation,
    )
    assert any(
        "restricted file download: file=partnerships.partnership.statutes" in r.getMessage()
        for r in caplog.records
    )
    # No activity report was sent, and no other field is a file to hand out.
    for missing in ("activity_report", "description"):
        url = reverse("partnerships:application_file", args=[partnership.pk, missing])
        assert officer_client.get(url).status_code == 404


def test_officers_hand_the_file_to_nginx_in_production(officer_client, partnership, settings):
    settings.OEC_X_ACCEL_REDIRECT_PREFIX = "/_private/"
    partnership.statutes = governance_pdf_file("Statutes")
    partnership.save()
    response = officer_client.get(
        reverse("partnerships:application_file", args=[partnership.pk, "statutes"])
    )
    assert response["X-Accel-Redirect"] == f"/_private/{partnership.statutes.name}"
    assert response.content == b""


@pytest.mark.parametrize(
    "role", [Role.COMMUNICATIONS, Role.CONFERENCE_SERVICES, "partner_contact", "delegate"]
)
def test_others_find_no_partnership_file_for_staff(
    client, partnership, host, member_a, with_totp, role
):
    if role == "partner_contact":
        user = user_with_role(partnership.organisation, Role.PARTNER_CONTACT, email="c@ngo.example")
    elif role == "delegate":
        user = user_with_role(member_a, Role.DELEGATE, email="d@member-a.example")
    else:
        user = user_with_role(host, role, email=f"{role}@oec.example")
        with_totp(user)
    partnership.statutes = governance_pdf_file("Statutes")
    partnership.save()
    item = publication(partnership, status="submitted")
    client.force_login(user)
    for url in (
        reverse("partnerships:application_file", args=[partnership.pk, "statutes"]),
        reverse("partnerships:activity_file_for_staff", args=[item.pk]),
    ):
        assert client.get(url).status_code == 404
    assert PrivateFileDownload.objects.count() == 0


def test_activity_change_page_links_the_officers_download(officer_client, partnership):
    item = publication(partnership, status="submitted")
    page = officer_client.get(
        reverse("admin:partnerships_cooperationactivity_change", args=[item.pk])
    ).content.decode()
    url = reverse("partnerships:activity_file_for_staff", args=[item.pk])
    assert f'href="{url}">reading-in-the-mother-tongue.pdf</a>' in page
    assert body(officer_client.get(url)) == item.file.open("rb").read()


def _activity_form(partnership, upload):
    from partnerships.models import FieldOfCompetence, FunctionalArea

    return {
        "organisation": partnership.organisation.pk,
        "kind": "publication",
        "thematic_field": FieldOfCompetence.objects.first().pk,
        "functional_area": FunctionalArea.objects.first().pk,
        "starts_on": "2026-09-01",
        "title_en": "Guide",
        "file": upload,
    }


def test_back_office_upload_is_stored_under_a_server_made_name(officer_client, partnership):
    upload = SimpleUploadedFile("../../guide.pdf", minimal_pdf("Guide"))
    response = officer_client.post(
        reverse("admin:partnerships_cooperationactivity_add"), _activity_form(partnership, upload)
    )
    assert response.status_code == 302
    stored = CooperationActivity.objects.get(title_en="Guide").file.name
    assert stored.startswith("partnerships/activities/") and ".." not in stored
    assert stored.endswith(".pdf") and "guide" not in stored


def test_back_office_upload_of_html_named_pdf_is_refused(officer_client, partnership):
    upload = SimpleUploadedFile("guide.pdf", b"<html><script>alert(1)</script></html>")
    response = officer_client.post(
        reverse("admin:partnerships_cooperationactivity_add"), _activity_form(partnership, upload)
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["file"]
    assert not CooperationActivity.objects.filter(title_en="Guide").exists()
