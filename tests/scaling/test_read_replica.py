"""The read replica serves the reads of public pages, and nothing else (issue 9).

A replica configured in settings is, in tests, the test database itself (TEST MIRROR). These
tests open that second connection by hand, as settings would with DATABASE_REPLICA_URL, and
count the queries each connection runs: the replica must see the anonymous visitor's page, the
primary everything that may read its own writes. They commit (transactional_db): a replica
connection never sees another connection's uncommitted rows.
"""

import copy

import pytest
from django.core.cache import caches
from django.db import connections, transaction
from django.db.utils import load_backend
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from members.models import Notification, NotificationEvent, User
from members.notifications.tasks import send_notification_mails
from news.models import Article
from oec_portal.db_router import PrimaryReplicaRouter, public_page_reads
from tests.factories import ArticleFactory, JoinRequestFactory

ROUTER = "oec_portal.db_router.PrimaryReplicaRouter"
MIDDLEWARE = "oec_portal.middleware.ReplicaForPublicPagesMiddleware"


@pytest.fixture
def replica(transactional_db, settings):
    """A "replica" connection to the test database, with the router and middleware that the
    settings install when DATABASE_REPLICA_URL is set.

    The connection is registered by hand rather than through settings.DATABASES: Django's test
    case refuses aliases it was not told about at set-up, and allows connections made this way.
    """
    settings_dict = copy.deepcopy(connections["default"].settings_dict)
    connections["replica"] = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(
        settings_dict, "replica"
    )
    settings.DATABASE_ROUTERS = [ROUTER]
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, MIDDLEWARE]
    yield connections["replica"]
    connections["replica"].close()
    del connections["replica"]


@pytest.fixture
def article(member_a):
    return ArticleFactory(organisation=member_a, title_en="Schools twinned across the region")


def queries_on_both(replica):
    return CaptureQueriesContext(connections["default"]), CaptureQueriesContext(replica)


def tables(captured):
    return " ".join(query["sql"] for query in captured.captured_queries)


def test_an_anonymous_visitor_reads_the_news_list_from_the_replica(client, replica, article):
    primary_queries, replica_queries = queries_on_both(replica)
    with primary_queries, replica_queries:
        response = client.get("/en/news/")

    assert response.status_code == 200
    assert "Schools twinned across the region" in response.content.decode()
    assert '"news_article"' in tables(replica_queries)
    assert primary_queries.captured_queries == []


def test_a_head_request_reads_from_the_replica_too(client, replica, article):
    primary_queries, replica_queries = queries_on_both(replica)
    with primary_queries, replica_queries:
        client.head("/en/news/")

    assert '"news_article"' in tables(replica_queries)
    assert primary_queries.captured_queries == []


def test_a_logged_in_member_reads_from_the_primary(client, replica, article, delegate_a):
    client.force_login(delegate_a)
    primary_queries, replica_queries = queries_on_both(replica)
    with primary_queries, replica_queries:
        response = client.get("/en/news/")

    assert "Schools twinned across the region" in response.content.decode()
    assert '"news_article"' in tables(primary_queries)
    assert replica_queries.captured_queries == []


def test_a_post_reads_from_the_primary(client, replica, delegate_a):
    primary_queries, replica_queries = queries_on_both(replica)
    with primary_queries, replica_queries:
        response = client.post(
            reverse("account_login"), {"login": delegate_a.email, "password": "not-the-password"}
        )

    assert response.status_code == 200  # the form again, with its error
    assert '"members_user"' in tables(primary_queries)
    assert replica_queries.captured_queries == []


def test_a_task_reads_from_the_primary(replica, focal_a):
    join_request = JoinRequestFactory(organisation=focal_a.memberships.get().organisation)
    notification = Notification.objects.create(
        event=NotificationEvent.objects.create(
            organisation=join_request.organisation, kind="members.join_request_received"
        ),
        recipient=focal_a,
        role="focal_point",
    )
    primary_queries, replica_queries = queries_on_both(replica)
    with primary_queries, replica_queries:
        notified = send_notification_mails.apply(args=[[notification.pk]]).get()

    assert notified == 1
    assert '"members_notification"' in tables(primary_queries)
    assert replica_queries.captured_queries == []


def test_an_anonymous_visitors_session_is_read_from_the_primary(client, replica, article, settings):
    # As in the step after the password (2FA): anonymous still, with a session just written.
    session = client.session
    session["pending"] = "login"
    session.save()
    caches[settings.SESSION_CACHE_ALIAS].clear()  # cached_db: the database is what counts
    primary_queries, replica_queries = queries_on_both(replica)
    with primary_queries, replica_queries:
        client.get("/en/news/")

    assert '"django_session"' in tables(primary_queries)
    assert '"django_session"' not in tables(replica_queries)
    assert '"news_article"' in tables(replica_queries)


def test_after_the_response_reads_go_to_the_primary_again(client, replica, article):
    client.get("/en/news/")
    primary_queries, replica_queries = queries_on_both(replica)
    with primary_queries, replica_queries:
        Article.objects.count()

    assert len(primary_queries.captured_queries) == 1
    assert replica_queries.captured_queries == []


def test_public_page_reads_inside_a_transaction_stay_on_the_primary(replica):
    router = PrimaryReplicaRouter()
    with public_page_reads():
        assert router.db_for_read(Article) == "replica"
        with transaction.atomic():
            assert router.db_for_read(Article) == "default"


def test_writes_always_go_to_the_primary(replica):
    router = PrimaryReplicaRouter()
    with public_page_reads():
        assert router.db_for_write(Article) == "default"
    assert router.db_for_write(Article) == "default"


def test_rows_of_both_databases_may_refer_to_each_other_and_only_the_primary_migrates(
    replica, article
):
    router = PrimaryReplicaRouter()
    on_replica = Article.objects.using("replica").get(pk=article.pk)
    on_primary = User.objects.using("default").create(email="new@member-a.example")

    assert router.allow_relation(on_replica, on_primary) is True
    assert router.allow_migrate("default", "news") is True
    assert router.allow_migrate("replica", "news") is False
