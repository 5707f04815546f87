"""The bulletin through a real Redis broker, a real Celery worker process and a real SMTP server.

Every test counts the messages the SMTP sink received per address: exactly one each, whatever
happens on the way (SECURITY.md E1, E2, E4). These need PostgreSQL and Redis (`make test`).
"""

import asyncio
import datetime
import threading
import time

import psycopg
from django.db import connection
from django.db.models import F

from bulletins import services
from bulletins.models import Bulletin, Delivery
from bulletins.tasks import send_delivery_chunk
from tests.factories import bulletin_contact

from .conftest import NOVEMBER
from .provider_reports import MAILGUN_SIGNING_KEY, SECRET, mailgun, report

DECEMBER = datetime.date(2026, 12, 1)


def contacts(count, language="en"):
    return [
        bulletin_contact(email=f"r{number:02d}@ngo.example", language=language).email
        for number in range(count)
    ]


def wait_until(condition, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def bulletin_finished(month=NOVEMBER):
    return Bulletin.objects.filter(month=month, status=Bulletin.Status.SENT).exists()


def counts(smtp_sink):
    with smtp_sink.lock:
        return {address: len(messages) for address, messages in smtp_sink.received.items()}


def assert_exactly_once(smtp_sink, addresses, month=NOVEMBER):
    assert wait_until(lambda: bulletin_finished(month)), "the bulletin did not finish sending"
    time.sleep(0.5)  # a duplicate would arrive now
    assert counts(smtp_sink) == {address: 1 for address in addresses}


def test_normal_month_reaches_every_recipient_once_in_their_language(bulletin_worker, smtp_sink):
    addresses = contacts(9) + [bulletin_contact(email="fr@ngo.example", language="fr").email]

    services.bulletin_compose(month=NOVEMBER)

    assert_exactly_once(smtp_sink, addresses)
    [french] = smtp_sink.received["fr@ngo.example"]
    assert "novembre 2026" in french["Subject"]
    assert french["List-Unsubscribe"].startswith(
        "<https://portal.oec.example/bulletins/unsubscribe/"
    )
    assert french["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert french.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in french.get_payload()] == [
        "text/plain",
        "text/html",
    ]
    sent = Delivery.objects.filter(status="sent")
    assert sent.count() == 10
    assert set(sent.values_list("attempts", flat=True)) == {1}


def test_the_tasks_run_twice_mail_each_recipient_once(bulletin_worker, smtp_sink):
    addresses = contacts(8)
    bulletin = services.bulletin_compose(month=NOVEMBER)
    ids = list(bulletin.deliveries.order_by("pk").values_list("pk", flat=True))

    services.bulletin_queue(bulletin=bulletin)  # the whole queueing again
    send_delivery_chunk.delay(ids)  # and the chunks again, as a redelivery would
    send_delivery_chunk.delay(ids)

    assert_exactly_once(smtp_sink, addresses)
    assert wait_until(lambda: not Delivery.objects.unfinished().exists())


class Gate:
    """Holds the SMTP conversation of one recipient until released (the worker is mid-send)."""

    def __init__(self, address):
        self.address = address
        self.entered = threading.Event()
        self.released = threading.Event()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address.lower() == self.address and not self.released.is_set():
            self.entered.set()
            await asyncio.get_running_loop().run_in_executor(None, self.released.wait, 30)
            return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"


def assert_second_chunk_claimed_when_killed(addresses):
    """Each message the server accepted is marked sent, but the last one: its "sent" goes with
    the next message's "handed" mark, which the worker never reached, so it stays handed. The
    rest of the killed (second) chunk is still claimed; the third waits in the queue."""
    statuses = dict(Delivery.objects.values_list("email", "status"))
    assert [statuses[address] for address in addresses] == (
        ["sent"] * 4 + ["handed"] + ["sending"] * 3 + ["pending"] * 4
    )


def restart_after_the_claim_timeout(bulletin_worker):
    """The claim timeout passes (the killed chunk's message waits for Celery's visibility
    timeout, much longer); a worker starts again, takes the chunk left in the queue, and the
    sweeper queues the killed claim again."""
    Delivery.objects.filter(status__in=["sending", "handed"]).update(
        claimed_at=F("claimed_at") - services.claim_timeout()
    )
    bulletin_worker.start()
    services.bulletin_sweep(older_than=datetime.timedelta(0))


def test_worker_killed_mid_send_and_restarted_mails_each_recipient_once(bulletin_worker, smtp_sink):
    addresses = contacts(12)
    gate = Gate("r05@ngo.example")  # the second recipient of the second chunk
    smtp_sink.handle_RCPT = gate.handle_RCPT

    services.bulletin_compose(month=NOVEMBER)
    assert gate.entered.wait(30), "the worker never reached the sixth recipient"
    assert smtp_sink.count() == 5
    bulletin_worker.kill()  # SIGKILL, mid-conversation, its chunk claimed
    gate.released.set()

    assert_second_chunk_claimed_when_killed(addresses)
    restart_after_the_claim_timeout(bulletin_worker)

    assert_exactly_once(smtp_sink, addresses)
    # The handed row is held, not sent again (its recipient has the message); the rest of the
    # killed claim was never handed over, and was sent on its second claim.
    ledger = dict(Delivery.objects.values_list("email", "status"))
    assert ledger.pop("r04@ngo.example") == "uncertain"
    assert set(ledger.values()) == {"sent"}


class HoldTheMarkAfterAccepting:
    """Accepts the message to one recipient (250) while holding that delivery's row locked, so
    the worker, which got its 250, waits in the UPDATE that marks the row sent (with the next
    message's "handed"): the test can kill it exactly between the server's 250 and that
    commit."""

    def __init__(self, sink, address):
        self.accept = sink.handle_DATA
        self.address = address
        self.lock = None
        database = connection.settings_dict
        self.conninfo = psycopg.conninfo.make_conninfo(
            host=database["HOST"] or "127.0.0.1",
            port=database["PORT"] or 5432,
            user=database["USER"],
            dbname=database["NAME"],
        )

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd API)
        if self.lock is None and self.address in [a.lower() for a in envelope.rcpt_tos]:
            # The claim committed before SMTP began, so the row is free to lock here.
            self.lock = psycopg.connect(self.conninfo)
            self.lock.execute(
                "SELECT id FROM bulletins_delivery WHERE email = %s FOR UPDATE", [self.address]
            )
        return await self.accept(server, session, envelope)

    def release(self):
        if self.lock is not None and not self.lock.closed:
            self.lock.rollback()
            self.lock.close()


def backend_waiting_to_mark_sent():
    """The PostgreSQL backend of a worker whose "sent" UPDATE waits for a row lock, or None."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
            " AND wait_event_type = 'Lock'"
            " AND query LIKE '%%UPDATE bulletins_delivery SET status = ''sent''%%'"
        )
        row = cursor.fetchone()
    return row[0] if row else None


def test_worker_killed_between_the_servers_250_and_the_mark_holds_that_row_as_possibly_sent(
    request, bulletin_worker, smtp_sink
):
    addresses = contacts(12)
    held = "r05@ngo.example"  # the second recipient of the second chunk
    hold = HoldTheMarkAfterAccepting(smtp_sink, held)
    smtp_sink.handle_DATA = hold.handle_DATA
    # Released however the test ends: a lock left held would make the database's flush after
    # the test wait for ever, hanging the suite.
    request.addfinalizer(hold.release)

    services.bulletin_compose(month=NOVEMBER)
    assert wait_until(backend_waiting_to_mark_sent), "the worker never waited to mark r05 sent"
    backend = backend_waiting_to_mark_sent()
    assert smtp_sink.count() == 6  # r00 to r05: the server answered 250 to each
    bulletin_worker.kill()  # SIGKILL, after r05's 250, before its row says so
    # The worker's UPDATE reached PostgreSQL, which would still run it once the lock goes; a
    # worker killed a moment earlier would not have sent it at all: end it with its client.
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [backend])
    hold.release()

    assert Delivery.objects.get(email=held).status == "handed"
    restart_after_the_claim_timeout(bulletin_worker)

    assert_exactly_once(smtp_sink, addresses)  # r05 had its copy: none more
    ledger = {
        email: (status, attempts, possibly_sent)
        for email, status, attempts, possibly_sent in Delivery.objects.values_list(
            "email", "status", "attempts", "possibly_sent"
        )
    }
    assert ledger[held] == ("uncertain", 1, True)  # for the officers to decide
    # The rest of the killed claim was never handed over: sent once, on its second claim.
    assert [ledger[address] for address in ("r06@ngo.example", "r07@ngo.example")] == [
        ("sent", 2, False)
    ] * 2
    others = set(addresses) - {held, "r06@ngo.example", "r07@ngo.example"}
    assert {ledger[address] for address in others} == {("sent", 1, False)}
    report = Bulletin.objects.with_delivery_counts().get(month=NOVEMBER)
    assert (report.sent_count, report.uncertain_count, report.possibly_sent_twice_count) == (
        11,
        1,
        0,
    )


def test_worker_killed_the_moment_a_message_was_accepted_mails_no_one_twice(
    bulletin_worker, smtp_sink
):
    """As `make rehearse` does: SIGKILL as soon as the server has accepted a tenth of the
    mails, wherever the worker is in its conversation. No recipient gets two; a recipient
    without a mail is one whose row is held as possibly sent (at most one: one process)."""
    addresses = contacts(40)

    services.bulletin_compose(month=NOVEMBER)
    assert wait_until(lambda: smtp_sink.count() >= 4, timeout=60)
    bulletin_worker.kill()
    restart_after_the_claim_timeout(bulletin_worker)

    assert wait_until(bulletin_finished, timeout=60), "the bulletin did not finish sending"
    time.sleep(0.5)  # a duplicate would arrive now
    received = counts(smtp_sink)
    uncertain = set(Delivery.objects.filter(status="uncertain").values_list("email", flat=True))
    assert max(received.values()) == 1
    assert set(addresses) - set(received) <= uncertain
    assert len(uncertain) <= 1
    assert set(received) - uncertain == set(addresses) - uncertain


def test_transient_smtp_failure_is_retried_and_mails_once(bulletin_worker, smtp_sink):
    addresses = contacts(6)
    smtp_sink.fail_next = 1  # the first message gets a 451

    services.bulletin_compose(month=NOVEMBER)

    assert_exactly_once(smtp_sink, addresses)
    attempts = dict(Delivery.objects.values_list("email", "attempts"))
    assert sorted(attempts.values()) == [1, 1, 1, 1, 1, 2]
    assert Delivery.objects.filter(attempts=2).get().last_error == ""


def test_hard_bounce_stops_the_mail_to_that_address(bulletin_worker, smtp_sink, client, settings):
    settings.ANYMAIL = {
        "WEBHOOK_SECRET": [SECRET],
        "MAILGUN_WEBHOOK_SIGNING_KEY": MAILGUN_SIGNING_KEY,
    }
    addresses = contacts(3)
    services.bulletin_compose(month=NOVEMBER)
    assert_exactly_once(smtp_sink, addresses)

    # Relayed by Mailgun over SMTP: its report names the message by our Message-ID.
    message_id = Delivery.objects.get(email="r01@ngo.example").message_id
    bounce = mailgun("hard_bounce", "r01@ngo.example", message_id)
    assert report(client, "mailgun", bounce).status_code == 200
    services.bulletin_compose(month=DECEMBER)

    assert wait_until(lambda: bulletin_finished(DECEMBER))
    time.sleep(0.5)
    assert counts(smtp_sink) == {"r00@ngo.example": 2, "r01@ngo.example": 1, "r02@ngo.example": 2}
    assert Delivery.objects.get(email="r01@ngo.example", bulletin__month=NOVEMBER).status == (
        "bounced"
    )
    assert not Delivery.objects.filter(email="r01@ngo.example", bulletin__month=DECEMBER).exists()
