"""The API's rate limit wins over the anonymous page cache (issue 14): a kept answer counts
against the caller's rate and is refused (429) once the rate is spent, as an uncached one is."""

import pytest
from django.conf import settings as django_settings


@pytest.fixture
def page_cache(settings):
    settings.OEC_ANONYMOUS_PAGE_CACHE_SECONDS = 300


def test_the_121st_request_in_a_minute_gets_429_even_when_cached(client, open_data, page_cache):
    assert django_settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["anon"] == "120/minute"
    responses = [client.get("/api/partners/") for _ in range(121)]
    assert [response.status_code for response in responses[:120]] == [200] * 120
    assert "X-Page-Cache" not in responses[0]
    assert all(response["X-Page-Cache"] == "hit" for response in responses[1:120])
    assert responses[120].status_code == 429
    assert "Retry-After" in responses[120]
    assert "X-Page-Cache" not in responses[120]


def test_another_caller_still_gets_the_kept_answer(client, open_data, page_cache, monkeypatch):
    from rest_framework.throttling import AnonRateThrottle

    monkeypatch.setattr(AnonRateThrottle, "rate", "2/minute", raising=False)
    statuses = [client.get("/api/news/").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    other = client.get("/api/news/", REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 200
    assert other["X-Page-Cache"] == "hit"


def test_api_answers_are_keyed_by_their_filters_not_by_other_parameters(
    client, open_data, page_cache
):
    everyone = client.get("/api/members/").json()["count"]
    states = client.get("/api/members/?kind=founding_state")
    assert "X-Page-Cache" not in states
    assert states.json()["count"] < everyone
    again = client.get("/api/members/?kind=founding_state&utm_source=x")
    assert again["X-Page-Cache"] == "hit"
    assert again.json()["count"] == states.json()["count"]
