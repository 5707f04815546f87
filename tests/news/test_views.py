"""The public pages: lists, archives, the article page, its fallback and meta tags."""

import datetime
import re
from datetime import timedelta

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from news.models import Category
from news.views import NewerOlderPage
from tests.factories import ArticleFactory, CategoryFactory, OrganisationFactory


def titles(response):
    return [article.title for article in response.context["page"].object_list]


def many_articles(count, **fields):
    organisations = [OrganisationFactory() for _ in range(4)]
    category = CategoryFactory()
    articles = []
    for index in range(count):
        article = ArticleFactory(
            organisation=organisations[index % 4],
            category=category,
            publish_at=timezone.now() - timedelta(hours=index + 1),
            **fields,
        )
        articles.append(article)
    return articles


@pytest.mark.clock
def test_news_list_shows_the_bodys_and_members_published_news(client, host, member_a):
    ArticleFactory(organisation=host, title_en="Of the body")
    ArticleFactory(
        organisation=member_a, title_en="Of a member", publish_at=timezone.now() - timedelta(days=1)
    )
    ArticleFactory(organisation=member_a, title_en="A draft", status="draft", publish_at=None)
    response = client.get(reverse("news:list"))
    assert response.status_code == 200
    assert titles(response) == ["Of the body", "Of a member"]


def test_news_list_is_paginated(client, db):
    many_articles(15)
    first = client.get(reverse("news:list"))
    second = client.get(reverse("news:list"), {"page": 2})
    assert (len(titles(first)), len(titles(second))) == (12, 3)


def _page_links(response):
    return re.findall(r'<a href="\?page=(\d+)" rel="(prev|next)">', response.content.decode())


def test_news_pages_lead_to_newer_and_older_news_without_counting_them_all(client, db):
    many_articles(25)
    pages = [client.get(reverse("news:list"), {"page": number}) for number in (1, 2, 3)]

    assert [_page_links(page) for page in pages] == [
        [("2", "next")],
        [("1", "prev"), ("3", "next")],
        [("2", "prev")],
    ]
    # No total: the shared pagination leaves out its "Page 2 of N" without a paginator.
    assert "Page 2 of" not in pages[1].content.decode()
    assert client.get(reverse("news:list"), {"page": 4}).status_code == 404
    assert len(titles(client.get(reverse("news:list"), {"page": "x"}))) == 12


@pytest.mark.parametrize(
    "url_name",
    ["news:list", "news:year", "news:category", "news:organisation"],
)
def test_list_query_count_does_not_grow_with_articles(
    client, db, url_name, django_assert_max_num_queries
):
    articles = many_articles(45)
    kwargs = {
        "news:list": {},
        "news:year": {"year": articles[0].publish_at.year},
        "news:category": {"slug": articles[0].category.slug},
        "news:organisation": {"organisation_slug": articles[0].organisation.slug},
    }[url_name]
    with django_assert_max_num_queries(6) as captured:
        response = client.get(reverse(url_name, kwargs=kwargs))
    assert response.status_code == 200
    queries_with_45 = len(captured.captured_queries)
    many_articles(20)
    with django_assert_max_num_queries(queries_with_45):
        client.get(reverse(url_name, kwargs=kwargs))


def test_year_archive_lists_that_years_articles(client, member_a):
    ArticleFactory(
        organisation=member_a,
        title_en="In 2021",
        publish_at=datetime.datetime(2021, 12, 7, tzinfo=datetime.UTC),
    )
    ArticleFactory(
        organisation=member_a,
        title_en="In 2022",
        publish_at=datetime.datetime(2022, 5, 1, tzinfo=datetime.UTC),
    )
    response = client.get("/en/news/2021/")
    assert titles(response) == ["In 2021"]


def _archive_links(response):
    archive = response.content.decode().split('class="news-archive"')[1].split("</nav>")[0]
    return re.findall(r'href="([^"]+)"( aria-current="page")?', archive)


@pytest.mark.clock
def test_the_news_list_links_each_year_with_published_news_newest_first(client, member_a):
    for title, year, status in [
        ("Old", 2021, "published"),
        ("Newer", 2022, "published"),
        ("Never published", 2019, "draft"),
    ]:
        ArticleFactory(
            organisation=member_a,
            title_en=title,
            status=status,
            publish_at=datetime.datetime(year, 6, 1, tzinfo=datetime.UTC),
        )
    ArticleFactory(organisation=member_a, publish_at=timezone.now() + timedelta(days=400))
    links = _archive_links(client.get(reverse("news:list")))
    assert links == [("/en/news/2022/", ""), ("/en/news/2021/", "")]
    assert [client.get(url).status_code for url, _current in links] == [200, 200]


def test_the_archive_counts_a_year_in_the_portals_time_zone_and_skips_empty_years(client, member_a):
    # 23:30 UTC on 31 December 2020 is already 2021 in Zurich (settings.TIME_ZONE).
    for moment in ["2016-03-01T12:00", "2020-12-31T23:30", "2023-06-01T12:00"]:
        ArticleFactory(
            organisation=member_a,
            publish_at=datetime.datetime.fromisoformat(moment).replace(tzinfo=datetime.UTC),
        )
    ArticleFactory(  # a member's article no communications officer accepted yet
        organisation=member_a,
        acceptance="pending",
        publish_at=datetime.datetime(2019, 6, 1, tzinfo=datetime.UTC),
    )

    links = _archive_links(client.get(reverse("news:list")))

    assert [url for url, _current in links] == [
        "/en/news/2023/",
        "/en/news/2021/",
        "/en/news/2016/",
    ]


def test_a_year_page_marks_its_own_year_in_the_archive(client, member_a):
    for year in (2021, 2022):
        ArticleFactory(
            organisation=member_a, publish_at=datetime.datetime(year, 6, 1, tzinfo=datetime.UTC)
        )
    links = _archive_links(client.get("/en/news/2021/"))
    assert links == [("/en/news/2022/", ""), ("/en/news/2021/", ' aria-current="page"')]


def test_the_archive_shows_a_new_year_at_once(client, member_a):
    # The archive is kept by its years (members.templatetags.kept_html), the feeds by the list.
    ArticleFactory(
        organisation=member_a, publish_at=datetime.datetime(2022, 6, 1, tzinfo=datetime.UTC)
    )
    assert _archive_links(client.get(reverse("news:list"))) == [("/en/news/2022/", "")]
    ArticleFactory(
        organisation=member_a, publish_at=datetime.datetime(2021, 6, 1, tzinfo=datetime.UTC)
    )
    links = _archive_links(client.get("/en/news/2021/"))
    assert links == [("/en/news/2022/", ""), ("/en/news/2021/", ' aria-current="page"')]
    links = _archive_links(client.get(reverse("news:list")))
    assert links == [("/en/news/2022/", ""), ("/en/news/2021/", "")]


def test_year_without_news_is_not_found(client, db):
    assert client.get("/en/news/1999/").status_code == 404


def test_category_archive_lists_that_categorys_articles(client, member_a):
    category = CategoryFactory(slug="general-assembly", name_en="General Assembly")
    ArticleFactory(organisation=member_a, title_en="In it", category=category)
    ArticleFactory(organisation=member_a, title_en="Elsewhere")
    response = client.get("/en/news/category/general-assembly/")
    assert titles(response) == ["In it"]
    assert Category.objects.count() == 1


def test_organisation_news_lists_only_that_organisations_articles(client, member_a, member_b):
    ArticleFactory(organisation=member_a, title_en="Of A")
    ArticleFactory(organisation=member_b, title_en="Of B")
    response = client.get(f"/en/members/{member_a.slug}/news/")
    assert titles(response) == ["Of A"]


def test_organisation_news_of_an_unknown_organisation_is_not_found(client, db):
    assert client.get("/en/members/nobody/news/").status_code == 404


def test_article_page_has_open_graph_tags_and_a_canonical_url(client, member_a):
    article = ArticleFactory(organisation=member_a, slug="the-news", title_en="The news")
    content = client.get("/en/news/the-news/").content.decode()
    assert '<link rel="canonical" href="http://testserver/en/news/the-news/">' in content
    assert '<meta property="og:title" content="The news">' in content
    assert '<meta property="og:url" content="http://testserver/en/news/the-news/">' in content
    assert article.summary_en in content


def test_article_in_the_visitors_language_has_no_fallback_note(client, member_a):
    ArticleFactory(organisation=member_a, slug="bilingual", title_fr="Bilingue")
    response = client.get("/fr/news/bilingual/")
    assert response.context["missing_translation"] is False
    assert "Bilingue" in response.content.decode()


def test_article_missing_in_the_visitors_language_falls_back_to_english_with_a_note(
    client, member_a
):
    ArticleFactory(
        organisation=member_a,
        slug="english-only",
        title_en="English only",
        title_fr="",
        summary_fr="",
        body_fr="",
    )
    response = client.get("/fr/news/english-only/")
    content = response.content.decode()
    assert response.context["missing_translation"] is True
    assert '<h1 lang="en" dir="ltr">English only</h1>' in content
    assert 'class="message news-fallback"' in content


def test_year_and_category_urls_are_not_read_as_article_slugs(db):
    assert reverse("news:year", kwargs={"year": 2021}) == "/en/news/2021/"
    from django.urls import resolve

    assert resolve("/en/news/2021/").url_name == "year"
    assert resolve("/en/news/category/x/").url_name == "category"
    assert resolve("/en/news/feed/rss/").url_name == "feed_rss"
    assert resolve("/en/news/some-article/").url_name == "article"


def test_news_link_is_in_the_main_navigation(client, db):
    content = client.get(reverse("news:list")).content.decode()
    assert '<li><a href="/en/news/">News</a></li>' in content


def test_news_lists_read_no_article_body(client, db):
    # A card shows the title and the summary: the bodies, the longest columns, stay unread.
    many_articles(3)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("news:list")).status_code == 200
        assert client.get(reverse("home")).status_code == 200
    article_reads = [q["sql"] for q in queries if 'FROM "news_article"' in q["sql"]]
    assert article_reads
    assert not [sql for sql in article_reads if '"news_article"."body' in sql]


def test_the_shared_pagination_counts_pages_only_where_a_paginator_counted_them(rf):
    counted = Paginator(list(range(30)), 10).page(2)
    uncounted = NewerOlderPage(list(range(30)), 2, 10)

    request = rf.get("/en/news/?page=2")
    assert "Page 2 of 3" in render_to_string("pagination.html", {"page": counted}, request)
    html = render_to_string("pagination.html", {"page": uncounted}, request)
    assert "Page 2 of" not in html
    assert 'rel="prev"' in html
    assert 'rel="next"' in html
