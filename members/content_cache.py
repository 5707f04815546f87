"""The content generation: one number that every change to the portal's content bumps.

Whatever is cached from content carries it in its key, so that an edit shows at once:
whole anonymous pages (oec_portal.page_cache, which also bumps it) and parts of members' pages
(`cached_until_content_changes`). It lives on the ground floor so that every app may use it.
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
    key = f"fragment:{name}:{content_generation()}:{get_language()}:{varies}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout)
    return value
