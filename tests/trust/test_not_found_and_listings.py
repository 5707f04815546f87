"""Not yours looks exactly like nothing (SECURITY.md C3) and lists show exactly what the policy
allows (C5), for every role of the authorization matrix, over the world of tests/trust/conftest.py.
"""

import json
import re
import xml.etree.ElementTree as ElementTree

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from news.models import Article
from news.selectors import articles_visible_to
from pages.models import Page
from pages.selectors import pages_visible_to
from partnerships.models import Partnership
from tests.trust.test_authorization_matrix import MATRIX, NOT_FOUND, OK, ROLES, request_as

# --- C3: another tenant's private row answers exactly like a row that does not exist -----------

# Who looks for a row that is not theirs: a delegate of A first; where delegates cannot use the
# page at all (dashboards), A's focal point; in the partner space, the partner contact.
SEEKERS = ("anonymous", "delegate_a", "focal_a", "partner_contact")
PRIVATE_OWNERS = ("a", "b", "scheduled", "members", "hidden", "host_draft", "suspended")


# Choosing another organisation to act for sends an id in the form, not in the URL: the form
# refuses it with the same 404 whether the id is another tenant's or nobody's (form tests).
NOT_AN_ADDRESS = {"members:organisation_switch"}


def _not_found_pairs():
    for name, case in sorted(MATRIX.items()):
        if name in NOT_AN_ADDRESS:
            continue
        for owner in PRIVATE_OWNERS:
            outcomes = case.expect.get(owner)
            if not outcomes:
                continue
            for role in SEEKERS:
                if outcomes[role] == NOT_FOUND:
                    yield pytest.param(name, owner, role, id=f"{name}-{owner}-{role}")


NOT_FOUND_PAIRS = list(_not_found_pairs())


def _comparable(body, url):
    """The body without what changes with every response (nonces, CSRF tokens) or with the
    address asked for (the language switcher links to the same page in other languages)."""
    text = body.decode()
    text = re.sub(r'nonce="[^"]*"', 'nonce=""', text)
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "csrf", text)
    return text.replace(url.removeprefix("/en"), "<the address>")


def test_not_found_pairs_cover_the_private_rows_of_every_kind():
    names = {pair.values[0] for pair in NOT_FOUND_PAIRS}
    assert {
        "news:article",
        "news:dashboard_edit",
        "pages:member_page",
        "pages:page",
        "pages:dashboard_edit",
        "governance:document_detail",
        "governance:document_download",
        "governance:decision_detail",
        "governance:delegation_credentials",
        "members:team_member_edit",
        "members:join_request_detail",
        "members:invitation_revoke",
        "members:membership_remove",
        "partnerships:activity_edit",
        "partnerships:detail",
        "api:document-detail",
        "api:article-detail",
    } <= names


@pytest.mark.parametrize(("url_name", "owner", "role"), NOT_FOUND_PAIRS)
def test_someone_elses_row_looks_like_a_row_that_does_not_exist(
    client, world, url_name, owner, role
):
    case = MATRIX[url_name]
    theirs = request_as(client, world, case, owner, role)
    nothing = request_as(client, world, case, "missing", role)
    assert (theirs.status_code, nothing.status_code) == (404, 404)
    assert theirs["Content-Type"] == nothing["Content-Type"]
    assert _comparable(theirs.content, case.url(world, owner)) == _comparable(
        nothing.content, case.url(world, "missing")
    )


# --- C5: every list, search, feed, export and API shows exactly what the policy allows --------


def _user(world, role):
    return world.users[role] or AnonymousUser()


def _world_articles(world):
    articles = [world.objects[o][k] for o in ("a", "b") for k in ("article", "published_article")]
    return [*articles, world.objects["scheduled"]["article"]]


def _world_documents(world):
    return [world.objects[o]["document"] for o in ("a", "b", "members", "public")]


def _world_decisions(world):
    return [world.objects[o]["decision"] for o in ("members", "public")]


def _world_pages(world):
    pages = [world.objects[o][key] for o in ("a", "b") for key in ("page", "published_page")]
    others = ("host", "host_draft", "suspended")
    return pages + [world.objects[other]["page"] for other in others]


def _public_articles(world):
    """The policy of public news lists: published, and whose time has come (never a draft)."""
    public = set(Article.objects.published().values_list("pk", flat=True))
    return {article.pk for article in _world_articles(world) if article.pk in public}


def test_world_has_rows_each_role_may_and_may_not_see(world):
    # The comparisons below would prove nothing on a world where every role sees everything.
    documents = _world_documents(world)
    seen = {
        role: {
            d.pk for d in documents if _user(world, role).has_perm("governance.read_document", d)
        }
        for role in ROLES
    }
    assert len(set(map(frozenset, seen.values()))) == 4
    assert len(_public_articles(world)) == 2


@pytest.mark.parametrize("role", ROLES)
def test_news_list_shows_the_published_articles(client, world, role):
    world.sign_in(client, role)
    response = client.get(reverse("news:list"))
    listed = {article.pk for article in response.context["page"].object_list}
    assert listed == _public_articles(world)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("feed", ["news:feed_rss", "news:feed_atom"])
def test_news_feed_lists_the_published_articles(client, world, role, feed):
    world.sign_in(client, role)
    response = client.get(reverse(feed))
    root = ElementTree.fromstring(response.content)
    links = {element.text for element in root.iter("link") if element.text} | {
        element.get("href") for element in root.iter("{http://www.w3.org/2005/Atom}link")
    }
    listed = {
        a.pk
        for a in _world_articles(world)
        if any(str(link).endswith(a.get_absolute_url()) for link in links)
    }
    assert listed == _public_articles(world)


def _roles_allowed(url_name):
    return [role for role, outcome in MATRIX[url_name].expect["a"].items() if outcome == OK]


@pytest.mark.parametrize("role", _roles_allowed("news:dashboard_list"))
def test_news_dashboard_lists_the_acting_organisations_articles_the_user_may_see(
    client, world, role
):
    world.sign_in(client, role)
    response = client.get(reverse("news:dashboard_list"))
    organisation = response.context["organisation"]
    user = _user(world, role)
    listed = {article.pk for article in response.context["page"].object_list}
    allowed = {
        article.pk
        for article in _world_articles(world)
        if article.organisation_id == organisation.pk
        and articles_visible_to(user).filter(pk=article.pk).exists()
    }
    assert listed == allowed


@pytest.mark.parametrize("role", _roles_allowed("pages:dashboard_list"))
def test_pages_dashboard_lists_the_acting_organisations_pages(client, world, role):
    world.sign_in(client, role)
    response = client.get(reverse("pages:dashboard_list"))
    organisation = response.context["organisation"]
    user = _user(world, role)
    listed = {page.pk for page in response.context["pages"]}
    allowed = {
        page.pk
        for page in Page.objects.filter(organisation=organisation)
        if user.has_perm("pages.edit_page", page)
    }
    assert listed == allowed
    assert listed & {page.pk for page in _world_pages(world)} == {
        page.pk for page in _world_pages(world) if page.organisation_id == organisation.pk
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("url_name", "world_rows", "permission"),
    [
        ("governance:document_list", _world_documents, "governance.read_document"),
        ("governance:decision_list", _world_decisions, "governance.read_decision"),
    ],
    ids=["document_register", "decision_list"],
)
def test_governance_list_shows_the_rows_the_user_may_read(
    client, world, role, url_name, world_rows, permission
):
    world.sign_in(client, role)
    response = client.get(reverse(url_name))
    listed = {row.pk for row in response.context["page"].object_list}
    user = _user(world, role)
    allowed = {row.pk for row in world_rows(world) if user.has_perm(permission, row)}
    assert listed == allowed


@pytest.mark.parametrize("role", ROLES)
def test_recorded_votes_csv_and_api_hold_the_votes_of_decisions_the_user_may_read(
    client, world, role
):
    world.sign_in(client, role)
    user = _user(world, role)
    lines = client.get(reverse("governance:recorded_votes_csv")).content.decode().splitlines()
    in_csv = {line.split(",")[0] for line in lines[1:]}
    assert in_csv == {
        d.symbol for d in _world_decisions(world) if user.has_perm("governance.read_decision", d)
    }
    # The API is the same for everyone: the public decisions' votes.
    in_api = {row["decision"] for row in client.get("/api/votes/").json()["results"]}
    assert in_api == {world.objects["public"]["decision"].symbol}


@pytest.mark.parametrize("role", ROLES)
def test_session_agenda_lists_the_documents_and_decisions_the_user_may_read(client, world, role):
    world.sign_in(client, role)
    session = world.objects["a"]["session"]
    response = client.get(reverse("governance:session_detail", args=[session]))
    groups = [response.context["other"], *(found for _item, found in response.context["agenda"])]
    documents = {d.pk for group in groups for d in group["documents"]}
    decisions = {d.pk for group in groups for d in group["decisions"]}
    user = _user(world, role)
    assert documents == {
        d.pk for d in _world_documents(world) if user.has_perm("governance.read_document", d)
    }
    assert decisions == {
        d.pk for d in _world_decisions(world) if user.has_perm("governance.read_decision", d)
    }


def _search(client, query):
    response = client.get(reverse("search"), {"q": query})
    return {
        group["key"]: {r["url"] for r in group["results"]} for group in response.context["groups"]
    }


@pytest.mark.parametrize("role", ROLES)
def test_search_finds_the_documents_and_decisions_the_user_may_read(client, world, role):
    world.sign_in(client, role)
    user = _user(world, role)
    found = _search(client, "Document")
    assert found.get("documents", set()) == {
        d.get_absolute_url()
        for d in _world_documents(world)
        if user.has_perm("governance.read_document", d)
    }
    found = _search(client, "Decision")
    assert found.get("decisions", set()) == {
        d.get_absolute_url()
        for d in _world_decisions(world)
        if user.has_perm("governance.read_decision", d)
    }


@pytest.mark.parametrize("role", ROLES)
def test_search_finds_published_news_and_pages_only(client, world, role):
    # Search shows what the public sees: drafts stay out, even for those who may edit them.
    world.sign_in(client, role)
    user = _user(world, role)
    found = _search(client, "News item")
    assert found.get("news", set()) == {
        a.get_absolute_url() for a in _world_articles(world) if a.pk in _public_articles(world)
    }
    found = _search(client, "Page")
    visible = pages_visible_to(user).published()
    assert found.get("pages", set()) == {
        p.get_absolute_url() for p in _world_pages(world) if visible.filter(pk=p.pk).exists()
    }


def _public_partner_names(world):
    public = Partnership.objects.public()
    return {
        world.objects[o]["partner"].name
        for o in ("public", "hidden")
        if public.filter(organisation=world.objects[o]["partner"]).exists()
    }


@pytest.mark.parametrize("role", ROLES)
def test_partner_list_search_and_exports_show_the_public_partners(client, world, role):
    world.sign_in(client, role)
    expected = _public_partner_names(world)
    assert expected == {world.objects["public"]["partner"].name}
    response = client.get(reverse("partnerships:list"))
    assert {p.organisation.name for p in response.context["page"].object_list} == expected
    exported = json.loads(client.get(reverse("partnerships:list"), {"format": "json"}).content)
    assert {row["name"] for row in exported["partners"]} == expected
    csv_lines = client.get(reverse("partnerships:list"), {"format": "csv"}).content.decode()
    assert {line.split(",")[0] for line in csv_lines.splitlines()[1:]} == expected
    found = _search(client, "Partner NGO")
    assert found.get("partners", set()) == {
        world.objects["public"]["partner"].partnership.get_absolute_url()
    }


@pytest.mark.parametrize("role", ROLES)
def test_api_lists_show_public_rows_only_whoever_asks(client, world, role):
    # The open data API is anonymous for everyone: a signed-in member gets no more.
    world.sign_in(client, role)
    anonymous = AnonymousUser()

    def listed(name, key):
        body = json.loads(client.get(reverse(name)).content)
        return {row[key] for row in body["results"]}

    assert listed("api:article-list", "slug") == {
        a.slug for a in _world_articles(world) if a.pk in _public_articles(world)
    }
    assert listed("api:document-list", "symbol") == {
        d.symbol
        for d in _world_documents(world)
        if anonymous.has_perm("governance.read_document", d)
    }
    assert listed("api:decision-list", "symbol") == {
        d.symbol
        for d in _world_decisions(world)
        if anonymous.has_perm("governance.read_decision", d)
    }
    assert listed("api:partner-list", "slug") == {world.objects["public"]["partner"].slug}
