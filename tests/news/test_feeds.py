"""RSS and Atom feeds: valid XML, only what is public now, per language and per organisation."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import ArticleFactory

ATOM = "{http://www.w3.org/2005/Atom}"


def rss_titles(response):
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    assert root.tag == "rss"
    return [item.findtext("title") for item in root.iter("item")]


def atom_titles(response):
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    return [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]


def make_mixed_articles(organisation):
    now = timezone.now()
    ArticleFactory(organisation=organisation, title_en="Older", publish_at=now - timedelta(days=2))
    ArticleFactory(organisation=organisation, title_en="Newer", publish_at=now - timedelta(days=1))
    ArticleFactory(organisation=organisation, title_en="Scheduled", publish_at=now + timedelta(1))
    ArticleFactory(organisation=organisation, title_en="Draft", status="draft", publish_at=None)
    ArticleFactory(organisation=organisation, title_en="In review", status="in_review")
    ArticleFactory(organisation=organisation, title_en="Archived", status="archived")


@pytest.mark.clock
def test_rss_feed_lists_only_published_articles_newest_first(client, member_a):
    make_mixed_articles(member_a)
    assert rss_titles(client.get(reverse("news:feed_rss"))) == ["Newer", "Older"]


@pytest.mark.clock
def test_atom_feed_lists_only_published_articles_newest_first(client, member_a):
    make_mixed_articles(member_a)
    assert atom_titles(client.get(reverse("news:feed_atom"))) == ["Newer", "Older"]


@pytest.mark.clock
def test_feed_in_french_has_french_titles_and_english_where_missing(client, member_a):
    now = timezone.now()
    ArticleFactory(organisation=member_a, title_en="Budget", title_fr="Le budget")
    ArticleFactory(
        organisation=member_a,
        title_en="Only in English",
        title_fr="",
        publish_at=now - timedelta(days=3),
    )
    response = client.get("/fr/news/feed/rss/")
    assert rss_titles(response) == ["Le budget", "Only in English"]


def test_organisation_feeds_list_only_that_organisations_articles(client, member_a, member_b):
    ArticleFactory(organisation=member_a, title_en="Of A")
    ArticleFactory(organisation=member_b, title_en="Of B")
    kwargs = {"organisation_slug": member_a.slug}
    assert rss_titles(client.get(reverse("news:organisation_feed_rss", kwargs=kwargs))) == ["Of A"]
    assert atom_titles(client.get(reverse("news:organisation_feed_atom", kwargs=kwargs))) == [
        "Of A"
    ]


def test_organisation_feed_of_an_unknown_organisation_is_not_found(client, member_a):
    url = reverse("news:organisation_feed_rss", kwargs={"organisation_slug": "nobody"})
    assert client.get(url).status_code == 404


def test_feed_items_link_to_the_article_page_on_the_requests_host(client, member_a, settings):
    # No Sites row to keep in step with the domain: links use the host that was asked for.
    settings.ALLOWED_HOSTS = ["portal.oec.example"]
    article = ArticleFactory(organisation=member_a)
    response = client.get(reverse("news:feed_rss"), headers={"host": "portal.oec.example"})
    root = ET.fromstring(response.content)
    assert [item.findtext("link") for item in root.iter("item")] == [
        f"http://portal.oec.example{article.get_absolute_url()}"
    ]


def test_feed_query_count_does_not_grow_with_articles(
    client, member_a, member_b, django_assert_max_num_queries
):
    for index in range(40):
        ArticleFactory(organisation=member_a if index % 2 else member_b)
    with django_assert_max_num_queries(3):
        response = client.get(reverse("news:feed_rss"))
    assert len(rss_titles(response)) == 30
