"""Member news reaches the Organisation's own news (news list, home page, feeds, sitemap, search,
bulletin) only once a communications officer accepted it; it is on the member's microsite as soon
as it is published (issue 17). The body's own news needs no acceptance."""

import datetime
import html
import importlib
import re
import xml.etree.ElementTree as ET

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from news.models import Article
from news.selectors import articles_published_between
from news.services import article_decide_acceptance, article_transition
from tests.factories import ArticleFactory

PENDING, ACCEPTED, DECLINED = "pending", "accepted", "declined"


@pytest.fixture
def officer_client(client, secretariat_editor, with_totp):
    with_totp(secretariat_editor)
    client.force_login(secretariat_editor)
    return client


@pytest.fixture
def member_news(member_a):
    return ArticleFactory(
        organisation=member_a, title_en="Teachers meet in Djibouti", acceptance=PENDING
    )


@pytest.fixture
def host_news(host):
    return ArticleFactory(organisation=host, title_en="The Assembly meets", acceptance=PENDING)


def portal_titles(client):
    """What each place of the Organisation's own news lists, by place."""
    rss = ET.fromstring(client.get(reverse("news:feed_rss")).content)
    atom = ET.fromstring(client.get(reverse("news:feed_atom")).content)
    atom_ns = "{http://www.w3.org/2005/Atom}"
    news_list = client.get(reverse("news:list")).content.decode()
    home = client.get(reverse("home")).content.decode()
    sitemap = client.get("/sitemap.xml").content.decode()
    search = client.get(reverse("search"), {"q": "Djibouti"}).content.decode()
    return {
        "rss": [item.findtext("title") for item in rss.iter("item")],
        "atom": [entry.findtext(f"{atom_ns}title") for entry in atom.iter(f"{atom_ns}entry")],
        "list": "Teachers meet in Djibouti" in news_list,
        "home": "Teachers meet in Djibouti" in home,
        "sitemap": "/news/" in sitemap and "teachers" in sitemap.lower(),
        "search": "Teachers meet in Djibouti" in search,
    }


def test_pending_member_news_is_on_its_microsite_but_not_in_the_portals_news(
    client, member_news, host_news
):
    places = portal_titles(client)
    assert places == {
        "rss": ["The Assembly meets"],
        "atom": ["The Assembly meets"],
        "list": False,
        "home": False,
        "sitemap": False,
        "search": False,
    }
    microsite_news = client.get(reverse("news:organisation", args=["member-a"])).content.decode()
    assert "Teachers meet in Djibouti" in microsite_news
    organisation_feed = client.get(reverse("news:organisation_feed_rss", args=["member-a"]))
    assert b"Teachers meet in Djibouti" in organisation_feed.content
    assert client.get(member_news.get_absolute_url()).status_code == 200


def test_accepted_member_news_is_everywhere(client, member_news, host_news, secretariat_editor):
    member_news.slug = "teachers-meet"
    member_news.save()
    article_decide_acceptance(article=member_news, accept=True, by=secretariat_editor)
    places = portal_titles(client)
    assert sorted(places["rss"]) == ["Teachers meet in Djibouti", "The Assembly meets"]
    assert sorted(places["atom"]) == ["Teachers meet in Djibouti", "The Assembly meets"]
    assert places["list"] and places["home"] and places["sitemap"] and places["search"]


def test_sitemap_lists_the_accepted_member_news_and_the_bodys_own(
    client, host, member_a, host_news
):
    ArticleFactory(organisation=member_a, slug="accepted-one", acceptance=ACCEPTED)
    ArticleFactory(organisation=member_a, slug="declined-one", acceptance=DECLINED)
    ArticleFactory(organisation=member_a, slug="pending-one", acceptance=PENDING)
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "http://testserver/en/news/accepted-one/" in sitemap
    assert f"http://testserver/en/news/{host_news.slug}/" in sitemap
    assert "declined-one" not in sitemap
    assert "pending-one" not in sitemap


def test_declined_member_news_stays_on_the_microsite_only(client, member_news, secretariat_editor):
    article = article_decide_acceptance(article=member_news, accept=False, by=secretariat_editor)
    assert (article.acceptance, article.acceptance_by) == (DECLINED, secretariat_editor)
    assert list(Article.objects.portal_news()) == []
    assert list(Article.objects.published()) == [member_news]


@pytest.mark.clock
def test_the_bulletin_carries_only_the_organisations_own_news(member_a, host):
    now = timezone.now()
    accepted = ArticleFactory(organisation=member_a, acceptance=ACCEPTED)
    ArticleFactory(organisation=member_a, acceptance=PENDING)
    own = ArticleFactory(organisation=host, acceptance=PENDING)
    month = list(
        articles_published_between(now - datetime.timedelta(days=1), now + datetime.timedelta(1))
    )
    assert sorted(article.pk for article in month) == sorted([accepted.pk, own.pk])


def test_acceptance_records_who_and_when(member_news, secretariat_editor, time_machine):
    time_machine.move_to(datetime.datetime(2026, 12, 3, 10, 0, tzinfo=datetime.UTC))
    article = article_decide_acceptance(article=member_news, accept=True, by=secretariat_editor)
    article.refresh_from_db()
    assert (article.acceptance, article.acceptance_by, article.acceptance_at) == (
        ACCEPTED,
        secretariat_editor,
        datetime.datetime(2026, 12, 3, 10, 0, tzinfo=datetime.UTC),
    )
    assert article.history.order_by("-history_id").first().history_change_reason == "Accepted"


def test_publishing_again_asks_for_acceptance_again(member_a, focal_a, secretariat_editor):
    article = ArticleFactory(organisation=member_a, acceptance=ACCEPTED)
    article_transition(article=article, to_status="draft", by=focal_a)
    article_transition(article=article, to_status="published", by=focal_a)
    article.refresh_from_db()
    assert (article.acceptance, article.acceptance_by, article.acceptance_at) == (
        PENDING,
        None,
        None,
    )
    assert list(Article.objects.awaiting_acceptance()) == [article]


def test_publishing_the_bodys_own_news_needs_no_acceptance(host, secretariat_editor):
    article = ArticleFactory(organisation=host, status="draft", publish_at=None)
    article_transition(article=article, to_status="published", by=secretariat_editor)
    assert list(Article.objects.portal_news()) == [article]
    assert list(Article.objects.awaiting_acceptance()) == []


def test_only_communications_officers_accept(member_news, focal_a, secretariat_admin):
    with pytest.raises(PermissionDenied):
        article_decide_acceptance(article=member_news, accept=True, by=focal_a)
    member_news.refresh_from_db()
    assert member_news.acceptance == PENDING
    # Administrators hold every secretariat role.
    article_decide_acceptance(article=member_news, accept=True, by=secretariat_admin)
    assert member_news.acceptance == ACCEPTED


def test_the_bodys_own_news_and_unpublished_articles_are_not_decided(
    host_news, member_a, secretariat_editor
):
    draft = ArticleFactory(organisation=member_a, status="draft", publish_at=None)
    for article, code in ((host_news, "host_article"), (draft, "not_published")):
        with pytest.raises(ValidationError) as refused:
            article_decide_acceptance(article=article, accept=True, by=secretariat_editor)
        assert refused.value.code == code
        article.refresh_from_db()
        assert article.acceptance == PENDING


@pytest.mark.clock
def test_the_queue_lists_members_published_news_awaiting_acceptance(host_news, member_a, member_b):
    first = ArticleFactory(
        organisation=member_a, acceptance=PENDING, publish_at=timezone.now() - datetime.timedelta(3)
    )
    scheduled = ArticleFactory(
        organisation=member_b, acceptance=PENDING, publish_at=timezone.now() + datetime.timedelta(1)
    )
    ArticleFactory(organisation=member_a, acceptance=ACCEPTED)
    ArticleFactory(organisation=member_a, acceptance=DECLINED)
    ArticleFactory(organisation=member_a, status="draft", publish_at=None)
    assert list(Article.objects.awaiting_acceptance()) == [first, scheduled]


def test_officer_accepts_from_the_back_office_queue(
    officer_client, member_a, secretariat_editor, django_assert_max_num_queries
):
    waiting = [ArticleFactory(organisation=member_a, acceptance=PENDING) for _ in range(3)]
    ArticleFactory(organisation=member_a, acceptance=ACCEPTED, title_en="Accepted before")
    url = reverse("admin:news_article_changelist") + "?portal=pending"
    with django_assert_max_num_queries(25):
        response = officer_client.get(url)
    assert response.status_code == 200
    assert sorted(article.pk for article in response.context["cl"].result_list) == sorted(
        article.pk for article in waiting
    )
    response = officer_client.post(
        url,
        {"action": "accept_into_portal_news", "_selected_action": [waiting[0].pk, waiting[1].pk]},
        follow=True,
    )
    assert "2 articles accepted into the Organisation's news." in [
        str(message) for message in response.context["messages"]
    ]
    assert list(Article.objects.awaiting_acceptance()) == [waiting[2]]
    officer_client.post(
        url, {"action": "decline_from_portal_news", "_selected_action": [waiting[2].pk]}
    )
    waiting[2].refresh_from_db()
    assert (waiting[2].acceptance, waiting[2].acceptance_by) == (DECLINED, secretariat_editor)


def test_back_office_refuses_to_decide_the_bodys_own_news(officer_client, host_news):
    response = officer_client.post(
        reverse("admin:news_article_changelist"),
        {"action": "accept_into_portal_news", "_selected_action": [host_news.pk]},
        follow=True,
    )
    assert "needs no acceptance" in response.content.decode()
    host_news.refresh_from_db()
    assert host_news.acceptance_by is None


def test_change_page_shows_the_decision(officer_client, member_a, secretariat_editor):
    article = ArticleFactory(organisation=member_a, acceptance=PENDING)
    article_decide_acceptance(article=article, accept=True, by=secretariat_editor)
    page = officer_client.get(
        reverse("admin:news_article_change", args=[article.pk])
    ).content.decode()
    assert "In the Organisation's news" in html.unescape(page)
    assert re.search(r"<div class=\"readonly\">Accepted</div>", page)


def test_migration_accepts_the_members_articles_published_before_it(host, member_a):
    migration = importlib.import_module("news.migrations.0007_article_acceptance")
    published = ArticleFactory(organisation=member_a, acceptance=PENDING)
    draft = ArticleFactory(organisation=member_a, status="draft", publish_at=None)
    own = ArticleFactory(organisation=host, acceptance=PENDING)
    migration.accept_published_member_news(apps, None)
    published.refresh_from_db()
    assert (published.acceptance, published.acceptance_at) == (ACCEPTED, published.publish_at)
    draft.refresh_from_db()
    own.refresh_from_db()
    assert (draft.acceptance, own.acceptance) == (PENDING, PENDING)
