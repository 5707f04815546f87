"""Django's PostgreSQL backend, with a health check that costs no round trip.

A connection kept between requests (CONN_MAX_AGE with CONN_HEALTH_CHECKS) is checked before
each request's first query. Django's check is a `SELECT 1`: a round trip to the server on every
request that reads or writes anything, which under load costs a context switch, a share of the
server's CPU and a wait (issue 19: every document download). Here the check looks at the socket
instead: a healthy idle connection has nothing to read, while a server that restarted, or ended
the session (`pg_terminate_backend`, a failover, an idle timeout), has sent its goodbye and closed
it. A connection that breaks silently (a network partition) fails at its first query, as it
would an instant after a `SELECT 1`; Django then closes it and the next request connects anew.
With Django's pool (DATABASE_POOL) the pool checks connections itself and this is not used.
"""

import select

from django.db.backends.postgresql import base
from psycopg import pq


class DatabaseWrapper(base.DatabaseWrapper):
    def is_usable(self):
        if self.connection is None or self.connection.closed:
            return False
        if self.connection.pgconn.status != pq.ConnStatus.OK:
            return False
        poller = select.poll()
        poller.register(self.connection.fileno(), select.POLLIN)
        # Readable while idle: the server said goodbye (or sent something never asked for);
        # either way this connection is not one to reuse.
        return not poller.poll(0)
