"""The bulletin's SMTP conversation with a real server (aiosmtpd): what a lost connection means
depends on when it was lost, before or after the whole message went (bulletins/sending.py)."""

import pytest
from aiosmtpd.controller import Controller
from django.core.mail import get_connection

from bulletins import services
from bulletins.models import Bulletin, BulletinEdition, Delivery
from bulletins.sending import ChunkSender
from tests.factories import BulletinEditionFactory, BulletinFactory, bulletin_contact
from tests.integration.conftest import SinkHandler
from tests.network import free_port


class DropsTheConnection(SinkHandler):
    """An SMTP server that keeps what it receives, and closes the connection without a word to
    one recipient: once it has the whole message (`after_the_message`), or when given the
    recipient."""

    def __init__(self, address, *, after_the_message):
        super().__init__()
        self.address = address
        self.after_the_message = after_the_message

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address == self.address and not self.after_the_message:
            server.transport.close()
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd API)
        answer = await super().handle_DATA(server, session, envelope)
        if self.address in envelope.rcpt_tos:
            server.transport.close()  # the message arrived; its answer never leaves
        return answer


@pytest.fixture
def smtp_server():
    servers = []

    def start(handler):
        controller = Controller(handler, hostname="127.0.0.1", port=free_port())
        controller.start()
        servers.append(controller)
        return get_connection(
            "django.core.mail.backends.smtp.EmailBackend", host="127.0.0.1", port=controller.port
        )

    yield start
    for controller in servers:
        controller.stop()


def pending_deliveries(*addresses):
    for address in addresses:
        bulletin_contact(email=address)
    bulletin = BulletinFactory(status=Bulletin.Status.SENDING)
    BulletinEditionFactory(bulletin=bulletin, language="en")
    rows = services.recipients()
    for row in rows:
        row.bulletin = bulletin
    Delivery.objects.bulk_create(rows)
    return bulletin, list(bulletin.deliveries.order_by("pk").values_list("pk", flat=True))


def ledger():
    return list(
        Delivery.objects.order_by("pk").values_list("email", "status", "attempts", "possibly_sent")
    )


def test_connection_lost_after_the_whole_message_holds_that_row_as_possibly_sent(
    host_org, smtp_server
):
    """The server may have accepted the message before the connection went: sending it again
    could mail the recipient twice, so the row is held for the officers, like a row a killed
    worker left handed."""
    bulletin, ids = pending_deliveries("r0@ngo.example", "r1@ngo.example", "r2@ngo.example")
    sink = DropsTheConnection("r1@ngo.example", after_the_message=True)

    transient = ChunkSender(connection=smtp_server(sink)).send(ids)

    assert transient == []  # not retried
    assert sorted(sink.received) == ["r0@ngo.example", "r1@ngo.example", "r2@ngo.example"]
    assert ledger() == [
        ("r0@ngo.example", "sent", 1, False),
        ("r1@ngo.example", "uncertain", 1, True),
        ("r2@ngo.example", "sent", 1, False),  # over a new connection
    ]
    assert "Connection unexpectedly closed" in Delivery.objects.get(pk=ids[1]).last_error
    report = Bulletin.objects.with_delivery_counts().get(pk=bulletin.pk)
    assert (report.status, report.uncertain_count, report.pending_count) == ("sent", 1, 0)


def test_connection_lost_before_the_end_of_the_message_sends_it_again(host_org, smtp_server):
    """Before the end of the message no server can have accepted it: a transient failure."""
    _bulletin, ids = pending_deliveries("r0@ngo.example", "r1@ngo.example", "r2@ngo.example")
    sink = DropsTheConnection("r1@ngo.example", after_the_message=False)

    transient = ChunkSender(connection=smtp_server(sink)).send(ids)

    assert transient == [ids[1]]  # the task retries it
    assert sorted(sink.received) == ["r0@ngo.example", "r2@ngo.example"]
    assert ledger() == [
        ("r0@ngo.example", "sent", 1, False),
        ("r1@ngo.example", "pending", 1, False),
        ("r2@ngo.example", "sent", 1, False),
    ]


def test_an_address_with_an_international_domain_goes_the_same_way(host_org, smtp_server):
    _bulletin, ids = pending_deliveries("ana@bücher.example")
    sink = SinkHandler()

    ChunkSender(connection=smtp_server(sink)).send(ids)

    [message] = sink.received["ana@xn--bcher-kva.example"]
    assert message["To"] == "ana@xn--bcher-kva.example"
    assert message["Subject"] == BulletinEdition.objects.get().subject
    assert ledger() == [("ana@bücher.example", "sent", 1, False)]
