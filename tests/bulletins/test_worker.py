"""The bulletin through a real Redis broker, a real Celery worker process and a real SMTP server.

Every test counts the messages the SMTP sink received per address: exactly one each, whatever
happens on the way (SECURITY.md E1, E2, E4). These need PostgreSQL and Redis (`make test`).
"""

import asyncio
import datetime
import json
import threading
import time

from django.db.models import F

from bulletins import services
from bulletins.models import Bulletin, Delivery
from bulletins.tasks import send_delivery_chunk
from tests.factories import bulletin_contact

from .conftest import NOVEMBER

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


def test_worker_killed_mid_send_and_restarted_mails_each_recipient_once(bulletin_worker, smtp_sink):
    addresses = contacts(12)
    gate = Gate("r05@ngo.example")  # the second recipient of the second chunk
    smtp_sink.handle_RCPT = gate.handle_RCPT

    services.bulletin_compose(month=NOVEMBER)
    assert gate.entered.wait(30), "the worker never reached the sixth recipient"
    assert smtp_sink.count() == 5
    bulletin_worker.kill()  # SIGKILL, mid-conversation, its chunk claimed
    gate.released.set()

    statuses = dict(Delivery.objects.values_list("email", "status"))
    # Each message the server accepted is marked sent; the rest of the killed chunk is claimed.
    assert [statuses[address] for address in addresses] == (
        ["sent"] * 5 + ["sending"] * 3 + ["pending"] * 4
    )
    # The claim timeout passes (the killed chunk's message waits for Celery's visibility
    # timeout, much longer); the restarted worker meanwhile takes the chunk left in the queue.
    Delivery.objects.filter(status="sending").update(
        claimed_at=F("claimed_at") - services.claim_timeout()
    )
    bulletin_worker.start()
    services.bulletin_sweep(older_than=datetime.timedelta(0))

    assert_exactly_once(smtp_sink, addresses)


def test_transient_smtp_failure_is_retried_and_mails_once(bulletin_worker, smtp_sink):
    addresses = contacts(6)
    smtp_sink.fail_next = 1  # the first message gets a 451

    services.bulletin_compose(month=NOVEMBER)

    assert_exactly_once(smtp_sink, addresses)
    attempts = dict(Delivery.objects.values_list("email", "attempts"))
    assert sorted(attempts.values()) == [1, 1, 1, 1, 1, 2]
    assert Delivery.objects.filter(attempts=2).get().last_error == ""


def test_hard_bounce_stops_the_mail_to_that_address(bulletin_worker, smtp_sink, client, settings):
    settings.OEC_BULLETIN_WEBHOOK_SECRET = "bounce-secret"
    addresses = contacts(3)
    services.bulletin_compose(month=NOVEMBER)
    assert_exactly_once(smtp_sink, addresses)

    response = client.post(
        "/bulletins/bounces/",
        json.dumps({"email": "r01@ngo.example", "type": "hard"}),
        content_type="application/json",
        headers={"X-OEC-Webhook-Secret": "bounce-secret"},
    )
    assert response.json() == {"bounced": 1}
    services.bulletin_compose(month=DECEMBER)

    assert wait_until(lambda: bulletin_finished(DECEMBER))
    time.sleep(0.5)
    assert counts(smtp_sink) == {"r00@ngo.example": 2, "r01@ngo.example": 1, "r02@ngo.example": 2}
    assert Delivery.objects.get(email="r01@ngo.example", bulletin__month=NOVEMBER).status == (
        "bounced"
    )
    assert not Delivery.objects.filter(email="r01@ngo.example", bulletin__month=DECEMBER).exists()
