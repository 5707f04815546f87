"""The content generation: one number that every change to the portal's content bumps.

Whatever is cached from content is stored with it and used only while it is still the
current one, so that an edit shows at once:
whole anonymous pages (oec_portal.page_cache), parts of members' pages
(`cached_until_content_changes`) and the signed-in user with their memberships
(auth_backends.py). Each model has a generation of its own too, bumped by its rows' saves and
deletions alone: a part of a public page that shows only some models' rows is kept until one
of them changes (`cached_until_rows_change`), not redrawn after every edit. It lives on the
ground floor so that every app may use it.
"""

import contextlib
import hashlib
import pickle
import re
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import request_finished, request_started
from django.db import connections, transaction
from django.utils.translation import get_language

GENERATION_KEY = "page-cache:generation"
# A generation per model, bumped by each save or deletion of its rows, and one for every model
# at once (forget_content): what `cached_until_rows_change` keeps is stamped with them.
ROWS_KEY = "rows-generation:{}"
EVERY_ROW_KEY = "rows-generation:*"

# Within one request, the generation read from the cache the first time is used again, and
# what `cached_until_content_changes` returned is also kept in this process's memory, under
# that generation: a member's page asks for several parts, and each would otherwise cost a
# round trip to Redis (issue 19). Outside a request (tasks, commands) every read goes to Redis.
# An edit made during the request forgets the generation read, as it bumps the cache's.
_request = threading.local()
LOCAL_ENTRIES = 256


def _request_starts(**kwargs):
    _request.active, _request.generation, _request.memo = True, None, {}
    _request.read_along = {}


def _request_ends(**kwargs):
    _request.active, _request.generation, _request.memo = False, None, {}
    _request.read_along = {}


request_started.connect(_request_starts, dispatch_uid="content_cache.request_starts")
request_finished.connect(_request_ends, dispatch_uid="content_cache.request_ends")


# The generation this process last read from Redis, and when (time.monotonic()).
_last_read = {"generation": None, "at": 0.0}


def _remember_generation(generation):
    if getattr(_request, "active", False):
        _request.generation = generation
    _last_read["generation"], _last_read["at"] = generation, time.monotonic()


def generation_of_this_request():
    """The content generation this request read from the cache (None before it read one, or
    outside a request): a signed-in request reads it with the user (auth_backends.py)."""
    return getattr(_request, "generation", None) if getattr(_request, "active", False) else None


def recent_generation(max_age):
    """The generation this process read from the cache less than `max_age` seconds ago, or
    None. A change made in this process (forget_content) or an emptied cache forgets it."""
    if _last_read["generation"] is not None and time.monotonic() - _last_read["at"] < max_age:
        return _last_read["generation"]
    return None


def forget_recent_generation():
    """Forget what this process keeps by generation (the cache was emptied)."""
    _last_read["generation"], _last_read["at"] = None, 0.0
    with _local_parts.lock:
        _local_parts.entries.clear()


class _LocalParts:
    """The parts most recently kept, with their generation, at most LOCAL_ENTRIES. A part that
    is not a string is kept pickled, so that each request gets its own copy, as from Redis."""

    def __init__(self):
        self.entries = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key, generation):
        with self.lock:
            stored = self.entries.get(key)
            if stored is None or stored[0] != generation:
                return None
            self.entries.move_to_end(key)
        value = stored[1]
        return value if isinstance(value, str) else pickle.loads(value)  # noqa: S301 (ours)

    def put(self, key, generation, value):
        kept = value if isinstance(value, str) else pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        with self.lock:
            self.entries[key] = (generation, kept)
            self.entries.move_to_end(key)
            while len(self.entries) > LOCAL_ENTRIES:
                self.entries.popitem(last=False)


_local_parts = _LocalParts()


def once_per_request(key, compute):
    """What `compute()` returns, computed once in a request (every time outside one): for what
    a page asks for more than once, such as the menus of its header and its footer."""
    if not getattr(_request, "active", False):
        return compute()
    if key not in _request.memo:
        _request.memo[key] = compute()
    return _request.memo[key]


def _first_generation():
    # Not 1: after the cache is emptied (a Redis restart) the numbers must not start again
    # where a process may still keep parts and pages under them.
    return int(time.time() * 1000)


def content_generation():
    return cache.get_or_set(GENERATION_KEY, _first_generation, timeout=None)


def _bump(key):
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, _first_generation(), timeout=None)


def forget_content():
    """Content changed: every key made with the old generation is forgotten, and every part
    kept until its rows change (`cached_until_rows_change`): for a change no save tells of,
    such as a scheduled article coming due."""
    _forget_pages()
    _bump(EVERY_ROW_KEY)


def forget_rows_of(model):
    """A row of `model` was saved or deleted (content_changed): every key made with the old
    content generation is forgotten, and the parts kept until rows of `model` change."""
    _forget_pages()
    _bump(_rows_key(model))


def _forget_pages():
    _remember_generation(None)
    forget_recent_generation()
    if getattr(_request, "active", False):
        _request.memo = {}
    _bump(GENERATION_KEY)


CONTENT_APPS = {"members", "pages", "news", "governance", "partnerships", "bulletins"}
# Rows of those apps that no public page shows (audit trails, ledgers): saving them must not
# empty the cache, or every download would. (The portal's own rows, such as dashboard visits,
# are no app's content.)
NOT_SHOWN_ON_PUBLIC_PAGES = {
    "governance.calendarfeed",
    "governance.documentdownload",
    "members.invitation",
    "members.joinrequest",
    "members.notification",
    "members.notificationdigest",
    "members.notificationevent",
    "members.privatefiledownload",
    "members.suppression",
    "bulletins.delivery",
}
# A sign-in saves only this column of the user: it must not empty the cache either.
NOT_SHOWN_FIELDS = frozenset({"last_login"})


def is_content(model):
    return (
        model._meta.app_label in CONTENT_APPS
        and model._meta.label_lower not in NOT_SHOWN_ON_PUBLIC_PAGES
    )


def content_changed(sender=None, **kwargs):
    """Receiver of every save and deletion (oec_portal/apps.py): a row of content changed."""
    if sender is None:
        forget, changed = forget_content, ()
    elif is_content(sender):
        forget, changed = forget_rows_of, (sender,)
    else:
        return
    if kwargs.get("update_fields") and kwargs["update_fields"] <= NOT_SHOWN_FIELDS:
        return
    forget(*changed)
    # Once more when the change is committed: a page read from the database between the save
    # and the commit (or from a replica that lags) still shows the old content.
    transaction.on_commit(lambda: forget(*changed))


def read_along(key, *kept_keys):
    """What `key` holds, read in one round trip with the content generation and with what
    `kept_keys` hold (stored with `store_current`): `read_current` then answers those, in this
    request, without a round trip of its own (a signed-in request's session and its user,
    sessions.py)."""
    found = cache.get_many([key, GENERATION_KEY, *kept_keys])
    generation = found.get(GENERATION_KEY)
    if generation is not None and getattr(_request, "active", False):
        _remember_generation(generation)
        _request.read_along = {kept: found.get(kept) for kept in kept_keys}
    return found.get(key)


def read_current(key):
    """(generation, value): the content generation and what `key` holds, if it was stored
    under this generation (else None), in one round trip to the cache (or none, when the
    request read it along with its session)."""
    generation = generation_of_this_request()
    read_already = getattr(_request, "read_along", {}) if generation is not None else {}
    if key in read_already:
        stored = read_already.pop(key)
    else:
        found = cache.get_many([GENERATION_KEY, key])
        generation = found.get(GENERATION_KEY) or content_generation()
        _remember_generation(generation)
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


def _part_key(kind, name, vary_on):
    varies = hashlib.sha256(repr(vary_on).encode()).hexdigest()
    return f"{kind}:{name}:{get_language()}:{varies}"


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
    key = _part_key("fragment", name, vary_on)
    generation = getattr(_request, "generation", None)
    if generation is not None:
        value = _local_parts.get(key, generation)
        if value is not None:
            return value
    generation, value = read_current(key)
    if value is None:
        value = compute()
        store_current(key, generation, value, timeout)
    _local_parts.put(key, generation, value)
    return value


def _rows_key(model):
    return ROWS_KEY.format(model._meta.label_lower)


def cached_until_rows_change(name, models, *vary_on, compute):
    """What `compute()` returns, kept until a row of one of `models` is saved or deleted (or
    for OEC_FRAGMENT_CACHE_SECONDS), whatever else changes meanwhile.

    For a part of a public page that an edit elsewhere leaves as it was: the next General
    Assembly session on the home page is not read again when a news article is published, as
    `cached_until_content_changes` would (issue 19). `models` must name every model whose
    table `compute()` reads, through joins and lazy loads too: the tests check it on each
    computation (OEC_FRAGMENT_CHECK_TABLES). `vary_on` as for `cached_until_content_changes`,
    and the day too when what is shown depends on it (a session "upcoming" until its end).
    """
    timeout = settings.OEC_FRAGMENT_CACHE_SECONDS
    if not timeout:
        return _computed_reading_only(name, models, compute)
    key = _part_key("rows-fragment", name, vary_on)
    generation_keys = [EVERY_ROW_KEY, *sorted(_rows_key(model) for model in models)]
    found = cache.get_many([key, *generation_keys])
    missing = {each: _first_generation() for each in generation_keys if each not in found}
    if missing:
        # A number never used before (the time), so that a part kept under an older one (the
        # key evicted, Redis emptied) cannot match again. Set in one round trip, as many calls
        # as before while Redis is away; a process that sets another number meanwhile only
        # makes the parts stamped with this one computed again.
        cache.set_many(missing, timeout=None)
        found = {**found, **missing}
    # Read before computing: a save during the computation leaves the part under the older
    # stamp, which the next request reads as stale.
    stamp = tuple(found.get(each) for each in generation_keys)
    stored = found.get(key)
    if stored is not None and stored[0] == stamp:
        return stored[1]
    value = _computed_reading_only(name, models, compute)
    cache.set(key, (stamp, value), timeout)
    return value


_TABLE_READ = re.compile(r'(?:FROM|JOIN)\s+"([^"]+)"')


def _computed_reading_only(name, models, compute):
    """compute(), checked (OEC_FRAGMENT_CHECK_TABLES: the tests) to read no table of a model
    not named: a save of that model would not forget the part, which would then be stale."""
    if not settings.OEC_FRAGMENT_CHECK_TABLES:
        return compute()
    untracked = [model._meta.label_lower for model in models if not is_content(model)]
    if untracked:
        raise ImproperlyConfigured(f"{name!r}: no save of {untracked} forgets what it keeps")
    tables = {model._meta.db_table for model in models}

    def check(execute, sql, params, many, context):
        unnamed = set(_TABLE_READ.findall(sql)) - tables
        if unnamed:
            raise ImproperlyConfigured(
                f"{name!r} is kept until rows of {sorted(tables)} change,"
                f" but reads {sorted(unnamed)}"
            )
        return execute(sql, params, many, context)

    with contextlib.ExitStack() as checking:
        for alias in connections:
            checking.enter_context(connections[alias].execute_wrapper(check))
        return compute()
