"""The delivery ledger's statements, each written for its cost (bulletins/sending.py says how
the rows move): claim a chunk's pending rows, mark a row handed before its message ends and
sent after the server's 250, and the bulletin sent when no row is left."""

import secrets
from urllib.parse import urlsplit

from django.conf import settings
from django.db import connection as db_connection
from django.db import transaction
from django.db.models import Case, CharField, F, Value, When
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from .models import Bulletin, Delivery


def message_id_domain():
    """The right-hand side of the bulletin's Message-IDs: the portal's host name."""
    return urlsplit(settings.OEC_SITE_URL).hostname or "oec.example"


SENT_SQL = (
    "UPDATE bulletins_delivery SET status = 'sent', sent_at = %s, last_error = '', "
    "provider_message_id = %s WHERE id = %s"
)
HANDED_SQL = "UPDATE bulletins_delivery SET status = 'handed' WHERE id = %s"


class Marks:
    """The per-message marks of one chunk, in one database round trip per message: "sent" after
    the server's 250 is not written at once but with the next message's "handed" (one
    transaction for both rows), or at the chunk's end. Until then that row stays "handed",
    which the sweeper would hold as possibly sent, never send again: so at any moment one row
    of the chunk at most is "handed" (sending.py).

    The transaction commits without waiting for the disk (`asynchronous`, the setting
    OEC_BULLETIN_ASYNC_COMMIT; for that transaction only, which works behind PgBouncer too):
    PostgreSQL has the commit when the worker goes on, so a killed worker loses nothing; only a
    crash of PostgreSQL or of its machine can forget the marks of its last fraction of a second
    (up to three times wal_writer_delay), and those messages would be sent again. The chunk's
    last write waits for the disk: a chunk done is on disk. The statements are written out: the
    ORM's update() costs twice the CPU (bench-bulletin). Inside a transaction (tests), plain
    UPDATEs.
    """

    def __init__(self, *, asynchronous):
        self.asynchronous = asynchronous
        self.accepted = None  # (pk, provider's message id) of a message not marked sent yet

    def handed(self, pk):
        """The row's message is about to end: from now on the server may accept it."""
        self.write(handed=pk, wait_for_disk=not self.asynchronous)

    def accepted_by_server(self, pk, provider_message_id=""):
        """The server's 250 for the row: written with the next mark."""
        self.flush()
        self.accepted = (pk, provider_message_id)

    def flush(self):
        """Write the pending "sent" now (the chunk's end, a failure), and wait for the disk."""
        if self.accepted:
            self.write(wait_for_disk=True)

    def write(self, *, handed=None, wait_for_disk):
        statements = []
        if self.accepted:
            pk, provider_message_id = self.accepted
            sent_at = db_connection.ops.adapt_datetimefield_value(timezone.now())
            statements.append((SENT_SQL, [sent_at, provider_message_id, pk]))
        if handed is not None:
            statements.append((HANDED_SQL, [handed]))
        with db_connection.cursor() as cursor:
            if db_connection.vendor == "postgresql" and not db_connection.in_atomic_block:
                # One transaction in one query string: one round trip.
                no_wait = "" if wait_for_disk else "SET LOCAL synchronous_commit = off; "
                sql = "; ".join(sql for sql, _params in statements)
                params = [param for _sql, params in statements for param in params]
                cursor.execute(f"BEGIN; {no_wait}{sql}; COMMIT", params)
            else:
                with transaction.atomic():
                    for sql, params in statements:
                        cursor.execute(sql, params)
        self.accepted = None


def claim(delivery_ids, *, domain=None):
    """Mark the pending rows among `delivery_ids` as being sent by this task; returns them.

    One short transaction: a second task holding the same ids waits for its commit, then
    finds the rows no longer pending, so no row is ever sent by two tasks. A row claimed for
    the first time gets its Message-ID here, before any attempt; later claims keep it.
    """
    domain = domain or message_id_domain()
    # One random part per claim and the row's id: unique, and the same in Python and in SQL.
    nonce = secrets.token_hex(8)
    with transaction.atomic():
        deliveries = list(
            Delivery.objects.select_for_update()
            .filter(pk__in=delivery_ids, status=Delivery.Status.PENDING)
            .order_by("pk")
            .only("pk", "bulletin_id", "email", "language", "message_id")
        )
        Delivery.objects.filter(pk__in=[delivery.pk for delivery in deliveries]).update(
            status=Delivery.Status.SENDING,
            claimed_at=timezone.now(),
            attempts=F("attempts") + 1,
            message_id=Case(
                When(
                    message_id="",
                    then=Concat(
                        Value(f"<bulletin.{nonce}."),
                        Cast("pk", CharField()),
                        Value(f"@{domain}>"),
                        output_field=CharField(),
                    ),
                ),
                default=F("message_id"),
            ),
        )
    for delivery in deliveries:
        if not delivery.message_id:
            delivery.message_id = f"<bulletin.{nonce}.{delivery.pk}@{domain}>"
    return deliveries


def mark_sent_if_done(bulletin_id):
    """A sending bulletin with no row left to send (pending or being sent) has been sent."""
    if not Delivery.objects.unfinished().filter(bulletin_id=bulletin_id).exists():
        Bulletin.objects.filter(pk=bulletin_id, status=Bulletin.Status.SENDING).update(
            status=Bulletin.Status.SENT, sent_at=timezone.now()
        )
