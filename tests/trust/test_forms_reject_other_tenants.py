"""Forms refuse the ids of another tenant's rows (SECURITY.md C6), paired with the allowed id."""

from governance.forms import DelegationHeadForm
from members.forms import OrganisationSwitchForm
from pages.forms import PageForm


def test_delegation_head_may_be_a_user_of_the_organisation_only(world):
    member_a = world.objects["a"]["organisation"]
    own = DelegationHeadForm(
        {"head-user": world.users["delegate_a"].pk}, prefix="head", organisation=member_a
    )
    other = DelegationHeadForm(
        {"head-user": world.users["delegate_b"].pk}, prefix="head", organisation=member_a
    )
    assert own.is_valid(), own.errors
    assert other.is_valid() is False
    assert list(other.errors) == ["user"]


def test_page_parent_may_be_a_page_of_the_organisation_only(world):
    member_a = world.objects["a"]["organisation"]
    data = {"title_en": "Our schools", "slug": "our-schools"}
    own = PageForm(
        {**data, "parent": world.objects["a"]["published_page"].pk}, organisation=member_a
    )
    other = PageForm(
        {**data, "parent": world.objects["b"]["published_page"].pk}, organisation=member_a
    )
    own.is_valid()
    other.is_valid()
    assert "parent" not in own.errors
    assert "parent" in other.errors


def test_user_may_act_only_for_their_own_organisations(world):
    delegate_a = world.users["delegate_a"]
    own = OrganisationSwitchForm(
        {"organisation": world.objects["a"]["organisation"].pk}, user=delegate_a
    )
    other = OrganisationSwitchForm(
        {"organisation": world.objects["b"]["organisation"].pk}, user=delegate_a
    )
    assert own.is_valid(), own.errors
    assert other.is_valid() is False
    assert list(other.errors) == ["organisation"]


def test_secretariat_administrator_may_act_for_any_organisation(world):
    admin = world.users["secretariat_admin"]
    form = OrganisationSwitchForm(
        {"organisation": world.objects["b"]["organisation"].pk}, user=admin
    )
    assert form.is_valid(), form.errors
