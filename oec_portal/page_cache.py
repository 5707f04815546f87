"""Whole pages for anonymous visitors, kept in the cache (issue 9).

A page is kept only when it is safe to share: a GET by a visitor without a session or a
pending message, answered 200 without setting a cookie, without `private`/`no-store`, and
without a CSP nonce (a shared nonce would be a known nonce). A page is stored with the content
generation (members.content_cache) that every change to the portal's content bumps (signals,
wired in oec_portal.apps) and served only while it is current, so an edit shows at once; the
language is part of the path and of the key.

A page is keyed by its path and the query parameters its view reads, which the view declares
(members.content_cache.reads_query_parameters): any other parameter is ignored, so a client
that varies `?utm=` gets the one kept page instead of filling the cache with copies of it. A
view that declares nothing is kept only when asked for without a query string.

Each process also keeps the pages it served, with their generation (OEC_PAGE_CACHE_LOCAL_BYTES
of them), and answers them without a round trip to Redis while the generation it last read is
younger than OEC_PAGE_CACHE_LOCAL_SECONDS (1 s in production): under load, that round trip is
most of what a kept page costs (issue 19). An edit made in another process shows there that
much later at most.

The open data API limits each caller's rate (DRF's throttles, which run in the view): a kept
answer of a rate-limited view is served only while the caller's rate allows it, and counts
against it, so the cache never lifts the limit.
"""

import functools
import hashlib
import threading
from collections import OrderedDict
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponse
from django.urls import Resolver404, get_urlconf, resolve
from django.utils import translation

from members.content_cache import read_current, recent_generation, store_current

from .malformed_input import malformed_address

SKIPPED_PREFIXES = ("/admin/", "/healthz")


def _view(request):
    """The view that will answer the request, or None when no URL pattern matches."""
    return _view_of_path(get_urlconf() or settings.ROOT_URLCONF, request.path_info)


# Resolving a path costs a page served from the cache more than its trip to Redis: the answer
# is kept for the paths asked most (any path may be asked, so the number kept is bounded).
@functools.lru_cache(maxsize=4096)
def _view_of_path(urlconf, path_info):
    # i18n_patterns match the prefix of the active language, and LocaleMiddleware (further in)
    # has not activated the request's yet.
    with translation.override(translation.get_language_from_path(path_info)):
        try:
            return resolve(path_info, urlconf).func
        except Resolver404:
            return None


def query_read_by(view):
    """The query parameters `view` declares it reads (None: it declares nothing). DRF views
    declare them on their class (oec_portal.api)."""
    declared = getattr(view, "page_cache_query", None)
    if declared is None:
        declared = getattr(getattr(view, "cls", None), "page_cache_query", None)
    return declared


def _rate_limits_allow(request, view):
    """Whether the rate limits of a DRF view let this caller have one more answer (counting
    it, as the view's own check would): DRF throttles in the view, which a kept page skips.
    A refused caller goes on to the view, which answers 429 itself (a refusal counts nothing)."""
    view_class = getattr(view, "cls", None)
    throttle_classes = getattr(view_class or view, "throttle_classes", ())
    if not throttle_classes:
        return True
    from rest_framework.request import Request  # only for the API's kept answers

    api_request = Request(request)  # no authenticators: every caller here is anonymous
    api_view = view_class(**view.initkwargs) if view_class else None
    return all(throttle().allow_request(api_request, api_view) for throttle in throttle_classes)


def _key(request, query_names):
    query = urlencode(sorted((name, request.GET.getlist(name)) for name in query_names), True)
    page = hashlib.sha256(f"{request.path}?{query}".encode()).hexdigest()
    return f"page-cache:{request.get_host()}:{request.LANGUAGE_CODE}:{page}"


class _PagesOfThisProcess:
    """The pages this process served or stored, with their generation: the most recent ones,
    at most OEC_PAGE_CACHE_LOCAL_BYTES of content."""

    def __init__(self):
        self.pages = OrderedDict()  # key: (generation, (content, headers))
        self.size = 0
        self.lock = threading.Lock()

    def get(self, key, generation):
        with self.lock:
            kept = self.pages.get(key)
            if kept is None or kept[0] != generation:
                return None
            self.pages.move_to_end(key)
            return kept[1]

    def put(self, key, generation, page):
        with self.lock:
            if key in self.pages:
                self.size -= len(self.pages.pop(key)[1][0])
            self.pages[key] = (generation, page)
            self.size += len(page[0])
            while self.pages and self.size > settings.OEC_PAGE_CACHE_LOCAL_BYTES:
                self.size -= len(self.pages.popitem(last=False)[1][1][0])


_pages_of_this_process = _PagesOfThisProcess()


def forget_pages_of_this_process():
    with _pages_of_this_process.lock:
        _pages_of_this_process.pages.clear()
        _pages_of_this_process.size = 0


def _kept_response(page):
    content, headers = page
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    response["X-Page-Cache"] = "hit"
    return response


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        timeout = settings.OEC_ANONYMOUS_PAGE_CACHE_SECONDS
        if not timeout or not self._request_may_share(request):
            return self.get_response(request)
        view = _view(request)
        query_names = query_read_by(view)
        if query_names is None and request.GET:
            return self.get_response(request)
        # LANGUAGE_CODE is set by LocaleMiddleware further in; derive it from the path here.
        request.LANGUAGE_CODE = request.path.split("/")[1] or "-"
        key = _key(request, query_names or ())
        local_seconds = settings.OEC_PAGE_CACHE_LOCAL_SECONDS
        if local_seconds:
            generation = recent_generation(local_seconds)
            page = _pages_of_this_process.get(key, generation) if generation else None
            if page is not None and _rate_limits_allow(request, view):
                return _kept_response(page)
        generation, cached = read_current(key)
        if cached is not None and _rate_limits_allow(request, view):
            if local_seconds:
                _pages_of_this_process.put(key, generation, cached)
            return _kept_response(cached)
        response = self.get_response(request)
        if self._response_may_share(response):
            headers = [(name, value) for name, value in response.items()]
            page = (response.content, headers)
            store_current(key, generation, page, timeout)
            if local_seconds:
                _pages_of_this_process.put(key, generation, page)
        return response

    @staticmethod
    def _request_may_share(request):
        return (
            request.method == "GET"
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "messages" not in request.COOKIES
            and not request.path.startswith(SKIPPED_PREFIXES)
            # Odd input gets its 400 from oec_portal.malformed_input, never a kept page.
            and not malformed_address(request)
        )

    @staticmethod
    def _response_may_share(response):
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "private" not in cache_control
            and "no-store" not in cache_control
            and "'nonce-" not in response.get("Content-Security-Policy", "")
            and not response.has_header("Content-Disposition")
        )
