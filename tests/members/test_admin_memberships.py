"""An organisation's change page in the back office lists its memberships."""

from django.urls import reverse

from members.models import Role
from tests.factories import user_with_role


def test_organisation_change_page_reads_each_membership_with_its_user(
    client, member_a, officer_with_totp, django_assert_num_queries
):
    client.force_login(officer_with_totp(Role.ADMINISTRATOR, "admin@oec.example"))
    url = reverse("admin:members_organisation_change", args=[member_a.pk])
    for role in (Role.FOCAL_POINT, Role.EDITOR, Role.DELEGATE):
        user_with_role(member_a, role, first_name="Ana", last_name=role)
    client.get(url)

    # The two-factor check, the organisation, its memberships (with their users), its team,
    # and the user shown in each membership's autocomplete box.
    with django_assert_num_queries(4 + 3):
        response = client.get(url)

    assert response.status_code == 200
    assert "Ana delegate · Member A (Delegate)" in response.text
