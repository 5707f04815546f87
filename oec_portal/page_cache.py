"""Whole pages for anonymous visitors, kept in the cache (issue 9).

A page is kept only when it is safe to share: a GET by a visitor without a session or a
pending message, answered 200 without setting a cookie, without `private`/`no-store`, and
without a CSP nonce (a shared nonce would be a known nonce). A page is stored with the content
generation (members.content_cache) that every change to the portal's content bumps (signals,
wired in oec_portal.apps) and served only while it is current, so an edit shows at once; the
language is part of the path and of the key.
"""

import hashlib

from django.conf import settings
from django.db import transaction
from django.http import HttpResponse

from members.content_cache import forget_content, read_current, store_current

CONTENT_APPS = {"members", "pages", "news", "governance", "partnerships", "bulletins"}
# Rows of those apps that no public page shows (audit trails, ledgers): saving them must not
# empty the cache, or every download or dashboard visit would.
NOT_SHOWN_ON_PUBLIC_PAGES = {
    "governance.documentdownload",
    "governance.dashboardvisit",
    "members.invitation",
    "members.joinrequest",
    "bulletins.delivery",
}
SKIPPED_PREFIXES = ("/admin/", "/healthz")


# A sign-in saves only this column of the user: it must not empty the cache either.
NOT_SHOWN_FIELDS = frozenset({"last_login"})


def bump_generation(**kwargs):
    """Forget every cached page: content changed somewhere (signal receiver)."""
    sender = kwargs.get("sender")
    if sender is not None and (
        sender._meta.app_label not in CONTENT_APPS
        or sender._meta.label_lower in NOT_SHOWN_ON_PUBLIC_PAGES
    ):
        return
    if kwargs.get("update_fields") and kwargs["update_fields"] <= NOT_SHOWN_FIELDS:
        return
    forget_content()
    # Once more when the change is committed: a page read from the database between the save
    # and the commit (or from a replica that lags) still shows the old content.
    transaction.on_commit(forget_content)


def _key(request):
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"page-cache:{request.get_host()}:{request.LANGUAGE_CODE}:{path}"


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        timeout = settings.OEC_ANONYMOUS_PAGE_CACHE_SECONDS
        if not timeout or not self._request_may_share(request):
            return self.get_response(request)
        # LANGUAGE_CODE is set by LocaleMiddleware further in; derive it from the path here.
        request.LANGUAGE_CODE = request.path.split("/")[1] or "-"
        key = _key(request)
        generation, cached = read_current(key)
        if cached is not None:
            content, headers = cached
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if self._response_may_share(response):
            headers = [(name, value) for name, value in response.items()]
            store_current(key, generation, (response.content, headers), timeout)
        return response

    @staticmethod
    def _request_may_share(request):
        return (
            request.method == "GET"
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "messages" not in request.COOKIES
            and not request.path.startswith(SKIPPED_PREFIXES)
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
