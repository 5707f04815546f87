"""Reads of public pages go to the read replica; everything else to the primary (issue 9).

Installed only when DATABASE_REPLICA_URL is set (settings/servers.py, "Database"). A replica
lags the primary by a little: harmless for what an anonymous visitor reads (published news, the
directory), wrong for anyone who reads what they have just written. So the replica serves only
reads made while ReplicaForPublicPagesMiddleware marks the request as an anonymous GET or HEAD;
logged-in requests, POSTs, Celery tasks and management commands never set the mark and read
from the primary. The session is read on the primary too (the middleware reads it to tell a
visitor from a member, before it sets the mark): the step after a password (2FA, a pending
login) is an anonymous GET that must find the session the POST before it has just written.
Inside a marked request, reads in a transaction stay on the primary as well: they decide a
write (get_or_create, select_for_update in a service) and must see the primary's rows.

The replica is never what stops a page: when it cannot be reached (refused, timed out, its
pool empty), the read goes to the primary, and so do this process's next reads for
DATABASE_REPLICA_RETRY_SECONDS (a circuit breaker: without it each request would wait for the
timeout again). The router checks the connection when it picks the replica, before the query:
a connection that is there costs nothing to check, and a pooled one is checked once per request
(CONN_HEALTH_CHECKS). A replica lost in the middle of a request (stopped just after that check,
or a query cancelled by its recovery) costs that page a second drawing: the view runs again on
the primary (ReplicaForPublicPagesMiddleware.process_exception); only a response already being
streamed still fails.
"""

import contextvars
import logging
import time
from contextlib import contextmanager

from django.conf import settings
from django.db import Error, InterfaceError, OperationalError, connections

logger = logging.getLogger(__name__)

PRIMARY = "default"
REPLICA = "replica"

_public_page = contextvars.ContextVar("oec_public_page_reads", default=False)
clock = time.monotonic
_replica_down_until = 0.0  # clock() before which this process reads from the primary only


@contextmanager
def public_page_reads(allowed=True):
    """Within this block, reads may come from the replica (an anonymous GET or HEAD request);
    with `allowed` False, they may not (the page is read again after the replica failed)."""
    token = _public_page.set(allowed)
    try:
        yield
    finally:
        _public_page.reset(token)


def replica_failed_this_request(exception):
    """Whether `exception` is the replica's: a lost connection or a query it cancelled, in a
    request whose reads it served. Its broken connection is closed (the next request's router
    connects again, or finds it down and opens the circuit)."""
    if not (_public_page.get() and isinstance(exception, (OperationalError, InterfaceError))):
        return False
    replica = connections[REPLICA]
    if not replica.errors_occurred:  # set by Django on the connection that raised
        return False
    logger.warning("read replica failed during a request, reading it again from the primary")
    replica.close()
    return True


class PrimaryReplicaRouter:
    """The database of each query: the replica for public-page reads, the primary otherwise."""

    def db_for_read(self, model, **hints):
        if _public_page.get() and not connections[PRIMARY].in_atomic_block and replica_answers():
            return REPLICA
        return PRIMARY

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # Both hold the same rows: an article read from the replica may point at a user
        # read from the primary.
        if {obj1._state.db, obj2._state.db} <= {PRIMARY, REPLICA}:
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # The replica receives the schema through replication.
        return db == PRIMARY


def replica_answers():
    """Whether the replica has a working connection (making one if needed), unless it failed
    less than DATABASE_REPLICA_RETRY_SECONDS ago."""
    global _replica_down_until
    if clock() < _replica_down_until:
        return False
    replica = connections[REPLICA]
    try:
        replica.close_if_health_check_failed()
        replica.ensure_connection()
    except Error as error:
        pause = settings.DATABASE_REPLICA_RETRY_SECONDS
        _replica_down_until = clock() + pause
        logger.warning(
            "read replica unreachable, reading from the primary for %s s: %s", pause, error
        )
        return False
    return True
