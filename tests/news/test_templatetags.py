"""The inclusion tags other pages use for news, each in one query."""

from datetime import timedelta

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone

from tests.factories import ArticleFactory


def render(source, **context):
    request = RequestFactory().get("/en/")
    return Template("{% load news_tags %}" + source).render(
        Context({"request": request, **context})
    )


@pytest.mark.clock
def test_latest_news_puts_featured_articles_first(member_a, host):
    now = timezone.now()
    ArticleFactory(organisation=member_a, title_en="Newest", publish_at=now - timedelta(hours=1))
    ArticleFactory(
        organisation=host,
        title_en="Featured",
        featured_on_home=True,
        publish_at=now - timedelta(days=5),
    )
    ArticleFactory(organisation=member_a, title_en="Older", publish_at=now - timedelta(days=2))
    ArticleFactory(organisation=member_a, title_en="Oldest", publish_at=now - timedelta(days=9))
    ArticleFactory(organisation=member_a, title_en="Unpublished", status="draft")
    html = render("{% latest_news 3 %}")
    positions = [html.find(title) for title in ("Featured", "Newest", "Older")]
    assert positions == sorted(positions) and -1 not in positions
    assert "Oldest" not in html
    assert "Unpublished" not in html


def test_organisation_news_shows_only_that_organisation(member_a, member_b):
    ArticleFactory(organisation=member_a, title_en="Of A")
    ArticleFactory(organisation=member_b, title_en="Of B")
    html = render("{% organisation_news organisation 3 %}", organisation=member_a)
    assert "Of A" in html
    assert "Of B" not in html


def test_tags_cost_one_query_whatever_the_number_of_articles(
    member_a, member_b, django_assert_num_queries
):
    for index in range(40):
        ArticleFactory(organisation=member_a if index % 2 else member_b)
    with django_assert_num_queries(1):
        render("{% latest_news 10 %}")
    with django_assert_num_queries(1):
        render("{% organisation_news organisation 10 %}", organisation=member_a)


def test_latest_news_without_articles_says_so(db):
    assert "No news yet." in render("{% latest_news 3 %}")
