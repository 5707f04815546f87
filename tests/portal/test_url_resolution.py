"""The pages' URLs (under a language prefix) are resolved once per path and language, then
remembered (oec_portal.url_resolvers.ResolverRememberingPaths, issue 19)."""

import pytest
from django.urls import Resolver404, get_resolver, resolve, set_script_prefix
from django.utils import translation

from governance import views as governance_views
from oec_portal import views as portal_views
from oec_portal.url_resolvers import ResolverRememberingPaths, remembered_reverse

DOWNLOAD = "/fr/documents/OEC-GA-1-3/download/en/"


@pytest.fixture
def pages_resolver():
    [resolver] = [
        pattern
        for pattern in get_resolver().url_patterns
        if isinstance(pattern, ResolverRememberingPaths)
    ]
    resolver._resolve_in_language.cache_clear()
    return resolver


def test_a_path_resolves_as_before_and_is_remembered(pages_resolver):
    with translation.override("fr"):
        first = resolve(DOWNLOAD)
        again = resolve(DOWNLOAD)

    assert first.func is governance_views.document_download
    assert first.kwargs == {"symbol": "OEC-GA-1-3", "language": "en"}
    assert again.kwargs == first.kwargs and again.url_name == "document_download"
    assert pages_resolver._resolve_in_language.cache_info().hits == 1


def test_each_match_has_kwargs_of_its_own(pages_resolver):
    # A view that changes its kwargs must not change the next request's.
    with translation.override("fr"):
        resolve(DOWNLOAD).kwargs["symbol"] = "changed"
        assert resolve(DOWNLOAD).kwargs["symbol"] == "OEC-GA-1-3"


def test_a_match_carries_the_pattern_that_matched_not_every_one_tried_before(pages_resolver):
    # Each request's match copies them: ~70 lists for a download, read by no page that matched.
    with translation.override("fr"):
        resolve(DOWNLOAD)
        match = resolve(DOWNLOAD)

    [matched] = [tried for tried in match.tried if tried[0] is pages_resolver]
    assert matched[-1].name == "document_download"


def test_the_language_is_part_of_what_is_remembered(pages_resolver):
    with translation.override("en"):
        assert resolve("/en/").func is portal_views.home
    # Under French, the English prefix is no page of the portal (LocaleMiddleware redirects).
    with translation.override("fr"), pytest.raises(Resolver404):
        resolve("/en/")


def test_a_path_that_matches_nothing_is_not_remembered(pages_resolver):
    with translation.override("en"), pytest.raises(Resolver404):
        resolve("/en/no-such-page/at-all/")

    assert pages_resolver._resolve_in_language.cache_info().currsize == 0


def test_a_remembered_reverse_follows_the_language_and_the_script_prefix():
    with translation.override("fr"):
        assert remembered_reverse("news:list") == "/fr/news/"
    with translation.override("ar"):
        assert remembered_reverse("news:list") == "/ar/news/"
    set_script_prefix("/portal/")
    try:
        with translation.override("fr"):
            assert remembered_reverse("news:list") == "/portal/fr/news/"
    finally:
        set_script_prefix("/")
    with translation.override("fr"):
        assert remembered_reverse("news:list") == "/fr/news/"


def test_a_remembered_reverse_takes_kwargs_and_says_none_for_no_match():
    assert remembered_reverse("admin:app_list", kwargs={"app_label": "news"}) == "/admin/news/"
    assert remembered_reverse("admin:no_such_page") is None
