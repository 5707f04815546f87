"""The content generation: one number that every change to the portal's content bumps.

Whatever is cached from content is stored with it and used only while it is still the
current one, so that an edit shows at once:
whole anonymous pages (oec_portal.page_cache, which also bumps it), parts of members' pages
(`cached_until_content_changes`) and the signed-in user with their memberships
(auth_backends.py). It lives on the ground floor so that every app may use it.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language

GENERATION_KEY = "page-cache:generation"


def content_generation():
    return cache.get_or_set(GENERATION_KEY, 1, timeout=None)


def forget_content():
    """Content changed: every key made with the old generation is forgotten."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 1, timeout=None)


def read_current(key):
    """(generation, value): the content generation and what `key` holds, if it was stored
    under this generation (else None), in one round trip to the cache."""
    found = cache.get_many([GENERATION_KEY, key])
    generation = found.get(GENERATION_KEY) or content_generation()
    stored = found.get(key)
    if stored is not None and stored[0] == generation:
        return generation, stored[1]
    return generation, None


def store_current(key, generation, value, timeout):
    """Keep `value` under `key` for as long as the content generation stays `generation`."""
    cache.set(key, (generation, value), timeout)


def reads_query_parameters(*names):
    """Declare the query parameters a public view reads (`@reads_query_parameters("page", "q")`).

    The anonymous page cache (oec_portal.page_cache) keys the view's pages by these alone and
    ignores any other (`?utm_source=...`, a cache-buster), so that a new query string is not a
    new page to keep; a view that declares nothing is kept only when asked without a query
    string. A view that starts reading another parameter must name it here, or the cache would
    answer with the page of another value.
    """

    def declare(view):
        view.page_cache_query = frozenset(names)
        return view

    return declare


def cached_until_content_changes(name, *vary_on, compute):
    """What `compute()` returns, kept until the portal's content changes (or for
    OEC_FRAGMENT_CACHE_SECONDS).

    For the parts of members' pages that are the same for everyone with the same access: the
    caller names in `vary_on` everything the result depends on besides content and language
    (e.g. the viewer's audience from the app's permissions module, the query string). The
    result is pickled: a string of HTML or plain data, never anything tied to one request.
    """
    timeout = settings.OEC_FRAGMENT_CACHE_SECONDS
    if not timeout:
        return compute()
    varies = hashlib.sha256(repr(vary_on).encode()).hexdigest()
    key = f"fragment:{name}:{get_language()}:{varies}"
    generation, value = read_current(key)
    if value is None:
        value = compute()
        store_current(key, generation, value, timeout)
    return value
