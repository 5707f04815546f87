"""The home page: mission, key figures computed from the data, featured members, mission links."""

import datetime
import re

import pytest
from django.utils import timezone

from members.models import Organisation
from tests.factories import AssemblySessionFactory, OrganisationFactory, PageFactory


def _figures(html):
    return dict(re.findall(r"<div><dt>([^<]+)</dt><dd>(\d+)</dd></div>", html))


def test_home_key_figures_count_public_organisations_by_kind(client, host):
    for number in range(3):
        OrganisationFactory(slug=f"state-{number}")
    OrganisationFactory(slug="withdrawn", status=Organisation.Status.WITHDRAWN)
    OrganisationFactory(slug="assoc", kind=Organisation.Kind.ASSOCIATE_MEMBER)
    for number in range(2):
        OrganisationFactory(slug=f"ngo-{number}", kind=Organisation.Kind.PARTNER_NGO)
    html = client.get("/en/").content.decode()
    assert _figures(html) == {
        "Founding states": "3",
        "Associate members": "1",
        "Partner NGOs": "2",
        "Working languages": "4",
    }


@pytest.mark.clock
def test_home_shows_the_mission_statement(client, db):
    html = client.get("/en/").content.decode()
    assert "<h1>Building the education we need, shaping the world we want</h1>" in html
    assert "Founded in Djibouti on 29 January 2020" in html


def test_home_shows_featured_public_members_only(client, db):
    OrganisationFactory(
        slug="occe", name_en="OCCE", featured=True, kind=Organisation.Kind.ASSOCIATE_MEMBER
    )
    OrganisationFactory(slug="plain", name_en="Not featured")
    OrganisationFactory(
        slug="pending",
        name_en="Pending featured",
        featured=True,
        status=Organisation.Status.PENDING,
    )
    OrganisationFactory(
        slug="ngo", name_en="Featured NGO", featured=True, kind=Organisation.Kind.PARTNER_NGO
    )
    html = client.get("/en/").content.decode()
    featured = re.findall(r'<h3 class="org-card-name"><a href="([^"]+)">([^<]+)</a></h3>', html)
    assert featured == [("/en/members/occe/", "OCCE")]


def test_home_links_to_the_mission_pages(client, host):
    about = PageFactory(organisation=host, slug="about", title_en="Who we are")
    PageFactory(organisation=host, slug="governance", title_en="Governance", parent=about)
    PageFactory(organisation=host, slug="draft", title_en="Draft", status="draft")
    html = client.get("/en/").content.decode()
    links = re.search(r'<ul class="link-grid">(.*?)</ul>', html, re.S).group(1)
    assert re.findall(r'<a href="([^"]+)">', links) == ["/en/about/", "/en/governance/"]


def test_home_query_count_with_many_members_and_pages(client, host, django_assert_max_num_queries):
    for number in range(30):
        logo = f"organisations/logos/{number}.png" if number % 2 else ""
        OrganisationFactory(slug=f"state-{number}", featured=True, logo=logo)
    for number in range(30):
        PageFactory(organisation=host, slug=f"page-{number}")
    # figures, featured members, menu, latest news, next session
    with django_assert_max_num_queries(5):
        response = client.get("/en/")
    html = response.content.decode()
    assert html.count('<h3 class="org-card-name"><a href="/en/members/state-') == 30
    assert html.count('class="emblem emblem-small emblem-logo"') == 15
    assert _figures(html)["Founding states"] == "30"


# The hero, the mission links, the figures and the next session's card are kept by what they
# show (members.templatetags.kept_html): each edit below must show on the next visit.


def test_home_key_figures_show_a_new_member_at_once(client, host):
    OrganisationFactory(slug="state-1")
    assert _figures(client.get("/en/").content.decode())["Founding states"] == "1"
    OrganisationFactory(slug="state-2")
    assert _figures(client.get("/en/").content.decode())["Founding states"] == "2"


def test_home_mission_links_show_an_edited_page_at_once(client, host):
    about = PageFactory(organisation=host, slug="about", title_en="Who we are")
    assert ">Who we are</a>" in client.get("/en/").content.decode()
    about.title_en = "About the Organisation"
    about.save()
    html = client.get("/en/").content.decode()
    links = re.search(r'<ul class="link-grid">(.*?)</ul>', html, re.S).group(1)
    assert ">About the Organisation</a>" in links
    assert "Who we are" not in html


def test_home_next_session_shows_an_edit_of_it_or_its_organ_at_once(client, host):
    today = timezone.localdate()
    session = AssemblySessionFactory(
        number=2, start_date=today, end_date=today + datetime.timedelta(days=2), status="planned"
    )
    assert "<bdi>Geneva</bdi>" in client.get("/en/").content.decode()
    session.venue_en = "Djibouti"
    session.save()
    assert "<bdi>Djibouti</bdi>" in client.get("/en/").content.decode()
    session.organ.name_en = "Plenary Assembly"
    session.organ.save()
    assert "Plenary Assembly, session 2" in client.get("/en/").content.decode()
