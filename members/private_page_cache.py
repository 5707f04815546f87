"""Whole pages of a signed-in user, kept in this process for that user alone (issue 19).

A member's page is drawn from the request, the session, the signed-in user with their
memberships and the acting organisation (kept with the content generation, auth_backends.py
and middleware.py), and from parts kept with the content generation
(`cached_until_content_changes`). A view that draws nothing else says so with
`@cached_per_signed_in_user`, and its page is answered again, without drawing it, to the same
user asking for the same address (path and query string) on the same host, in the same
language, with the same session, on the same day, while the content generation is the one it
was drawn under and for OEC_PRIVATE_PAGE_SECONDS at most (its time-dependent parts, such as
whether a registration is still open, are that old at most).

Only the view's drawing is skipped: authentication, two-factor, the no-store headers and every
other middleware run as for any request. A page is kept only when drawing it
- asked the database nothing: a query means the page read something the content generation
  may not cover (join requests waiting, a count of notifications), so such a page is drawn
  every time (and one drawn while its parts were read again is kept at the next visit);
- used no CSRF token and no CSP nonce (both are new in every response), showed no message,
  set no cookie and changed nothing in the session.
A request with a message waiting is never answered from here.

The pages live in the memory of each web process (at most KEPT_BYTES), not in Redis: asking
Redis would cost about what drawing one of these pages from its kept parts costs, and each
process draws a page once per content generation.
"""

import functools
import hashlib
import threading
import time
from collections import OrderedDict
from contextlib import ExitStack

from django.conf import settings
from django.contrib.messages import get_messages
from django.db import connections
from django.http import HttpResponse
from django.utils import timezone

from .content_cache import generation_of_this_request

# The pages this process keeps, most recently used last; the oldest go first past this size.
KEPT_BYTES = 4 * 1024 * 1024


class _KeptPages:
    def __init__(self):
        self.pages = OrderedDict()  # key: (generation, kept at (time.monotonic()), page)
        self.size = 0
        self.lock = threading.Lock()

    def get(self, key, generation, max_age):
        with self.lock:
            kept = self.pages.get(key)
            if kept is None or kept[0] != generation or time.monotonic() - kept[1] >= max_age:
                return None
            self.pages.move_to_end(key)
            return kept[2]

    def put(self, key, generation, page):
        with self.lock:
            self._drop(key)
            self.pages[key] = (generation, time.monotonic(), page)
            self.size += len(page[0])
            while self.size > KEPT_BYTES:
                self._drop(next(iter(self.pages)))

    def clear(self):
        with self.lock:
            self.pages.clear()
            self.size = 0

    def _drop(self, key):
        kept = self.pages.pop(key, None)
        if kept is not None:
            self.size -= len(kept[2][0])


_kept_pages = _KeptPages()


def forget_private_pages():
    """Forget every page this process keeps (the cache was emptied)."""
    _kept_pages.clear()


class _QueryCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def _key(request):
    session = repr(sorted(request.session.items()))
    facts = (
        request.user.pk,
        request.get_host(),
        request.scheme,
        request.LANGUAGE_CODE,
        request.get_full_path(),
        timezone.localdate(),
        session,
    )
    return hashlib.sha256(repr(facts).encode()).hexdigest()


def _may_keep(request, response, queries, generation):
    return (
        queries.count == 0
        # Content changed while the page was drawn: its parts may be of either generation.
        and generation_of_this_request() == generation
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.session.modified
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not getattr(request, "_csp_nonce", None)
        and not len(get_messages(request))
    )


def cached_per_signed_in_user(view):
    """Keep the pages `view` draws for a signed-in user (GET), for that user (see above)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        max_age = settings.OEC_PRIVATE_PAGE_SECONDS
        if not max_age or request.method != "GET" or not request.user.is_authenticated:
            return view(request, *args, **kwargs)
        # Read with the session and the user (sessions.py, auth_backends.py), just above.
        generation = generation_of_this_request()
        if generation is None or len(get_messages(request)):
            return view(request, *args, **kwargs)
        key = _key(request)
        page = _kept_pages.get(key, generation, max_age)
        if page is not None:
            content, headers = page
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            return response
        queries = _QueryCounter()
        with ExitStack() as stack:
            for connection in connections.all():
                stack.enter_context(connection.execute_wrapper(queries))
            response = view(request, *args, **kwargs)
        if _may_keep(request, response, queries, generation):
            _kept_pages.put(key, generation, (response.content, list(response.items())))
        return response

    return wrapper
