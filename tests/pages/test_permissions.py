"""pages.edit_page: who may edit which organisation's pages (paired allow/deny per role)."""

import pytest

from tests.factories import PageFactory


@pytest.mark.parametrize(
    ("user_fixture", "organisation_fixture", "allowed"),
    [
        ("focal_a", "member_a", True),
        ("editor_a", "member_a", True),
        ("delegate_a", "member_a", False),
        ("focal_a", "member_b", False),
        ("editor_a", "host", False),
        ("focal_b", "member_a", False),
        ("partner_contact", "partner", True),
        ("partner_contact", "member_a", False),
        ("secretariat_editor", "host", True),
        ("secretariat_editor", "member_a", True),
        ("secretariat_admin", "host", True),
    ],
)
def test_edit_page_permission_by_role_and_organisation(
    request, user_fixture, organisation_fixture, allowed
):
    user = request.getfixturevalue(user_fixture)
    organisation = request.getfixturevalue(organisation_fixture)
    page = PageFactory(organisation=organisation, status="draft")
    assert user.has_perm("pages.edit_page", organisation) is allowed
    assert user.has_perm("pages.edit_page", page) is allowed


def test_edit_page_permission_is_refused_to_visitors_and_without_an_object(member_a, editor_a):
    from django.contrib.auth.models import AnonymousUser

    assert AnonymousUser().has_perm("pages.edit_page", member_a) is False
    assert editor_a.has_perm("pages.edit_page") is False
