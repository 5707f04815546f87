"""Site search: one box, results grouped by type, never a draft or a private row."""

import re

from members.models import Organisation
from oec_portal.search import SearchGroup, run_search
from pages.models import Page
from tests.factories import (
    ArticleFactory,
    DocumentFactory,
    OrganisationFactory,
    PageFactory,
    PartnerOrganisationFactory,
    PartnershipFactory,
)


def _groups(html):
    """{group heading: [result titles]} of a search page."""
    found = {}
    for heading, body in re.findall(
        r'<h2 id="search-group-\w+">([^<]+)</h2>(.*?)</section>', html, re.S
    ):
        found[heading] = re.findall(r'<li><a href="[^"]+">([^<]+)</a>', body)
    return found


def test_search_groups_results_by_type(client, host, member_a):
    PageFactory(organisation=host, slug="cooperate", title_en="Cooperation between equals")
    OrganisationFactory(
        slug="occe",
        name_en="Office for Cooperation at School",
        kind=Organisation.Kind.ASSOCIATE_MEMBER,
    )
    PartnershipFactory(
        organisation=PartnerOrganisationFactory(slug="ngo", name_en="Cooperation Trust")
    )
    ArticleFactory(organisation=member_a, title_en="Cooperation week", slug="week")
    ArticleFactory(organisation=member_a, title_en="Cooperation draft", status="draft")
    DocumentFactory(organisation=host, title_en="Report on cooperation", symbol="OEC/GA/1/7")
    DocumentFactory(
        organisation=host,
        title_en="Restricted cooperation note",
        symbol="OEC/GA/1/8",
        access="restricted",
        restricted_to=[member_a],
    )
    PageFactory(organisation=host, slug="governance", title_en="Governance")
    html = client.get("/en/search/", {"q": "cooperation"}).content.decode()
    groups = _groups(html)
    assert list(groups) == ["Pages", "News", "Documents", "Members", "Partner NGOs"]
    assert groups["Pages"] == ["Cooperation between equals"]
    assert groups["News"] == ["Cooperation week"]
    assert groups["Documents"] == ["OEC/GA/1/7 — Report on cooperation"]
    assert groups["Members"] == ["Office for Cooperation at School"]
    assert groups["Partner NGOs"] == ["Cooperation Trust"]


def test_search_finds_pages_in_the_visitors_language(client, host):
    PageFactory(
        organisation=host,
        slug="cooperate",
        title_en="How we work",
        title_fr="Comment nous coopérons",
        body_fr="<p>La coopération entre égaux.</p>",
    )
    html = client.get("/fr/search/", {"q": "coopération"}).content.decode()
    assert _groups(html)["Pages"] == ["Comment nous coopérons"]
    assert 'href="/fr/cooperate/"' in html


def test_search_never_returns_a_draft_page_to_anyone(
    client, host, member_a, member_b, editor_a, secretariat_editor, with_totp
):
    PageFactory(organisation=host, slug="draft-host", title_en="Inclusive draft", status="draft")
    PageFactory(organisation=member_a, slug="draft-a", title_en="Inclusive plans A", status="draft")
    PageFactory(organisation=member_b, slug="draft-b", title_en="Inclusive plans B", status="draft")
    PageFactory(organisation=member_b, slug="public-b", title_en="Inclusive schools")
    for user in (None, editor_a, secretariat_editor):
        if user is not None:
            with_totp(user)
            client.force_login(user)
        html = client.get("/en/search/", {"q": "inclusive"}).content.decode()
        assert _groups(html) == {"Pages": ["Inclusive schools"]}


def test_search_never_returns_a_page_or_organisation_that_is_not_public(client, db):
    pending = OrganisationFactory(
        slug="pending", name_en="Inclusive pending member", status=Organisation.Status.PENDING
    )
    PageFactory(organisation=pending, slug="hidden", title_en="Inclusive hidden page")
    html = client.get("/en/search/", {"q": "inclusive"}).content.decode()
    assert _groups(html) == {}
    assert "Nothing matches “inclusive”." in html


def test_search_rows_are_exactly_the_public_rows(db, host, member_a, delegate_a):
    for number in range(12):
        PageFactory(
            organisation=member_a,
            slug=f"p-{number}",
            title_en=f"Education {number}",
            status="draft" if number % 2 else "published",
        )
    groups = run_search(delegate_a, "education", "en")
    titles = {result["title"] for result in groups[0]["results"]}
    assert titles == set(
        Page.objects.published()
        .filter(title_en__icontains="education")
        .values_list("title_en", flat=True)
    )
    assert len(titles) == 6


def test_search_results_are_plain_text_kept_in_the_cache_as_they_are(db, member_a):
    # A lazy translation would be rebuilt at every unpickling (a class per string).
    PageFactory(organisation=member_a, slug="plain", title_en="Education plain")
    groups = run_search(None, "education", "en")
    assert [(type(group["label"]), group["label"]) for group in groups] == [(str, "Pages")]


def test_search_without_a_query_shows_only_the_box(client, db):
    html = client.get("/en/search/").content.decode()
    assert '<input id="search-page-q" type="search" name="q" value="" maxlength="200">' in html
    assert 'role="status"' not in html


def test_search_keeps_the_query_in_the_header_box(client, db):
    html = client.get("/en/search/", {"q": "schools"}).content.decode()
    assert 'name="q" value="schools" placeholder="Search">' in html


def test_each_search_shows_its_own_query_in_the_header_box(client, db):
    # The header around the box is kept (templates/base.html): the box's value is not.
    client.get("/en/search/", {"q": "schools"})
    html = client.get("/en/search/", {"q": "colleges"}).content.decode()
    assert 'name="q" value="colleges" placeholder="Search">' in html
    assert "schools" not in html


def test_search_says_when_there_are_more_results(client, host):
    for number in range(12):
        PageFactory(organisation=host, slug=f"edu-{number}", title_en=f"Education {number}")
    html = client.get("/en/search/", {"q": "education"}).content.decode()
    assert len(_groups(html)["Pages"]) == 10
    assert "More results exist" in html


def test_search_takes_another_group_as_a_list_entry(db, host):
    OrganisationFactory(slug="ngo", name_en="Reading Trust", kind=Organisation.Kind.PARTNER_NGO)
    partners = SearchGroup(
        "partners",
        "Partners",
        lambda user, query, language: (
            Organisation.objects.public().partners().filter(name_en__icontains=query)
        ),
    )
    groups = run_search(None, "reading", "en", groups=[partners])
    assert groups == [
        {
            "key": "partners",
            "label": "Partners",
            "results": [{"title": "Reading Trust", "url": "/en/members/ngo/", "summary": ""}],
            "has_more": False,
        }
    ]


def test_search_query_count_with_many_matches(client, host, django_assert_max_num_queries):
    for number in range(35):
        PageFactory(organisation=host, slug=f"edu-{number}", title_en=f"Education {number}")
        OrganisationFactory(slug=f"edu-org-{number}", name_en=f"Education office {number}")
    client.get("/en/")  # the menu is cached from here on
    # One query per group (six groups), whatever the number of matches.
    with django_assert_max_num_queries(6):
        response = client.get("/en/search/", {"q": "education"})
    assert len(_groups(response.content.decode())["Members"]) == 10
