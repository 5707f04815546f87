"""The tenancy rule: another organisation's private rows are "not found", through every route."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from members.models import Invitation, Membership, Organisation, Role
from members.selectors import organisations_visible_to
from members.services import invitation_create
from tests.factories import OrganisationFactory, UserFactory


@pytest.fixture
def invitation_of_b(member_b, focal_b):
    invitation, _token = invitation_create(
        organisation=member_b,
        email="newcomer@member-b.example",
        role=Role.DELEGATE,
        invited_by=focal_b,
    )
    return invitation


@pytest.mark.clock
def test_revoking_another_organisations_invitation_is_not_found(client, focal_a, invitation_of_b):
    client.force_login(focal_a)
    response = client.post(reverse("members:invitation_revoke", args=[invitation_of_b.pk]))
    assert response.status_code == 404
    invitation_of_b.refresh_from_db()
    assert invitation_of_b.revoked_at is None


def test_not_yours_looks_exactly_like_does_not_exist(client, focal_a, invitation_of_b):
    client.force_login(focal_a)
    theirs = client.post(reverse("members:invitation_revoke", args=[invitation_of_b.pk]))
    missing = client.post(reverse("members:invitation_revoke", args=[invitation_of_b.pk + 999]))
    assert (theirs.status_code, theirs.content) == (missing.status_code, missing.content)


def test_removing_another_organisations_member_is_not_found(client, focal_a, delegate_b):
    client.force_login(focal_a)
    membership = Membership.objects.get(user=delegate_b)
    response = client.post(reverse("members:membership_remove", args=[membership.pk]))
    assert response.status_code == 404
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_people_page_lists_only_the_acting_organisation(client, focal_a, delegate_a, delegate_b):
    client.force_login(focal_a)
    response = client.get(reverse("members:people"))
    assert response.status_code == 200
    emails = {m.user.email for m in response.context["memberships"]}
    assert emails == {"focal@member-a.example", "delegate@member-a.example"}


def test_switching_to_an_organisation_one_does_not_belong_to_is_refused(
    client, delegate_a, member_b
):
    client.force_login(delegate_a)
    response = client.post(reverse("members:organisation_switch"), {"organisation": member_b.pk})
    assert response.status_code == 404
    assert "oec_acting_organisation_id" not in client.session


def test_user_of_two_organisations_switches_the_acting_one(client, delegate_a, member_b):
    from members.services import membership_grant

    membership_grant(user=delegate_a, organisation=member_b, role=Role.EDITOR)
    client.force_login(delegate_a)
    assert client.get(reverse("dashboard")).context["organisation"].slug == "member-a"
    response = client.post(reverse("members:organisation_switch"), {"organisation": member_b.pk})
    assert response.status_code == 302
    assert client.get(reverse("dashboard")).context["organisation"].slug == "member-b"


def test_suspended_organisations_microsite_is_not_found_for_other_tenants(
    client, delegate_a, member_b, delegate_b
):
    member_b.status = Organisation.Status.SUSPENDED
    member_b.save(update_fields=["status"])
    url = reverse("members:microsite", args=["member-b"])
    client.force_login(delegate_a)
    assert client.get(url).status_code == 404
    client.force_login(delegate_b)
    assert client.get(url).status_code == 200


def test_organisations_visible_to_secretariat_includes_every_status(
    secretariat_admin, member_a, member_b
):
    member_b.status = Organisation.Status.WITHDRAWN
    member_b.save(update_fields=["status"])
    assert set(organisations_visible_to(secretariat_admin).values_list("slug", flat=True)) >= {
        "member-a",
        "member-b",
    }


@pytest.mark.clock
def test_expired_invitations_are_not_pending(member_a, focal_a):
    invitation, _token = invitation_create(
        organisation=member_a, email="late@example.org", role=Role.DELEGATE, invited_by=focal_a
    )
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert not Invitation.objects.pending().filter(pk=invitation.pk).exists()


@pytest.mark.parametrize(
    "url_name",
    ["members:people", "members:team", "news:dashboard_list", "pages:dashboard_list"],
)
def test_a_user_with_no_organisation_to_act_for_finds_no_dashboard_page(db, client, url_name):
    client.force_login(UserFactory())
    assert client.get(reverse(url_name)).status_code == 404


@pytest.mark.parametrize(
    "reader", ["anonymous", "delegate_a", "delegate_b", "partner_contact", "secretariat_editor"]
)
def test_read_organisation_permission_and_organisations_visible_to_agree(
    request, host, member_a, member_b, partner, reader
):
    member_b.status = Organisation.Status.SUSPENDED
    member_b.save(update_fields=["status"])
    organisations = [
        host,
        member_a,
        member_b,
        partner,
        OrganisationFactory(slug="pending", status=Organisation.Status.PENDING),
        OrganisationFactory(slug="withdrawn", status=Organisation.Status.WITHDRAWN),
    ]
    user = AnonymousUser() if reader == "anonymous" else request.getfixturevalue(reader)
    visible = set(organisations_visible_to(user))
    for organisation in organisations:
        assert (organisation in visible) is user.has_perm(
            "members.read_organisation", organisation
        ), organisation.slug
