"""The delivery ledger's statements, each written for its cost (bulletins/sending.py says how
the rows move): claim a chunk's pending rows, mark a row handed before DATA, sent after the
server's 250, and the bulletin sent when no row is left."""

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


MARK_HANDED_SQL = "UPDATE bulletins_delivery SET status = 'handed' WHERE id = %d"


def mark_handed(pk):
    """The mark before DATA. Its commit need not wait for the disk (PostgreSQL's asynchronous
    commit, for this transaction only, sent in one round trip): a killed worker loses nothing,
    since PostgreSQL has the commit; only a crash of the database server itself could forget
    the marks of the last fraction of a second, and such a row would be sent again (the
    behaviour before the mark). bench/bulletin.py, 5,000 recipients on the loaded machine, as a
    share of the plain smtplib loop: 41% and 41% without the mark, 39% and 35% with it waiting
    for the disk, 40% and 37% like this. Inside a transaction (tests), a plain UPDATE."""
    sql = MARK_HANDED_SQL % int(pk)
    if db_connection.vendor == "postgresql" and not db_connection.in_atomic_block:
        sql = f"BEGIN; SET LOCAL synchronous_commit = off; {sql}; COMMIT"
    with db_connection.cursor() as cursor:
        cursor.execute(sql)


MARK_SENT_SQL = (
    "UPDATE bulletins_delivery SET status = %s, sent_at = %s, last_error = %s, "
    "provider_message_id = %s WHERE id = %s"
)


def mark_sent(pk, provider_message_id=""):
    """The one statement per message, written out: building it with the ORM's update() costs
    twice the CPU (about as much as smtplib's side of the SMTP conversation), on a machine
    where the workers, PostgreSQL and the SMTP server share the cores (bench-bulletin)."""
    sent_at = db_connection.ops.adapt_datetimefield_value(timezone.now())
    with db_connection.cursor() as cursor:
        cursor.execute(MARK_SENT_SQL, [Delivery.Status.SENT, sent_at, "", provider_message_id, pk])


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
