"""The back office of conference services: every governance page opens for them, not for others."""

import pytest
from django.urls import reverse

from tests.factories import (
    DecisionFactory,
    DocumentFactory,
    DocumentFileFactory,
    OfficeHolderFactory,
)

MODELS = [
    "organ",
    "assemblysession",
    "document",
    "documentdownload",
    "decision",
    "delegation",
    "officeholder",
]


@pytest.fixture
def rows(host, first_session, budget_item):
    document = DocumentFactory(session=first_session, organisation=host)
    DocumentFileFactory(document=document)
    DecisionFactory(session=first_session)
    OfficeHolderFactory(organisation=host)


@pytest.mark.parametrize("model", MODELS)
def test_conference_officer_opens_every_governance_list(client, conference_officer, rows, model):
    client.force_login(conference_officer)
    assert client.get(reverse(f"admin:governance_{model}_changelist")).status_code == 200


@pytest.mark.parametrize("model", ["organ", "assemblysession", "document", "decision"])
def test_conference_officer_opens_every_add_form(client, conference_officer, rows, model):
    client.force_login(conference_officer)
    assert client.get(reverse(f"admin:governance_{model}_add")).status_code == 200


def test_governance_is_not_in_a_partnerships_officers_back_office(client, officer_with_totp):
    from members.models import Role

    officer = officer_with_totp(Role.PARTNERSHIPS, "partnerships@oec.example")
    client.force_login(officer)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert "/admin/governance/" not in response.content.decode()
    assert client.get(reverse("admin:governance_document_changelist")).status_code == 403


def test_conference_officer_opens_a_document_and_a_delegation(
    client, conference_officer, member_a, first_session, rows
):
    from governance.models import Delegation, Document

    delegation = Delegation.objects.create(session=first_session, organisation=member_a)
    client.force_login(conference_officer)
    document = Document.objects.get()
    assert (
        client.get(reverse("admin:governance_document_change", args=[document.pk])).status_code
        == 200
    )
    response = client.get(reverse("admin:governance_delegation_change", args=[delegation.pk]))
    assert response.status_code == 200


def test_document_history_opens_for_a_conference_officer(client, conference_officer, rows):
    from governance.models import Document

    document = Document.objects.get()
    document.access = "members"
    document.save()
    client.force_login(conference_officer)
    response = client.get(reverse("admin:governance_document_history", args=[document.pk]))
    assert response.status_code == 200
    assert list(document.history.values_list("access", flat=True)) == ["members", "public"]


def test_document_and_delegation_pages_link_their_files_audited_downloads(
    client, conference_officer, member_a, first_session, rows
):
    from governance.models import Delegation, Document, DocumentDownload
    from members.models import PrivateFileDownload
    from tests.factories import governance_pdf_file

    delegation = Delegation.objects.create(
        session=first_session,
        organisation=member_a,
        credentials_letter=governance_pdf_file("Credentials"),
        credentials_original_filename="lettre.pdf",
    )
    document = Document.objects.get()
    client.force_login(conference_officer)
    page = client.get(reverse("admin:governance_document_change", args=[document.pk]))
    file_url = document.files.get().get_absolute_url()
    assert f'Currently: <a href="{file_url}">report.pdf</a>' in page.content.decode()
    page = client.get(reverse("admin:governance_delegation_change", args=[delegation.pk]))
    letter_url = reverse("governance:delegation_credentials", args=[delegation.pk])
    assert f'<a href="{letter_url}">lettre.pdf</a>' in page.content.decode()

    assert client.get(file_url).status_code == 200
    assert client.get(letter_url).status_code == 200
    assert DocumentDownload.objects.get().user == conference_officer
    audit = PrivateFileDownload.objects.get()
    assert (audit.what, audit.object_id, audit.owner, audit.user) == (
        "governance.delegation.credentials_letter",
        delegation.pk,
        member_a,
        conference_officer,
    )


def test_a_partnerships_officer_cannot_open_a_document_in_the_back_office(
    client, host, with_totp, rows
):
    # On the public site they read every document (governance.read_document); the admin's
    # governance.view_document is conference services' only.
    from governance.models import Document
    from members.models import Role
    from tests.factories import user_with_role

    officer = user_with_role(host, Role.PARTNERSHIPS, email="partnerships@oec.example")
    with_totp(officer)
    client.force_login(officer)
    document = Document.objects.get()
    assert officer.has_perm("governance.read_document", document) is True
    response = client.get(reverse("admin:governance_document_change", args=[document.pk]))
    assert response.status_code == 403


def test_the_file_download_trail_is_for_administrators_only(
    client, conference_officer, secretariat_admin, with_totp
):
    url = reverse("admin:members_privatefiledownload_changelist")
    client.force_login(conference_officer)
    assert client.get(url).status_code == 403
    assert client.get(reverse("admin:governance_documentdownload_changelist")).status_code == 200
    with_totp(secretariat_admin)
    client.force_login(secretariat_admin)
    assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    "audit_trail", ["governance_documentdownload", "members_privatefiledownload"]
)
def test_no_one_adds_to_an_audit_trail_by_hand(client, secretariat_admin, with_totp, audit_trail):
    with_totp(secretariat_admin)
    client.force_login(secretariat_admin)
    assert client.get(reverse(f"admin:{audit_trail}_add")).status_code == 403


def test_a_sessions_page_has_its_meetings_and_deadlines_in_the_venues_time(
    client, conference_officer, host
):
    import datetime

    from tests.factories import AssemblySessionFactory, DeadlineFactory, MeetingFactory

    session = AssemblySessionFactory(
        number=7,
        time_zone="Asia/Amman",
        start_date=datetime.date(2026, 10, 5),
        end_date=datetime.date(2026, 10, 7),
        registration_deadline=datetime.datetime(2026, 9, 1, 15, tzinfo=datetime.UTC),
    )
    MeetingFactory(session=session, title_en="Opening plenary")
    DeadlineFactory(
        session=session, due_at=datetime.datetime(2026, 9, 28, 14, 30, tzinfo=datetime.UTC)
    )
    client.force_login(conference_officer)
    page = client.get(reverse("admin:governance_assemblysession_change", args=[session.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert 'name="meetings-TOTAL_FORMS" value="1"' in text
    assert 'name="deadlines-TOTAL_FORMS" value="1"' in text
    assert "Opening plenary" in text
    # 15:00 and 14:30 UTC are 18:00 and 17:30 in Amman (UTC+3).
    assert 'name="registration_deadline_1" value="18:00:00"' in text
    assert 'name="deadlines-0-due_at_1" value="17:30:00"' in text
