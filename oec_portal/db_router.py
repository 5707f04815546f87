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
"""

import contextvars
from contextlib import contextmanager

from django.db import connections

PRIMARY = "default"
REPLICA = "replica"

_public_page = contextvars.ContextVar("oec_public_page_reads", default=False)


@contextmanager
def public_page_reads():
    """Within this block, reads may come from the replica (an anonymous GET or HEAD request)."""
    token = _public_page.set(True)
    try:
        yield
    finally:
        _public_page.reset(token)


class PrimaryReplicaRouter:
    """The database of each query: the replica for public-page reads, the primary otherwise."""

    def db_for_read(self, model, **hints):
        if _public_page.get() and not connections[PRIMARY].in_atomic_block:
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
