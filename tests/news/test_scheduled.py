"""A scheduled article shows on cached pages as soon as its time comes.

It becomes public when the clock passes its publish_at, without any save, so no signal tells the
caches; a beat task looks every minute for articles that came due and forgets cached pages.
"""

from datetime import timedelta
from importlib import import_module

import pytest
from django.apps import apps
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from members.content_cache import content_generation
from news.models import Article
from news.services import articles_come_due_announce
from news.tasks import announce_articles_come_due
from tests.factories import ArticleFactory

NEWS = "/en/news/"


@pytest.fixture
def page_cache(settings):
    settings.OEC_ANONYMOUS_PAGE_CACHE_SECONDS = 300


def _let_its_time_come(article, seconds_ago=30):
    # What the clock does: no save, so no signal.
    Article.objects.filter(pk=article.pk).update(
        publish_at=timezone.now() - timedelta(seconds=seconds_ago)
    )


@pytest.mark.clock
def test_a_scheduled_article_shows_on_the_cached_news_list_when_its_time_comes(
    client, member_a, page_cache
):
    article = ArticleFactory(
        organisation=member_a,
        title_en="Communiqué of tomorrow",
        publish_at=timezone.now() + timedelta(days=1),
    )
    assert "Communiqué of tomorrow" not in client.get(NEWS).content.decode()
    _let_its_time_come(article)
    # Without the task, the cached page would keep showing the list from before.
    assert "Communiqué of tomorrow" not in client.get(NEWS).content.decode()

    assert announce_articles_come_due() == 1

    assert "Communiqué of tomorrow" in client.get(NEWS).content.decode()


@pytest.mark.clock
def test_nothing_due_forgets_nothing(member_a):
    ArticleFactory(organisation=member_a, publish_at=timezone.now() - timedelta(hours=1))
    ArticleFactory(organisation=member_a, publish_at=timezone.now() + timedelta(hours=1))
    ArticleFactory(organisation=member_a, status="draft", publish_at=None)
    before = content_generation()

    assert articles_come_due_announce() == 0

    assert content_generation() == before


@pytest.mark.clock
def test_an_article_due_a_minute_ago_is_still_announced(member_a):
    # Beat runs every minute; the window overlaps so that a late run misses nothing.
    article = ArticleFactory(organisation=member_a, publish_at=timezone.now() + timedelta(days=1))
    _let_its_time_come(article, seconds_ago=90)
    before = content_generation()

    assert articles_come_due_announce() == 1

    assert content_generation() > before


def test_the_check_runs_every_minute(db):
    # Run the migration's step again (twice: it must not add a second task): a browser test
    # earlier in the session may have flushed the database.
    schedule = import_module("news.migrations.0004_due_articles_schedule").schedule
    schedule(apps, None)
    schedule(apps, None)
    task = PeriodicTask.objects.get(task="news.tasks.announce_articles_come_due")
    assert (task.interval.every, task.interval.period) == (1, "minutes")
    assert task.enabled
