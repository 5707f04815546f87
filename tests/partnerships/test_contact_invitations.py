"""The partnerships officer invites an admitted partner's contacts from its back-office record
(issue 17), without switching organisation; an applicant, a suspended partner and a member state
are refused."""

import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from members.models import Invitation, Membership, Role
from members.services import invitation_accept, partner_contact_invite
from tests.factories import ContactFactory, PartnershipFactory, UserFactory, user_with_role


@pytest.fixture
def officer_client(client, partnerships_officer, with_totp):
    with_totp(partnerships_officer)
    client.force_login(partnerships_officer)
    return client


def invite_url(partnership):
    return reverse("admin:partnerships_partnership_invite", args=[partnership.pk])


@pytest.fixture
def applicant():
    return PartnershipFactory(status="applicant", admitted_on=None, organisation__status="pending")


def test_officer_invites_a_contact_on_record_and_the_link_is_mailed(
    officer_client, partnership, partnerships_officer, django_capture_on_commit_callbacks
):
    contact = ContactFactory(organisation=partnership.organisation, email="amina@ngo.example")
    page = officer_client.get(invite_url(partnership)).content.decode()
    assert "amina@ngo.example" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = officer_client.post(invite_url(partnership), {"email": contact.email})
    assert response.status_code == 302
    assert response["Location"] == invite_url(partnership)
    invitation = Invitation.objects.get()
    assert (invitation.organisation, invitation.email, invitation.role, invitation.invited_by) == (
        partnership.organisation,
        "amina@ngo.example",
        Role.PARTNER_CONTACT,
        partnerships_officer,
    )
    assert [message.to for message in mail.outbox] == [["amina@ngo.example"]]
    assert "Invited on" in officer_client.get(invite_url(partnership)).content.decode()


def test_accepted_invitation_makes_a_partner_contact(partnership, partnerships_officer):
    _invitation, token = partner_contact_invite(
        organisation=partnership.organisation, email="new@ngo.example", invited_by=None
    )
    user = UserFactory(email="new@ngo.example")
    membership = invitation_accept(token=token, user=user)
    assert (membership.organisation, membership.role) == (
        partnership.organisation,
        Role.PARTNER_CONTACT,
    )
    assert user.has_perm("partnerships.edit_profile", partnership.organisation)


def test_change_page_links_the_invitations_of_an_admitted_partner_only(
    officer_client, partnership, applicant
):
    admitted = officer_client.get(
        reverse("admin:partnerships_partnership_change", args=[partnership.pk])
    )
    assert invite_url(partnership) in admitted.content.decode()
    pending = officer_client.get(
        reverse("admin:partnerships_partnership_change", args=[applicant.pk])
    )
    assert invite_url(applicant) not in pending.content.decode()


@pytest.mark.parametrize("status", ["applicant", "suspended", "ended"])
def test_officer_cannot_invite_into_a_partner_not_admitted(
    officer_client, partnerships_officer, status
):
    organisation_status = {"applicant": "pending", "suspended": "suspended", "ended": "withdrawn"}
    partnership = PartnershipFactory(
        status=status, organisation__status=organisation_status[status]
    )
    assert officer_client.get(invite_url(partnership)).status_code == 403
    assert officer_client.post(invite_url(partnership), {"email": "x@ngo.example"}).status_code == (
        403
    )
    with pytest.raises(ValidationError) as refused:
        partner_contact_invite(
            organisation=partnership.organisation,
            email="x@ngo.example",
            invited_by=partnerships_officer,
        )
    assert refused.value.code == "not_admitted_partner"
    assert not Invitation.objects.exists()


def test_officer_cannot_invite_into_a_member_state(partnerships_officer, member_a, partnership):
    assert partnerships_officer.has_perm(
        "members.invite_partner_contacts", partnership.organisation
    )
    assert not partnerships_officer.has_perm("members.invite_partner_contacts", member_a)
    assert not partnerships_officer.has_perm("members.manage_people", member_a)
    with pytest.raises(ValidationError):
        partner_contact_invite(
            organisation=member_a, email="x@member-a.example", invited_by=partnerships_officer
        )
    assert not Invitation.objects.exists()


def test_officer_cannot_act_for_a_member_state_to_invite_there(officer_client, member_a):
    response = officer_client.post(
        reverse("members:organisation_switch"), {"organisation": member_a.pk}
    )
    assert response.status_code == 404
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("role", [Role.COMMUNICATIONS, Role.CONFERENCE_SERVICES])
def test_other_officers_cannot_invite_partner_contacts(client, host, with_totp, partnership, role):
    officer = user_with_role(host, role, email=f"{role}@oec.example")
    with_totp(officer)
    client.force_login(officer)
    assert not officer.has_perm("members.invite_partner_contacts", partnership.organisation)
    assert client.post(invite_url(partnership), {"email": "x@ngo.example"}).status_code == 403
    assert not Invitation.objects.exists()


def test_partner_contact_cannot_use_the_back_office_invitations(
    client, partnership, partner_contact
):
    client.force_login(partner_contact)
    response = client.post(invite_url(partnership), {"email": "x@ngo.example"})
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert not Invitation.objects.exists()


def test_an_address_already_signing_in_for_the_partner_is_refused(
    officer_client, partnership, partner_contact
):
    response = officer_client.post(invite_url(partnership), {"email": partner_contact.email})
    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [
        f"{partner_contact.email} already belongs to this organisation."
    ]
    assert not Invitation.objects.exists()


def test_a_bad_address_is_refused_and_nothing_is_written(officer_client, partnership):
    response = officer_client.post(invite_url(partnership), {"email": "not-an-address"})
    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert not Invitation.objects.exists()


def test_officer_withdraws_a_pending_invitation(officer_client, partnership, member_a):
    invitation, _token = partner_contact_invite(
        organisation=partnership.organisation, email="late@ngo.example", invited_by=None
    )
    response = officer_client.post(invite_url(partnership), {"withdraw": str(invitation.pk)})
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None


def test_officer_cannot_withdraw_an_invitation_of_another_organisation(
    officer_client, partnership, focal_a, member_a
):
    from members.services import invitation_create

    other, _token = invitation_create(
        organisation=member_a, email="someone@member-a.example", role="delegate", invited_by=focal_a
    )
    for value in (str(other.pk), "not-a-number"):
        response = officer_client.post(invite_url(partnership), {"withdraw": value})
        assert response.status_code == 404
    other.refresh_from_db()
    assert other.revoked_at is None


def test_invitation_page_shows_who_signs_in_and_who_is_invited(
    officer_client, partnership, partner_contact, django_assert_max_num_queries
):
    ContactFactory(organisation=partnership.organisation, email=partner_contact.email)
    for number in range(3):
        ContactFactory(organisation=partnership.organisation, email=f"c{number}@ngo.example")
        partner_contact_invite(
            organisation=partnership.organisation,
            email=f"c{number}@ngo.example",
            invited_by=None,
        )
    with django_assert_max_num_queries(20):
        response = officer_client.get(invite_url(partnership))
    page = response.content.decode()
    assert page.count("Invited on") == 3
    assert "Signs in for this partner" in page
    assert Membership.objects.filter(organisation=partnership.organisation).count() == 1
    assert re.search(r'name="withdraw" value="\d+"', page)
