"""When the read replica cannot be reached, public pages are read from the primary (issue 19).

`make rehearse` stopped the replica under load: without a fallback every public page that
missed the cache failed until it came back. Here the replica alias points at a port where
nothing listens (refused at once, as a stopped PostgreSQL is), and the pages must still answer,
from the primary, quickly; the replica is tried again only after DATABASE_REPLICA_RETRY_SECONDS.
"""

import copy
import time

import pytest
from django.db import OperationalError, connections
from django.db.utils import load_backend
from django.test.utils import CaptureQueriesContext

from oec_portal import db_router
from oec_portal.db_router import public_page_reads, replica_failed_this_request
from tests.factories import ArticleFactory
from tests.network import free_port

from .test_read_replica import MIDDLEWARE, ROUTER, queries_on_both, tables


class Clock:
    """The router's clock, moved by hand (time-machine leaves time.monotonic alone)."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(db_router, "clock", clock)
    monkeypatch.setattr(db_router, "_replica_down_until", 0.0)
    return clock


@pytest.fixture
def replica_port():
    return connections["default"].settings_dict["PORT"] or 5432


@pytest.fixture
def unreachable_replica(transactional_db, settings, clock, replica_port):
    """A "replica" alias (registered by hand, as in test_read_replica) whose server is down:
    its port is closed. Setting PORT back to `replica_port` brings it back."""
    settings_dict = copy.deepcopy(connections["default"].settings_dict)
    settings_dict["PORT"] = str(free_port())
    connections["replica"] = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(
        settings_dict, "replica"
    )
    settings.DATABASE_ROUTERS = [ROUTER]
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, MIDDLEWARE]
    settings.DATABASE_REPLICA_RETRY_SECONDS = 10
    yield connections["replica"]
    connections["replica"].close()
    del connections["replica"]


@pytest.fixture
def article(member_a):
    return ArticleFactory(organisation=member_a, title_en="Schools twinned across the region")


def test_a_public_page_is_read_from_the_primary_when_the_replica_is_down(
    client, unreachable_replica, article
):
    with CaptureQueriesContext(connections["default"]) as primary_queries:
        response = client.get("/en/news/")

    assert response.status_code == 200
    assert "Schools twinned across the region" in response.content.decode()
    assert '"news_article"' in tables(primary_queries)
    assert unreachable_replica.connection is None


def test_finding_the_replica_down_takes_no_timeout(unreachable_replica):
    started = time.monotonic()
    assert db_router.replica_answers() is False
    assert time.monotonic() - started < 1  # refused at once (a vanished host: connect_timeout)


def test_the_replica_is_not_tried_again_before_the_pause(
    client, unreachable_replica, article, clock, replica_port, monkeypatch
):
    client.get("/en/news/")  # the replica fails: the circuit opens
    attempts = []
    connect = unreachable_replica.connect
    monkeypatch.setattr(unreachable_replica, "connect", lambda: attempts.append(1) or connect())
    unreachable_replica.settings_dict["PORT"] = str(replica_port)  # it is back, unknown yet

    clock.now += 9.9
    with CaptureQueriesContext(connections["default"]) as primary_queries:
        assert client.get("/en/news/?page=1").status_code == 200

    assert attempts == []
    assert '"news_article"' in tables(primary_queries)
    assert unreachable_replica.connection is None


def test_after_the_pause_the_replica_is_tried_again_and_serves_the_page(
    client, unreachable_replica, article, clock, replica_port
):
    client.get("/en/news/")  # the replica fails: the circuit opens
    unreachable_replica.settings_dict["PORT"] = str(replica_port)  # the replica is back

    clock.now += 10.1
    primary_queries, replica_queries = queries_on_both(unreachable_replica)
    with primary_queries, replica_queries:
        response = client.get("/en/news/?page=1")

    assert "Schools twinned across the region" in response.content.decode()
    assert '"news_article"' in tables(replica_queries)
    assert primary_queries.captured_queries == []


def test_a_replica_that_fails_again_after_the_pause_opens_the_circuit_again(
    client, unreachable_replica, article, clock
):
    client.get("/en/news/")
    clock.now += 10.1

    assert client.get("/en/news/?page=1").status_code == 200
    assert db_router._replica_down_until == pytest.approx(clock.now + 10)


def test_a_replica_connection_lost_between_requests_is_replaced_by_the_primary(
    client, unreachable_replica, article, clock, replica_port
):
    """A replica stopped while this process held a connection to it: the health check (once
    per request, CONN_HEALTH_CHECKS) finds it dead, a new one is refused, the primary reads."""
    unreachable_replica.settings_dict["PORT"] = str(replica_port)
    unreachable_replica.settings_dict["CONN_MAX_AGE"] = 60
    unreachable_replica.settings_dict["CONN_HEALTH_CHECKS"] = True
    client.get("/en/news/")  # served by the replica, whose connection stays open
    assert unreachable_replica.connection is not None
    with connections["default"].cursor() as cursor:  # the replica's server ends it
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid()"
            " AND datname = current_database() AND application_name = '' AND pid = %s",
            [unreachable_replica.connection.info.backend_pid],
        )
    unreachable_replica.settings_dict["PORT"] = str(free_port())  # and stays down
    # What every request's start does (request_started; the test client leaves it out): the
    # connection will be checked before its first query.
    unreachable_replica.close_if_unusable_or_obsolete()

    with CaptureQueriesContext(connections["default"]) as primary_queries:
        response = client.get("/en/news/?page=1")

    assert response.status_code == 200
    assert '"news_article"' in tables(primary_queries)
    assert unreachable_replica.connection is None


def _end_the_replicas_session(replica):
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [replica.connection.info.backend_pid])


@pytest.fixture
def replica_kept_without_check(unreachable_replica, replica_port):
    """A replica connection kept between requests and not checked before the next one's first
    query: as one that passed its check an instant before its server went away."""
    unreachable_replica.settings_dict["PORT"] = str(replica_port)
    unreachable_replica.settings_dict["CONN_MAX_AGE"] = 60
    unreachable_replica.settings_dict["CONN_HEALTH_CHECKS"] = False
    return unreachable_replica


def test_a_replica_lost_in_the_middle_of_a_page_is_read_again_from_the_primary(
    client, replica_kept_without_check, article
):
    replica = replica_kept_without_check
    client.get("/en/news/")  # served by the replica, whose connection stays open
    _end_the_replicas_session(replica)

    with CaptureQueriesContext(connections["default"]) as primary_queries:
        response = client.get("/en/news/?page=1")

    assert response.status_code == 200
    assert "Schools twinned across the region" in response.content.decode()
    assert '"news_article"' in tables(primary_queries)
    assert replica.connection is None  # the broken connection is not kept


def test_after_a_replica_lost_mid_page_the_next_page_tries_it_again(
    client, replica_kept_without_check, article, clock
):
    replica = replica_kept_without_check
    client.get("/en/news/")
    _end_the_replicas_session(replica)
    client.get("/en/news/?page=1")  # read again from the primary

    primary_queries, replica_queries = queries_on_both(replica)
    with primary_queries, replica_queries:
        response = client.get("/en/news/?page=2")

    assert response.status_code == 404  # one article: no second page, said by the replica
    assert '"news_article"' in tables(replica_queries)
    assert db_router._replica_down_until == 0.0


def test_only_the_replicas_own_failure_draws_a_page_again(replica_kept_without_check):
    """A database error of the primary (or any other error) is the server error it always
    was; so is one outside a public page's reads."""
    replica = replica_kept_without_check
    lost = OperationalError("server closed the connection unexpectedly")

    with public_page_reads():
        assert replica_failed_this_request(lost) is False  # the replica raised nothing
        replica.errors_occurred = True
        assert replica_failed_this_request(ValueError("not the database")) is False
        assert replica_failed_this_request(lost) is True
    replica.errors_occurred = True
    assert replica_failed_this_request(lost) is False  # not a public page's reads
