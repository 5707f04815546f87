"""Anonymous visitors get whole pages from the cache; an edit shows at once; nobody else does."""

import pytest
from django.urls import reverse

from members.content_cache import content_generation
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
