"""Outages: Redis away => pages and login still answer (cache fails open, logged)."""

import logging

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from tests.factories import PASSWORD

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
