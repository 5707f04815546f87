"""Who sees which article: scheduling by the clock alone, drafts only for their organisation."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from members.models import Organisation
from news.models import Article
from news.selectors import articles_visible_to
from tests.conftest import READERS
from tests.factories import ArticleFactory, OrganisationFactory


@pytest.mark.clock
def test_article_scheduled_in_the_past_is_public(member_a):
    article = ArticleFactory(organisation=member_a, publish_at=timezone.now() - timedelta(days=1))
    assert list(Article.objects.published()) == [article]


@pytest.mark.clock
def test_article_scheduled_in_the_future_is_not_public(client, member_a):
    article = ArticleFactory(organisation=member_a, publish_at=timezone.now() + timedelta(hours=2))
    assert list(Article.objects.published()) == []
    assert client.get(article.get_absolute_url()).status_code == 404
    assert article.title_en not in client.get(reverse("news:list")).content.decode()


@pytest.mark.clock
def test_scheduled_article_becomes_public_when_its_time_comes_without_any_task(
    client, member_a, travel_to
):
    publish_at = timezone.now() + timedelta(hours=2)
    article = ArticleFactory(organisation=member_a, publish_at=publish_at)
    travel_to(publish_at + timedelta(minutes=1))
    assert list(Article.objects.published()) == [article]
    assert client.get(article.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("status", ["draft", "in_review", "archived"])
def test_unpublished_article_is_not_found_for_a_visitor(client, member_a, status):
    article = ArticleFactory(organisation=member_a, status=status)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("role", "sees_draft_of_a"),
    [
        ("editor_a", True),
        ("focal_a", True),
        ("delegate_a", False),
        ("focal_b", False),
        ("partner_contact", False),
        ("secretariat_editor", True),
        ("secretariat_admin", True),
    ],
)
def test_draft_is_visible_only_to_those_who_write_for_its_organisation(
    request, draft_of_a, role, sees_draft_of_a
):
    user = request.getfixturevalue(role)
    assert (draft_of_a in articles_visible_to(user)) is sees_draft_of_a


def test_editor_of_a_never_sees_the_drafts_of_b(client, editor_a, draft_of_a, draft_of_b):
    client.force_login(editor_a)
    assert list(articles_visible_to(editor_a)) == [draft_of_a]
    theirs = client.get(draft_of_b.get_absolute_url())
    missing = client.get(reverse("news:article", kwargs={"slug": "no-such-article"}))
    assert (theirs.status_code, theirs.content) == (404, missing.content)


@pytest.mark.clock
def test_articles_visible_to_anonymous_are_only_published(member_a, draft_of_a):
    published = ArticleFactory(organisation=member_a)
    assert list(articles_visible_to(AnonymousUser())) == [published]


def test_for_organisation_keeps_only_that_organisations_articles(member_a, member_b):
    of_a = ArticleFactory(organisation=member_a)
    ArticleFactory(organisation=member_b)
    assert list(Article.objects.for_organisation(member_a)) == [of_a]


def test_search_finds_articles_by_their_text_in_the_language(member_a):
    match = ArticleFactory(organisation=member_a, title_en="Teachers meet in Geneva")
    ArticleFactory(organisation=member_a, title_en="Budget adopted")
    assert list(Article.objects.published().search("Geneva", "en")) == [match]
    assert list(Article.objects.published().search("", "en")) == []


def test_search_in_french_reads_the_french_text(member_a):
    match = ArticleFactory(organisation=member_a, title_fr="Les enseignants à Genève")
    assert list(Article.objects.published().search("Genève", "fr")) == [match]


def test_search_ranks_a_title_match_above_a_body_match_on_postgresql(member_a):
    from django.db import connection

    in_body = ArticleFactory(
        organisation=member_a, title_en="Annual report", body_en="<p>Literacy in Geneva</p>"
    )
    in_title = ArticleFactory(organisation=member_a, title_en="Literacy week")
    found = list(Article.objects.published().search("literacy", "en"))
    if connection.vendor == "postgresql":
        assert found == [in_title, in_body]
    else:
        assert set(found) == {in_title, in_body}


def test_an_edited_article_is_found_by_its_new_words(member_a):
    article = ArticleFactory(organisation=member_a, title_en="Teachers meet")
    article.title_en = "Ministers meet"
    article.save()
    assert list(Article.objects.published().search("ministers", "en")) == [article]
    assert list(Article.objects.published().search("teachers", "en")) == []


def test_search_has_one_gin_index_per_language_on_postgresql_only(db):
    from django.db import connection

    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, "news_article")
    search_indexes = sorted(name for name in indexes if name.startswith("news_article_search_"))
    if connection.vendor == "postgresql":
        assert search_indexes == [
            "news_article_search_ar",
            "news_article_search_en",
            "news_article_search_es",
            "news_article_search_fr",
        ]
    else:
        assert search_indexes == []


def test_search_uses_its_gin_index_on_postgresql(member_a):
    from django.db import connection

    ArticleFactory(organisation=member_a, title_en="Teachers meet in Geneva")
    queryset = Article.objects.search("Geneva", "en")
    if connection.vendor != "postgresql":
        assert [article.title_en for article in queryset] == ["Teachers meet in Geneva"]
        return
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        plan = queryset.explain()
        cursor.execute("SET enable_seqscan = on")
    assert "news_article_search_en" in plan


def test_a_suspended_members_news_leaves_the_public_lists(client, member_a):
    from members.models import Organisation

    article = ArticleFactory(organisation=member_a, slug="before-suspension")
    member_a.status = Organisation.Status.SUSPENDED
    member_a.save(update_fields=["status"])
    assert not Article.objects.published().filter(pk=article.pk).exists()
    assert client.get(article.get_absolute_url()).status_code == 404


@pytest.mark.clock
@pytest.mark.parametrize("reader", READERS)
def test_read_article_permission_and_articles_visible_to_agree(
    request, member_a, draft_of_a, draft_of_b, reader
):
    suspended = OrganisationFactory(slug="suspended", status=Organisation.Status.SUSPENDED)
    articles = [
        ArticleFactory(organisation=member_a, slug="public"),
        ArticleFactory(
            organisation=member_a, slug="scheduled", publish_at=timezone.now() + timedelta(hours=2)
        ),
        ArticleFactory(organisation=member_a, slug="archived", status="archived"),
        ArticleFactory(organisation=suspended, slug="of-a-suspended-member"),
        draft_of_a,
        draft_of_b,
    ]
    user = AnonymousUser() if reader == "anonymous" else request.getfixturevalue(reader)
    visible = set(articles_visible_to(user))
    for article in articles:
        assert (article in visible) is user.has_perm("news.read_article", article), article.slug
