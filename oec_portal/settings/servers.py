"""Where the portal keeps its data and its queues: the database (and a read replica), Redis for
the cache, and the Celery broker, all from the environment (base.py reads `.env` first).

base.py takes them all, after the portal's own settings. docs/scaling.md says how they grow past
one host.
"""

from pathlib import Path

import environ

env = environ.Env()
_VAR = Path(__file__).resolve().parent.parent.parent / "var"

# --- Database ---------------------------------------------------------------------------------
# SQLite under var/ is the embedded default; DATABASE_URL selects PostgreSQL (psycopg 3).
_primary_database = env.db("DATABASE_URL", default=f"sqlite:///{_VAR / 'db.sqlite3'}")
# A PostgreSQL read replica for the reads of public pages (anonymous GET/HEAD); everything else,
# and every write, goes to the primary (oec_portal/db_router.py says why). In tests the replica
# is the test database itself (MIRROR). How the portal grows past one host: docs/scaling.md.
DATABASE_REPLICA_URL = env("DATABASE_REPLICA_URL", default="")
# Django's pool (DATABASE_POOL, PostgreSQL only), for the primary and the replica alike. It
# would keep psycopg's default of 4 connections in every process; a sync gunicorn worker or a
# prefork Celery process runs one query at a time, so 1 to 2 will do (docs/scaling.md).
_pooled = _primary_database["ENGINE"] == "django.db.backends.postgresql" and env.bool(
    "DATABASE_POOL", default=False
)
# PgBouncer in transaction mode hands each transaction to any server connection: a cursor
# held open across transactions (Django's .iterator() outside a transaction) breaks there.
_behind_pgbouncer = env.bool("DATABASE_BEHIND_PGBOUNCER", default=False)


def _database(parsed_url, *, pool_timeout=None, **extra):
    """One connection of DATABASES: its parsed URL with the connection settings above."""
    options = parsed_url.get("OPTIONS", {})
    if _pooled:
        options = {
            **options,
            "pool": {
                "min_size": env.int("DATABASE_POOL_MIN_SIZE", default=1),
                "max_size": env.int("DATABASE_POOL_MAX_SIZE", default=2),
                **({"timeout": pool_timeout} if pool_timeout else {}),
            },
        }
    return {
        **parsed_url,
        # Django's PostgreSQL backend with a health check that costs no round trip.
        **(
            {"ENGINE": "oec_portal.postgresql"}
            if parsed_url["ENGINE"] == "django.db.backends.postgresql"
            else {}
        ),
        "ATOMIC_REQUESTS": False,
        "OPTIONS": options,
        **({"DISABLE_SERVER_SIDE_CURSORS": True} if _behind_pgbouncer else {}),
        **extra,
    }


def _replica_database(parsed_url):
    """The replica gives up quickly when it cannot be reached: the router then reads from the
    primary for DATABASE_REPLICA_RETRY_SECONDS (oec_portal/db_router.py). A vanished host
    answers nothing, so without a timeout a connection would wait for TCP's own (minutes);
    2 s is psycopg's shortest. With the pool, the wait is the pool's, for a connection its
    workers cannot make: 1 s (psycopg's default is 30), where a reachable replica hands one
    out at once (a sync worker uses one connection at a time, and the pool keeps two)."""
    parsed_url.setdefault("OPTIONS", {}).setdefault("connect_timeout", 2)
    return _database(parsed_url, pool_timeout=1, TEST={"MIRROR": "default"})


DATABASES = {
    "default": _database(_primary_database),
    **(
        {"replica": _replica_database(env.db("DATABASE_REPLICA_URL"))}
        if DATABASE_REPLICA_URL
        else {}
    ),
}
# After the replica failed to connect, reads go to the primary for this long before the
# replica is tried again (per process).
DATABASE_REPLICA_RETRY_SECONDS = env.float("DATABASE_REPLICA_RETRY_SECONDS", default=10)
DATABASE_ROUTERS = ["oec_portal.db_router.PrimaryReplicaRouter"] if DATABASE_REPLICA_URL else []

# --- Cache and Redis --------------------------------------------------------------------------
REDIS_URL = env("REDIS_URL", default="")
CACHES = {
    "default": (
        {
            # Fails open when Redis is away: pages and login keep answering (oec_portal/cache.py).
            "BACKEND": "oec_portal.cache.FailOpenRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="oec"),
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# --- Celery -----------------------------------------------------------------------------------
# The broker may be a Redis of its own (CELERY_BROKER_URL; REDIS_URL stays the cache): a cache
# evicts keys under memory pressure, a broker must not lose its queues (docs/scaling.md).
# Without it the broker is the cache's Redis; with neither, as in the embedded default, tasks
# run eagerly in-process: `make run` needs no broker or worker.
_broker_of_its_own = env("CELERY_BROKER_URL", default="")
CELERY_BROKER_URL = _broker_of_its_own or REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not (_broker_of_its_own or REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True
# Tests give each run a queue of its own, so that parallel runs never take each other's tasks.
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_TASK_DEFAULT_QUEUE", default="celery")
# A task is acknowledged after it ran, and given back to the queue if its worker dies,
# so tasks must be idempotent (see DESIGN.md, known pitfalls).
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Celery's Redis caveat: the visibility timeout must be set in all three places, the same value:
# the app's `visibility_timeout` setting, the broker's and the result backend's transport options.
CELERY_VISIBILITY_TIMEOUT = env.int("CELERY_VISIBILITY_TIMEOUT", default=3600)
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_VISIBILITY_TIMEOUT}
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_VISIBILITY_TIMEOUT}
CELERY_TIMEZONE = "Europe/Zurich"
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
