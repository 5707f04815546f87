"""Outages: Redis away => pages and login still answer (cache fails open, logged)."""

import logging

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from tests.factories import PASSWORD
from tests.throwaway_redis import ThrowawayRedis

# A real Redis client pointed at a port where nothing listens: every call fails to connect.
REDIS_AWAY = {
    "default": {
        "BACKEND": "oec_portal.cache.FailOpenRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
}


@pytest.fixture
def redis_away():
    import oec_portal.cache

    oec_portal.cache._last_logged = 0.0
    with override_settings(CACHES=REDIS_AWAY):
        yield
    cache.close()


def test_public_pages_answer_when_redis_is_away(client, db, redis_away, caplog):
    with caplog.at_level(logging.ERROR, logger="oec.cache"):
        for url in ("/en/", "/fr/members/", "/en/accounts/login/"):
            assert client.get(url).status_code == 200, url
        assert cache.get("anything", "fallback") == "fallback"
    assert any("failing open" in record.getMessage() for record in caplog.records)


def test_login_works_when_redis_is_away(client, delegate_a, redis_away):
    response = client.post(
        reverse("account_login"), {"login": delegate_a.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get(reverse("dashboard")).status_code == 200


def test_health_check_reports_the_cache_down_but_answers_200(client, db, redis_away):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["cache"] == "down"
    assert response.json()["status"] == "degraded"


@pytest.fixture
def redis_stopped(db):
    """The cache on a redis-server of this test's own, which answered and was then stopped."""
    import oec_portal.cache

    server = ThrowawayRedis()
    server.start()
    oec_portal.cache._last_logged = 0.0
    caches = {"default": {**REDIS_AWAY["default"], "LOCATION": server.url}}
    try:
        with override_settings(CACHES=caches):
            cache.set("probe", "up")
            assert cache.get("probe") == "up"
            server.stop()
            yield server
            cache.clear()  # the counters kept in this process's memory meanwhile
            cache.close()
    finally:
        server.stop()


def bad_password(client, user, address="192.0.2.10"):
    return client.post(
        reverse("account_login"),
        {"login": user.email, "password": "wrong-one"},
        REMOTE_ADDR=address,
    ).status_code


def test_sign_in_is_still_throttled_while_redis_is_stopped(
    client, delegate_a, redis_stopped, caplog
):
    with caplog.at_level(logging.ERROR, logger="oec.cache"):
        statuses = [bad_password(client, delegate_a) for _ in range(6)]

        assert statuses == [200] * 5 + [429]
        for url in ("/en/", "/fr/members/", "/en/accounts/login/"):
            assert client.get(url).status_code == 200, url
    assert any("failing open" in record.getMessage() for record in caplog.records)
    # Only rate-limit counters fall back to local memory; everything else still misses.
    cache.set("page", "cached")
    assert cache.get("page") is None


def test_the_owner_still_signs_in_while_redis_is_stopped(client, delegate_a, redis_stopped):
    statuses = [bad_password(client, delegate_a, address="203.0.113.9") for _ in range(6)]

    response = client.post(
        reverse("account_login"),
        {"login": delegate_a.email, "password": PASSWORD},
        REMOTE_ADDR="198.51.100.7",
    )

    assert statuses[-1] == 429
    assert response.status_code == 302


def test_the_api_is_still_throttled_while_redis_is_stopped(client, redis_stopped, monkeypatch):
    from rest_framework.throttling import AnonRateThrottle

    monkeypatch.setattr(AnonRateThrottle, "rate", "3/minute", raising=False)

    statuses = [client.get("/api/partners/").status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]
    # Another caller still has its own allowance.
    assert client.get("/api/partners/", REMOTE_ADDR="198.51.100.8").status_code == 200


def test_the_public_forms_are_still_limited_while_redis_is_stopped(client, redis_stopped, settings):
    settings.OEC_BULLETIN_SUBSCRIPTIONS_PER_HOUR = 2

    statuses = [
        client.post(
            "/en/bulletins/subscribe/", {"email": f"p{number}@public.example", "language": "en"}
        ).status_code
        for number in range(3)
    ]

    assert statuses == [302, 302, 429]


def test_a_part_kept_until_its_rows_change_asks_the_cache_three_times_while_it_is_away(
    db, redis_away, monkeypatch
):
    # Each call waits up to the connect timeout when Redis's host does not answer: the part
    # reads, stamps and stores (members.content_cache.cached_until_rows_change), no more.
    import oec_portal.cache
    from members.content_cache import cached_until_rows_change
    from members.models import Organisation
    from news.models import Article, Category

    failed = []
    monkeypatch.setattr(oec_portal.cache, "_log_outage", lambda *args: failed.append(args[0]))

    part = cached_until_rows_change(
        "outage", [Article, Organisation, Category], compute=lambda: "computed"
    )

    assert part == "computed"
    assert failed == ["get_many", "set_many", "set"]


def test_what_the_cache_answers_while_away_is_new_each_time(db, redis_away):
    # A caller that adds to what get_many gave must not add to the next caller's answer.
    answer = cache.get_many(["a-key"])
    answer["a-key"] = "added by the caller"

    assert cache.get_many(["a-key"]) == {}
