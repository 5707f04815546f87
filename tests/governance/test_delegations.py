"""Delegations: the focal point registers and submits; the secretariat accredits or returns."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from governance import services
from governance.demo import minimal_pdf
from governance.models import Delegation
from tests.factories import AssemblySessionFactory


@pytest.fixture
def next_session(host):
    return AssemblySessionFactory(
        number=2,
        start_date=datetime.date(2099, 12, 6),
        end_date=datetime.date(2099, 12, 8),
        status="planned",
        registration_deadline=timezone.now() + datetime.timedelta(days=30),
    )


def credentials(name="credentials.pdf", content=None):
    return SimpleUploadedFile(name, content or minimal_pdf("Credentials"))


def post_delegation(client, session, *, head, members=(), letter=None):
    data = {
        "action": "save",
        "members-TOTAL_FORMS": "3",
        "members-INITIAL_FORMS": "0",
        "members-MIN_NUM_FORMS": "0",
        "members-MAX_NUM_FORMS": "30",
    }
    for key, value in head.items():
        data[f"head-{key}"] = value
    for index, member in enumerate(members):
        for key, value in member.items():
            data[f"members-{index}-{key}"] = value
    if letter is not None:
        data["head-credentials_letter"] = letter
    return client.post(reverse("governance:delegation", args=[session.number]), data)


@pytest.mark.clock
def test_focal_point_registers_and_submits_the_delegation(
    client, focal_a, delegate_a, member_a, next_session
):
    client.force_login(focal_a)
    response = post_delegation(
        client,
        next_session,
        head={"user": focal_a.pk},
        members=[
            {"user": delegate_a.pk},
            {"guest_name": "Amina Hassan", "guest_email": "amina@ministry.example"},
        ],
        letter=credentials(),
    )
    assert response.status_code == 302
    delegation = Delegation.objects.get(session=next_session, organisation=member_a)
    assert delegation.status == "draft"
    assert delegation.credentials_original_filename == "credentials.pdf"
    assert [(m.is_head, m.name, m.email) for m in delegation.members.all()] == [
        (True, str(focal_a), "focal@member-a.example"),
        (False, str(delegate_a), "delegate@member-a.example"),
        (False, "Amina Hassan", "amina@ministry.example"),
    ]
    client.post(reverse("governance:delegation", args=[2]), {"action": "submit"})
    delegation.refresh_from_db()
    assert delegation.status == "submitted"


def test_another_tenants_user_is_refused_in_the_delegation(
    client, focal_a, delegate_b, member_a, next_session
):
    client.force_login(focal_a)
    response = post_delegation(
        client, next_session, head={"user": delegate_b.pk}, letter=credentials()
    )
    assert response.status_code == 200
    assert response.context["head_form"].errors["user"] == [
        "Select a valid choice. That choice is not one of the available choices."
    ]
    assert not Delegation.objects.exists()


def test_service_refuses_another_tenants_user_as_a_backstop(
    focal_a, delegate_b, member_a, next_session
):
    with pytest.raises(ValidationError) as refused:
        services.delegation_save(
            session=next_session,
            organisation=member_a,
            head={"user": delegate_b},
            members=[],
            by=focal_a,
        )
    assert refused.value.code == "other_tenant"
    assert not Delegation.objects.exists()


def test_credentials_letter_must_be_a_pdf(client, focal_a, next_session):
    client.force_login(focal_a)
    fake = SimpleUploadedFile("letter.pdf", b"<html>not a letter</html>")
    response = post_delegation(client, next_session, head={"user": focal_a.pk}, letter=fake)
    assert response.context["head_form"].errors["credentials_letter"] == [
        "Upload a PDF, DOCX, XLSX, PPTX, ODT or ODS file."
    ]
    assert not Delegation.objects.exists()


def test_one_delegation_per_organisation_and_session(member_a, next_session):
    Delegation.objects.create(session=next_session, organisation=member_a)
    with pytest.raises(IntegrityError):
        Delegation.objects.create(session=next_session, organisation=member_a)


def test_delegate_cannot_register_the_delegation(client, delegate_a, next_session):
    client.force_login(delegate_a)
    response = post_delegation(client, next_session, head={"user": delegate_a.pk})
    assert response.status_code == 404
    assert not Delegation.objects.exists()


@pytest.mark.clock
def test_after_the_deadline_only_the_secretariat_changes_the_delegation(
    client, focal_a, delegate_a, member_a, next_session, conference_officer
):
    delegation = services.delegation_save(
        session=next_session,
        organisation=member_a,
        head={"user": focal_a},
        members=[],
        by=focal_a,
    )
    next_session.registration_deadline = timezone.now() - datetime.timedelta(minutes=1)
    next_session.save()
    client.force_login(focal_a)
    response = post_delegation(client, next_session, head={"user": delegate_a.pk})
    assert response.status_code == 302
    assert [m.user for m in delegation.members.all()] == [focal_a]
    with pytest.raises(ValidationError):
        services.delegation_save(
            session=next_session,
            organisation=member_a,
            head={"user": delegate_a},
            members=[],
            by=focal_a,
        )
    services.delegation_save(
        session=next_session,
        organisation=member_a,
        head={"user": delegate_a},
        members=[],
        by=conference_officer,
    )
    assert [m.user for m in delegation.members.all()] == [delegate_a]


def test_accreditation_emails_the_focal_point_after_commit(
    focal_a, member_a, next_session, conference_officer, django_capture_on_commit_callbacks
):
    delegation = Delegation.objects.create(
        session=next_session, organisation=member_a, status="submitted"
    )
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.delegation_accredit(delegation=delegation, by=conference_officer)
    assert mail.outbox == []
    for callback in callbacks:
        callback()
    assert [m.to for m in mail.outbox] == [["focal@member-a.example"]]
    assert mail.outbox[0].subject == (
        "Your delegation to General Assembly, session 2 is accredited"
    )
    delegation.refresh_from_db()
    assert delegation.status == "accredited"


def test_returning_needs_a_reason_which_is_emailed(
    focal_a, member_a, next_session, conference_officer, django_capture_on_commit_callbacks
):
    delegation = Delegation.objects.create(
        session=next_session, organisation=member_a, status="submitted"
    )
    with pytest.raises(ValidationError):
        services.delegation_return(delegation=delegation, reason="  ", by=conference_officer)
    with django_capture_on_commit_callbacks(execute=True):
        services.delegation_return(
            delegation=delegation, reason="The letter is not signed.", by=conference_officer
        )
    assert "Reason: The letter is not signed." in mail.outbox[0].body


def test_focal_point_cannot_accredit(focal_a, member_a, next_session):
    delegation = Delegation.objects.create(
        session=next_session, organisation=member_a, status="submitted"
    )
    with pytest.raises(ValidationError):
        services.delegation_accredit(delegation=delegation, by=focal_a)
    delegation.refresh_from_db()
    assert delegation.status == "submitted"


def test_secretariat_returns_a_delegation_in_the_back_office(
    client, conference_officer, focal_a, member_a, next_session, django_capture_on_commit_callbacks
):
    delegation = Delegation.objects.create(
        session=next_session, organisation=member_a, status="submitted"
    )
    client.force_login(conference_officer)
    url = reverse("admin:governance_delegation_change", args=[delegation.pk])
    data = {
        "status": "returned",
        "return_reason": "",
        "credentials_received": "none",
        "members-TOTAL_FORMS": "0",
        "members-INITIAL_FORMS": "0",
        "members-MIN_NUM_FORMS": "0",
        "members-MAX_NUM_FORMS": "1000",
    }
    response = client.post(url, data)
    assert response.status_code == 200  # a reason is required
    delegation.refresh_from_db()
    assert delegation.status == "submitted"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {**data, "return_reason": "Name the head of delegation."})
    assert response.status_code == 302
    delegation.refresh_from_db()
    assert (delegation.status, delegation.return_reason) == (
        "returned",
        "Name the head of delegation.",
    )
    assert [m.to for m in mail.outbox] == [["focal@member-a.example"]]


def test_members_see_accredited_delegations_and_the_public_does_not(
    client, delegate_b, member_a, focal_a, next_session
):
    delegation = Delegation.objects.create(
        session=next_session, organisation=member_a, status="accredited"
    )
    delegation.members.create(user=focal_a, is_head=True)
    Delegation.objects.create(
        session=next_session, organisation=delegate_b.memberships.get().organisation
    )
    url = reverse("governance:session_detail", args=[2])
    assert client.get(url).context["delegations"] is None
    assert "Accredited delegations" not in client.get(url).content.decode()
    client.force_login(delegate_b)
    delegations = client.get(url).context["delegations"]
    assert [d.organisation.slug for d in delegations] == ["member-a"]


def test_credentials_letter_is_private_to_the_organisation_and_the_secretariat(
    client, focal_a, delegate_b, member_a, next_session, conference_officer
):
    delegation = services.delegation_save(
        session=next_session,
        organisation=member_a,
        head={"user": focal_a},
        members=[],
        credentials_letter=credentials("Lettre de créance.pdf"),
        by=focal_a,
    )
    url = reverse("governance:delegation_credentials", args=[delegation.pk])
    missing = reverse("governance:delegation_credentials", args=[delegation.pk + 99])
    client.force_login(delegate_b)
    theirs, nothing = client.get(url), client.get(missing)
    assert (theirs.status_code, theirs.content) == (404, nothing.content)
    client.force_login(conference_officer)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        "inline; filename*=utf-8''Lettre%20de%20cr%C3%A9ance.pdf"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    client.force_login(focal_a)
    assert b"".join(client.get(url).streaming_content).startswith(b"%PDF-")
