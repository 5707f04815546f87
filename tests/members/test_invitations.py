"""Member accounts exist only by invitation: single use, expiring, mailed to the invitee."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from members.models import Invitation, Membership, Role
from members.services import invitation_accept, invitation_create
from tests.members.conftest import assert_totp_setup_shows_without_a_second_password


def _link_token(message):
    return re.search(r"/accounts/invitation/([\w-]+)/", message.body).group(1)


@pytest.mark.clock
def test_focal_point_invites_a_delegate_and_the_link_is_mailed(
    client, focal_a, django_capture_on_commit_callbacks
):
    client.force_login(focal_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("members:people"), {"email": "New.Person@Example.org", "role": "delegate"}
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role, invitation.invited_by) == (
        "new.person@example.org",
        Role.DELEGATE,
        focal_a,
    )
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new.person@example.org"]
    token = _link_token(mail.outbox[0])
    # Only the hash is kept.
    assert token not in invitation.token_hash
    assert invitation.token_hash == Invitation.hash_token(token)


def test_invitation_form_rejects_a_role_of_another_kind_and_changes_nothing(client, focal_a):
    client.force_login(focal_a)
    response = client.post(
        reverse("members:people"), {"email": "x@example.org", "role": "administrator"}
    )
    assert response.status_code == 200
    assert "role" in response.context["form"].errors
    assert not Invitation.objects.exists()


def test_invitation_form_rejects_a_bad_address(client, focal_a):
    client.force_login(focal_a)
    response = client.post(
        reverse("members:people"), {"email": "not-an-address", "role": "delegate"}
    )
    assert response.context["form"].errors["email"] == ["Enter a valid email address."]
    assert not Invitation.objects.exists()


@pytest.mark.clock
def test_invitee_creates_an_account_and_joins(client, member_a, focal_a):
    _invitation, token = invitation_create(
        organisation=member_a, email="invitee@example.org", role=Role.EDITOR, invited_by=focal_a
    )
    url = reverse("members:invitation_accept", args=[token])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "first_name": "Ada",
            "last_name": "Okafor",
            "password1": "correct horse battery staple",
            "password2": "correct horse battery staple",
        },
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(email="invitee@example.org")
    assert Membership.objects.get(user=user).role == Role.EDITOR
    assert user.emailaddress_set.get().verified
    # The invitee is signed in.
    assert client.get(reverse("dashboard")).status_code == 200


def test_invitation_cannot_be_used_twice(client, member_a, focal_a):
    _invitation, token = invitation_create(
        organisation=member_a, email="once@example.org", role=Role.DELEGATE, invited_by=focal_a
    )
    data = {
        "first_name": "A",
        "last_name": "B",
        "password1": "a sturdy passphrase 42",
        "password2": "a sturdy passphrase 42",
    }
    url = reverse("members:invitation_accept", args=[token])
    assert client.post(url, data).status_code == 302
    client.logout()
    response = client.post(url, data)
    assert response.status_code == 404
    assert get_user_model().objects.filter(email="once@example.org").count() == 1


@pytest.mark.clock
def test_expired_invitation_is_refused(client, member_a, focal_a):
    invitation, token = invitation_create(
        organisation=member_a, email="late@example.org", role=Role.DELEGATE, invited_by=focal_a
    )
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    response = client.get(reverse("members:invitation_accept", args=[token]))
    assert response.status_code == 404
    assert b"not valid" in response.content


def test_revoked_invitation_is_refused(client, member_a, focal_a):
    invitation, token = invitation_create(
        organisation=member_a, email="revoked@example.org", role=Role.DELEGATE, invited_by=focal_a
    )
    client.force_login(focal_a)
    client.post(reverse("members:invitation_revoke", args=[invitation.pk]))
    client.logout()
    assert client.get(reverse("members:invitation_accept", args=[token])).status_code == 404


@pytest.mark.clock
def test_a_new_invitation_replaces_the_pending_one(member_a, focal_a):
    first, first_token = invitation_create(
        organisation=member_a, email="twice@example.org", role=Role.DELEGATE, invited_by=focal_a
    )
    invitation_create(
        organisation=member_a, email="twice@example.org", role=Role.EDITOR, invited_by=focal_a
    )
    assert list(Invitation.objects.pending().values_list("role", flat=True)) == ["editor"]


@pytest.mark.clock
def test_an_existing_user_accepts_while_signed_in(client, member_a, focal_a, delegate_b):
    _invitation, token = invitation_create(
        organisation=member_a, email=delegate_b.email, role=Role.DELEGATE, invited_by=focal_a
    )
    url = reverse("members:invitation_accept", args=[token])
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(delegate_b)
    assert client.post(url).status_code == 302
    assert set(delegate_b.memberships.values_list("organisation__slug", flat=True)) == {
        "member-a",
        "member-b",
    }


def test_invitation_for_someone_else_cannot_be_accepted(member_a, focal_a, delegate_b):
    from django.core.exceptions import ValidationError

    _invitation, token = invitation_create(
        organisation=member_a, email="someone@example.org", role=Role.DELEGATE, invited_by=focal_a
    )
    with pytest.raises(ValidationError, match="another e-mail address"):
        invitation_accept(token=token, user=delegate_b)


def test_inviting_someone_already_in_the_organisation_is_refused(member_a, focal_a, delegate_a):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="already belongs"):
        invitation_create(
            organisation=member_a, email=delegate_a.email, role=Role.EDITOR, invited_by=focal_a
        )


def test_weak_password_is_refused_on_acceptance(client, member_a, focal_a):
    _invitation, token = invitation_create(
        organisation=member_a, email="weak@example.org", role=Role.DELEGATE, invited_by=focal_a
    )
    response = client.post(
        reverse("members:invitation_accept", args=[token]),
        {
            "first_name": "W",
            "last_name": "P",
            "password1": "password",
            "password2": "password",
        },
    )
    assert response.status_code == 200
    assert "password1" in response.context["form"].errors
    assert not get_user_model().objects.filter(email="weak@example.org").exists()


def test_new_secretariat_user_sets_up_totp_right_after_accepting_without_a_second_password(
    client, host, secretariat_editor
):
    _invitation, token = invitation_create(
        organisation=host,
        email="new.officer@oec.example",
        role=Role.COMMUNICATIONS,
        invited_by=secretariat_editor,
    )
    response = client.post(
        reverse("members:invitation_accept", args=[token]),
        {
            "first_name": "Nadia",
            "last_name": "Haddad",
            "password1": "a sturdy passphrase 42",
            "password2": "a sturdy passphrase 42",
        },
        follow=True,
    )

    # Signed in through allauth's flow, which records the sign-in: the TOTP page shows its
    # form at once rather than asking for the password just set.
    assert_totp_setup_shows_without_a_second_password(response)
    assert response.context["user"].email == "new.officer@oec.example"
