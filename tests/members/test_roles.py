"""What each role may do, asked through the one policy (members.permissions)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from members.models import Membership, Role
from members.permissions import is_secretariat, must_use_two_factor
from members.services import membership_grant, membership_remove


@pytest.mark.parametrize(
    ("user_fixture", "can_manage_people_of_a"),
    [
        ("focal_a", True),
        ("editor_a", False),
        ("delegate_a", False),
        ("focal_b", False),
        ("partner_contact", False),
        ("secretariat_editor", False),
        ("secretariat_admin", True),
    ],
)
def test_manage_people_permission_per_role(request, member_a, user_fixture, can_manage_people_of_a):
    user = request.getfixturevalue(user_fixture)
    assert user.has_perm("members.manage_people", member_a) is can_manage_people_of_a


@pytest.mark.parametrize(
    ("user_fixture", "can_edit_microsite_of_a"),
    [
        ("focal_a", True),
        ("editor_a", True),
        ("delegate_a", False),
        ("focal_b", False),
        ("partner_contact", False),
        ("secretariat_editor", True),
        ("secretariat_admin", True),
    ],
)
def test_edit_microsite_permission_per_role(
    request, member_a, user_fixture, can_edit_microsite_of_a
):
    user = request.getfixturevalue(user_fixture)
    assert user.has_perm("members.edit_microsite", member_a) is can_edit_microsite_of_a


def test_people_page_refuses_a_delegate(client, delegate_a):
    client.force_login(delegate_a)
    assert client.get(reverse("members:people")).status_code == 403


def test_people_page_refuses_visitors_with_a_login_redirect(client):
    response = client.get(reverse("members:people"))
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


def test_secretariat_powers_come_from_host_membership(host, member_a):
    from tests.factories import UserFactory

    user = UserFactory()
    assert not is_secretariat(user)
    membership_grant(user=user, organisation=host, role=Role.PARTNERSHIPS)
    user.refresh_from_db()
    assert is_secretariat(user)
    assert user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == ["partnerships"]


def test_secretariat_staff_flag_goes_with_the_last_host_membership(secretariat_editor):
    membership_remove(membership=Membership.objects.get(user=secretariat_editor))
    secretariat_editor.refresh_from_db()
    assert not secretariat_editor.is_staff
    assert not is_secretariat(secretariat_editor)


def test_a_role_must_fit_the_kind_of_organisation(member_a, partner):
    from tests.factories import UserFactory

    with pytest.raises(ValidationError, match="does not exist in an organisation"):
        membership_grant(user=UserFactory(), organisation=member_a, role=Role.ADMINISTRATOR)
    with pytest.raises(ValidationError):
        membership_grant(user=UserFactory(), organisation=partner, role=Role.FOCAL_POINT)


def test_the_last_focal_point_cannot_be_removed(focal_a):
    with pytest.raises(ValidationError, match="at least one focal point"):
        membership_remove(membership=Membership.objects.get(user=focal_a))


def test_focal_point_removes_a_delegate_of_their_organisation(client, focal_a, delegate_a):
    client.force_login(focal_a)
    membership = Membership.objects.get(user=delegate_a)
    response = client.post(reverse("members:membership_remove", args=[membership.pk]))
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_state_changing_views_refuse_get(client, focal_a, delegate_a):
    client.force_login(focal_a)
    membership = Membership.objects.get(user=delegate_a)
    assert client.get(reverse("members:membership_remove", args=[membership.pk])).status_code == 405
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_two_factor_required_for_secretariat_and_by_setting_for_focal_points(
    settings, secretariat_editor, focal_a, delegate_a
):
    settings.OEC_REQUIRE_2FA_FOR_FOCAL_POINTS = False
    assert must_use_two_factor(secretariat_editor)
    assert not must_use_two_factor(focal_a)
    settings.OEC_REQUIRE_2FA_FOR_FOCAL_POINTS = True
    assert must_use_two_factor(focal_a)
    assert not must_use_two_factor(delegate_a)
