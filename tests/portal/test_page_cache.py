"""Anonymous visitors get whole pages from the cache; an edit shows at once; nobody else does."""

import time

import pytest
from django.core.cache import cache
from django.urls import reverse

from members.content_cache import GENERATION_KEY, content_generation
from members.models import Organisation


@pytest.fixture
def page_cache(settings):
    settings.OEC_ANONYMOUS_PAGE_CACHE_SECONDS = 300


def test_second_anonymous_visit_is_served_from_the_cache_without_queries(
    client, member_a, page_cache, django_assert_num_queries
):
    first = client.get("/en/members/")
    assert "X-Page-Cache" not in first
    with django_assert_num_queries(0):
        second = client.get("/en/members/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_an_edit_shows_at_once(client, member_a, page_cache):
    client.get("/en/members/")
    member_a.name_en = "Renamed Member A"
    member_a.save(update_fields=["name_en"])
    response = client.get("/en/members/")
    assert "X-Page-Cache" not in response
    assert "Renamed Member A" in response.content.decode()


def test_a_page_made_before_the_change_commits_is_forgotten_when_it_commits(
    client, member_a, page_cache, django_capture_on_commit_callbacks
):
    # Another request may read the old row between the save and the commit (or from a replica
    # that lags) and keep its page: the commit forgets what was kept meanwhile.
    with django_capture_on_commit_callbacks(execute=True):
        member_a.name_en = "Renamed Member A"
        member_a.save(update_fields=["name_en"])
        client.get("/en/members/")
        during = content_generation()
    assert content_generation() > during
    assert "X-Page-Cache" not in client.get("/en/members/")


def test_each_language_is_kept_apart(client, db, page_cache):
    client.get("/en/")
    assert 'lang="fr"' in client.get("/fr/").content.decode()


def test_a_signed_in_user_never_gets_a_cached_page(client, delegate_a, page_cache):
    client.get("/en/")  # cached for visitors
    client.force_login(delegate_a)
    response = client.get("/en/")
    assert "X-Page-Cache" not in response
    assert reverse("dashboard") in response.content.decode()


def test_a_plain_anonymous_get_sets_no_cookie(client, db, page_cache):
    for url in ("/en/", "/fr/members/", "/ar/"):
        assert not client.get(url).cookies, url


def test_pages_that_set_cookies_are_not_kept(client, db, page_cache):
    client.get(reverse("account_login"))  # the login form sets the CSRF cookie
    client.cookies.clear()
    assert "X-Page-Cache" not in client.get(reverse("account_login"))


def test_off_by_default_outside_production(client, db, settings):
    assert settings.OEC_ANONYMOUS_PAGE_CACHE_SECONDS == 0
    client.get("/en/")
    assert "X-Page-Cache" not in client.get("/en/")


def test_status_change_of_an_organisation_invalidates(client, member_a, page_cache):
    client.get(reverse("members:microsite", args=["member-a"]))
    member_a.status = Organisation.Status.SUSPENDED
    member_a.save(update_fields=["status"])
    assert client.get(reverse("members:microsite", args=["member-a"])).status_code == 404


def test_rows_no_public_page_shows_do_not_empty_the_cache(client, member_a, focal_a, page_cache):
    from members.services import invitation_create

    client.get("/en/members/")
    invitation_create(
        organisation=member_a, email="someone@example.org", role="delegate", invited_by=focal_a
    )
    assert client.get("/en/members/")["X-Page-Cache"] == "hit"


def test_the_audit_row_of_a_file_download_does_not_empty_the_cache(client, member_a, page_cache):
    # An anonymous visitor's download of a partner's public file writes one.
    from members.models import PrivateFileDownload

    client.get("/en/members/")
    PrivateFileDownload.objects.create(
        what="partnerships.cooperationactivity.file", object_id=1, file_name="a.pdf", owner=member_a
    )
    assert client.get("/en/members/")["X-Page-Cache"] == "hit"


# --- Keys: the path and the query parameters the view reads (issue 14) -----------------------


def _kept_pages():
    """The keys of the pages kept in the cache (Redis when REDIS_URL is set, else local memory)."""
    from django.core.cache import cache

    from members.content_cache import GENERATION_KEY

    if isinstance(cache._cache, dict):  # LocMemCache
        keys = list(cache._cache)
    else:
        keys = [key.decode() for key in cache._cache.get_client().keys("*")]
    return {key for key in keys if "page-cache:" in key and not key.endswith(GENERATION_KEY)}


def test_unknown_query_parameters_make_no_new_cache_keys(client, member_a, page_cache):
    client.get("/en/members/")
    assert len(_kept_pages()) == 1
    for number in range(20):
        response = client.get(f"/en/members/?utm={number}&fbclid=x{number}")
        assert response["X-Page-Cache"] == "hit"
    assert len(_kept_pages()) == 1


def test_a_page_is_keyed_by_the_parameters_its_view_reads(client, member_a, member_b, page_cache):
    only_a = client.get("/en/members/?q=Member+A")
    assert "Member B" not in only_a.content.decode()
    only_b = client.get("/en/members/?q=Member+B")
    assert "X-Page-Cache" not in only_b
    assert "Member A" not in only_b.content.decode()
    again = client.get("/en/members/?utm_source=newsletter&q=Member+A")
    assert again["X-Page-Cache"] == "hit"
    assert again.content == only_a.content
    assert len(_kept_pages()) == 2


def test_a_view_that_declares_nothing_keeps_no_page_asked_with_a_query_string(
    client, db, page_cache
):
    # The RSS feed declares no parameter: kept without a query string only.
    client.get("/en/news/feed/rss/?x=1")
    assert "X-Page-Cache" not in client.get("/en/news/feed/rss/?x=1")
    assert _kept_pages() == set()
    client.get("/en/news/feed/rss/")
    assert client.get("/en/news/feed/rss/")["X-Page-Cache"] == "hit"


def test_odd_input_gets_its_400_never_a_kept_page(client, db, page_cache):
    client.get("/en/")
    assert client.get("/en/?utm=1")["X-Page-Cache"] == "hit"
    response = client.get("/en/?utm=%00")
    assert response.status_code == 400
    assert "X-Page-Cache" not in response


@pytest.fixture
def pages_kept_in_the_process(page_cache, settings):
    settings.OEC_PAGE_CACHE_LOCAL_SECONDS = 60


def _count_cache_reads(monkeypatch):
    reads = []
    original = cache.get_many
    monkeypatch.setattr(
        cache, "get_many", lambda *args, **kwargs: reads.append(args) or original(*args, **kwargs)
    )
    return reads


def test_a_process_answers_a_page_it_kept_without_asking_the_cache(
    client, member_a, pages_kept_in_the_process, monkeypatch
):
    first = client.get("/en/members/")
    reads = _count_cache_reads(monkeypatch)
    second = client.get("/en/members/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert reads == []


def test_an_edit_in_the_same_process_shows_at_once_with_pages_kept_in_the_process(
    client, member_a, pages_kept_in_the_process
):
    client.get("/en/members/")
    client.get("/en/members/")
    member_a.name_en = "Renamed Member A"
    member_a.save(update_fields=["name_en"])
    response = client.get("/en/members/")
    assert "X-Page-Cache" not in response
    assert "Renamed Member A" in response.content.decode()


def test_an_edit_in_another_process_shows_once_the_generation_read_is_older_than_allowed(
    client, member_a, pages_kept_in_the_process, settings
):
    client.get("/en/members/")
    cache.incr(GENERATION_KEY)  # as a save in another web process does
    assert client.get("/en/members/")["X-Page-Cache"] == "hit"  # within the allowed age
    settings.OEC_PAGE_CACHE_LOCAL_SECONDS = 0.001
    time.sleep(0.01)
    assert "X-Page-Cache" not in client.get("/en/members/")
