"""A Redis cache that fails open: when Redis is away, the portal keeps answering (SECURITY.md F2).

Reads miss, writes are dropped, and the outage is logged (at most once every few seconds, so
an outage does not flood the log).

Rate limits are the exception: failing open would switch off sign-in throttling for as long as
Redis is away (SECURITY.md B1), so their keys (allauth's, the portal's form limits and the open
data API's DRF throttles) go to this process's memory instead while Redis does not answer. Each
web process then counts on its own (with N processes a client gets at most N times the
allowance), and the counts made during the outage are forgotten when Redis is back; pages and
login keep working.
"""

import functools
import logging
import os
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("oec.cache")
LOG_EVERY_SECONDS = 10
_last_logged = 0.0

# Keys of rate-limit counters, which fall back to local memory rather than failing open:
# allauth's limits (allauth.core.internal.ratelimit, with their ":lock" keys), which count the
# sign-in and the public forms (members/rate_limits.py), and the API's: DRF's
# SimpleRateThrottle keys are "throttle_<scope>_<ident>" (rest_framework/throttling.py).
RATE_LIMIT_KEY_PREFIXES = ("allauth:rl:", "throttle_")
# Room enough that a flood of new keys (many addresses) cannot push a counter out early.
LOCAL_FALLBACK_MAX_ENTRIES = 100_000


def _log_outage(operation, error):
    global _last_logged
    now = time.monotonic()
    if now - _last_logged >= LOG_EVERY_SECONDS:
        _last_logged = now
        logger.error("cache unavailable, failing open (%s): %s", operation, error)


def _is_rate_limit_key(key):
    return isinstance(key, str) and key.startswith(RATE_LIMIT_KEY_PREFIXES)


def _fail_open(fallback):
    """Answer `fallback` when Redis is away; for a method taking a key first, a rate-limit key
    goes to the process's local memory instead (the same method of a LocMemCache)."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except (RedisConnectionError, RedisTimeoutError) as error:
                _log_outage(method.__name__, error)
                key = args[0] if args else kwargs.get("key")
                if _is_rate_limit_key(key):
                    return getattr(self.local_fallback, method.__name__)(*args, **kwargs)
                return fallback(*args, **kwargs) if callable(fallback) else fallback

        return wrapper

    return decorate


class ReusedClientRedisCacheClient(RedisCacheClient):
    """One redis.Redis per connection pool and process, kept, on a connection of its own.

    Django builds a new client for every operation, and building one (its table of response
    callbacks) costs more than a GET on localhost; a client that takes a connection from its
    pool for each command also asks the kernel whether it has unread data, every time (issue
    19). Django's caches are per thread, so the connection is one thread's; a process forked
    after its parent used the cache (a Celery worker's children) makes its own client rather
    than talk on its parent's socket."""

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_clients", {})
        process = os.getpid()
        if (pool, process) not in clients:
            clients[pool, process] = self._client(
                connection_pool=pool, single_connection_client=True
            )
        return clients[pool, process]


class FailOpenRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
        # One store per process: LocMemCache instances of one name share it, and Django makes
        # a cache instance per thread.
        self.local_fallback = LocMemCache(
            f"oec-rate-limits:{server}",
            {
                "KEY_PREFIX": self.key_prefix,
                "VERSION": self.version,
                "OPTIONS": {"MAX_ENTRIES": LOCAL_FALLBACK_MAX_ENTRIES},
            },
        )

    def validate_key(self, key):
        """Nothing to check: Django warns of keys that memcached would refuse (too long,
        spaces), and Redis takes any key; the check walks each key's every character, a few
        keys in every request (issue 19)."""

    @_fail_open(lambda key, default=None, version=None: default)
    def get(self, key, default=None, version=None):
        return super().get(key, default, version)

    # A new dict each time: a caller may add to what it gets.
    @_fail_open(lambda keys, version=None: {})
    def get_many(self, keys, version=None):
        return super().get_many(keys, version)

    @_fail_open(None)
    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return super().set(key, value, timeout, version)

    @_fail_open(lambda data, *args, **kwargs: list(data))
    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return super().set_many(data, timeout, version)

    @_fail_open(True)
    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return super().add(key, value, timeout, version)

    @_fail_open(lambda key, delta=1, version=None: delta)
    def incr(self, key, delta=1, version=None):
        return super().incr(key, delta, version)

    @_fail_open(False)
    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return super().touch(key, timeout, version)

    @_fail_open(False)
    def delete(self, key, version=None):
        return super().delete(key, version)

    @_fail_open(None)
    def delete_many(self, keys, version=None):
        return super().delete_many(keys, version)

    @_fail_open(False)
    def has_key(self, key, version=None):
        return super().has_key(key, version)

    def clear(self):
        from members.content_cache import forget_recent_generation
        from members.private_page_cache import forget_private_pages

        from .page_cache import forget_pages_of_this_process

        self.local_fallback.clear()
        # What this process keeps by generation goes with the cache's.
        forget_recent_generation()
        forget_pages_of_this_process()
        forget_private_pages()
        return self._clear_redis()

    @_fail_open(False)
    def _clear_redis(self):
        return super().clear()
