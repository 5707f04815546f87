"""A member's microsite overview: facts, logo, website, team, and the way to join."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from members.models import Organisation
from tests.factories import AssociateMemberFactory, OrganisationFactory, TeamMemberFactory
from tests.members.conftest import image_bytes


def test_microsite_shows_the_organisations_facts_and_team_in_order(client, db):
    occe = AssociateMemberFactory(
        slug="occe",
        name_en="Central Office for Cooperation at School",
        summary_en="Helps schools run pupil cooperatives.",
        country="FR",
        joined_on=datetime.date(2021, 12, 7),
        website="https://occe.example/",
    )
    TeamMemberFactory(organisation=occe, name="Claire Dupont", order=2)
    TeamMemberFactory(organisation=occe, name="Maha Madu", order=1, role_title_en="Director")
    response = client.get(reverse("members:microsite", args=["occe"]))
    assert response.status_code == 200
    assert [person.name for person in response.context["team"]] == ["Maha Madu", "Claire Dupont"]
    content = response.content.decode()
    assert "<h1>Central Office for Cooperation at School</h1>" in content
    assert "<li>Associate member</li>" in content
    assert "<li>Civil society</li>" in content
    assert (
        '<img class="flag" src="/static/flags/4x3/fr.svg" width="20" height="15" alt=""'
        ' aria-hidden="true" loading="lazy"> France' in content
    )
    assert "Europe and North America" in content
    assert '<time datetime="2021-12-07">' in content
    assert 'href="https://occe.example/" rel="noopener external" dir="ltr"' in content
    assert "Helps schools run pupil cooperatives." in content
    assert "<h3>Maha Madu</h3>" in content
    assert '<p class="team-role">Director</p>' in content
    assert content.count(f'href="{reverse("members:join", args=["occe"])}"') == 2


def test_microsite_shows_the_team_role_in_the_visitors_language(client, db):
    occe = AssociateMemberFactory(slug="occe")
    TeamMemberFactory(organisation=occe, role_title_en="Coordinator", role_title_fr="")
    TeamMemberFactory(
        organisation=occe, role_title_en="Director", role_title_fr="Directrice", name="Maha"
    )
    content = client.get("/fr/members/occe/").content.decode()
    assert '<p class="team-role">Directrice</p>' in content
    # Missing French falls back to English.
    assert '<p class="team-role" lang="en" dir="ltr">Coordinator</p>' in content


def test_microsite_shows_the_logo(client, db):
    organisation = OrganisationFactory(slug="senegal", name_en="Senegal")
    organisation.logo.save("logo.png", SimpleUploadedFile("logo.png", image_bytes("PNG")))
    content = client.get(reverse("members:microsite", args=["senegal"])).content.decode()
    # The name is the heading beside it: the logo is decoration, read once as the heading.
    assert (
        f'<img class="emblem emblem-large emblem-logo" src="{organisation.logo.url}"'
        ' width="120" height="120" alt="">' in content
    )


def test_microsite_of_a_partner_has_no_join_form(client, db):
    OrganisationFactory(slug="ngo", kind=Organisation.Kind.PARTNER_NGO)
    response = client.get(reverse("members:microsite", args=["ngo"]))
    assert response.status_code == 200
    assert response.context["accepts_join_requests"] is False
    assert client.get(reverse("members:join", args=["ngo"])).status_code == 404


def test_microsite_of_a_suspended_member_is_not_found_for_visitors(client, db):
    OrganisationFactory(slug="hidden", status=Organisation.Status.SUSPENDED)
    assert client.get(reverse("members:microsite", args=["hidden"])).status_code == 404
    assert client.get(reverse("members:join", args=["hidden"])).status_code == 404


def test_microsite_query_count_does_not_grow_with_the_team(
    client, db, django_assert_max_num_queries
):
    occe = AssociateMemberFactory(slug="occe", logo="organisations/logos/occe.png")
    TeamMemberFactory.create_batch(30, organisation=occe)
    # The organisation, its team, and what the pages/news tags need.
    with django_assert_max_num_queries(6):
        response = client.get(reverse("members:microsite", args=["occe"]))
    assert len(response.context["team"]) == 30


def test_microsite_offers_its_editors_a_link_to_edit_the_team(client, editor_a, delegate_a):
    url = reverse("members:microsite", args=["member-a"])
    link = f'href="{reverse("members:team")}"'
    client.force_login(editor_a)
    assert link in client.get(url).content.decode()
    client.force_login(delegate_a)
    assert link not in client.get(url).content.decode()
    client.logout()
    assert link not in client.get(url).content.decode()


def test_microsite_of_another_organisation_offers_no_team_link(client, editor_a, member_b):
    client.force_login(editor_a)
    content = client.get(reverse("members:microsite", args=["member-b"])).content.decode()
    assert f'href="{reverse("members:team")}"' not in content
