"""The home page's news: featured articles under their own "Featured" heading, the others under
"Latest news", each group by date, so that the order explains itself."""

import re
from datetime import timedelta

from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone

from tests.factories import ArticleFactory


def render(source):
    request = RequestFactory().get("/en/")
    return Template("{% load news_tags %}" + source).render(Context({"request": request}))


def outline(html):
    """The headings and article titles in reading order: [("h3", "Featured"), ...]."""
    return [
        (tag, re.sub(r"<[^>]+>", "", text).strip())
        for tag, text in re.findall(r"<(h\d)[^>]*>(.*?)</\1>", html, flags=re.S)
    ]


def test_featured_articles_come_first_under_their_own_heading(member_a, host):
    now = timezone.now()
    ArticleFactory(organisation=member_a, title_en="Newest", publish_at=now - timedelta(hours=1))
    ArticleFactory(
        organisation=host,
        title_en="Old feature",
        featured_on_home=True,
        publish_at=now - timedelta(days=9),
    )
    ArticleFactory(
        organisation=host,
        title_en="New feature",
        featured_on_home=True,
        publish_at=now - timedelta(days=2),
    )
    ArticleFactory(organisation=member_a, title_en="Older", publish_at=now - timedelta(days=3))
    ArticleFactory(organisation=member_a, title_en="Oldest", publish_at=now - timedelta(days=20))

    assert outline(render("{% latest_news 4 %}")) == [
        ("h3", "Featured"),
        ("h4", "New feature"),
        ("h4", "Old feature"),
        ("h3", "Latest news"),
        ("h4", "Newest"),
        ("h4", "Older"),
    ]


def test_without_featured_articles_the_list_is_by_date_and_unlabelled(member_a):
    now = timezone.now()
    ArticleFactory(organisation=member_a, title_en="Older", publish_at=now - timedelta(days=3))
    ArticleFactory(organisation=member_a, title_en="Newest", publish_at=now - timedelta(hours=1))

    assert outline(render("{% latest_news 3 %}")) == [("h3", "Newest"), ("h3", "Older")]


def test_only_featured_articles_show_no_empty_latest_group(host):
    ArticleFactory(organisation=host, title_en="Feature", featured_on_home=True)

    assert outline(render("{% latest_news 1 %}")) == [("h3", "Featured"), ("h4", "Feature")]


def test_home_page_labels_the_featured_group_in_french(client, host):
    ArticleFactory(organisation=host, title_fr="Une école ouvre", featured_on_home=True)
    ArticleFactory(organisation=host, title_fr="Récente")
    html = client.get("/fr/").content.decode()
    assert '<h2 id="news-heading">Actualités</h2>' in html
    assert '<h3 class="news-group-heading">À la une</h3>' in html
    assert '<h3 class="news-group-heading">Dernières actualités</h3>' in html
