"""Sending through the delivery ledger: one row and one message per address, whatever happens."""

import datetime
import smtplib

import pytest
from anymail.exceptions import AnymailAPIError
from django.core import mail
from django.utils import timezone

from bulletins import services
from bulletins.ledger import claim
from bulletins.models import Bulletin, BulletinEdition, Delivery
from bulletins.sending import ChunkSender, is_transient
from bulletins.tasks import send_delivery_chunk
from members.models import Suppression
from tests.factories import (
    BulletinEditionFactory,
    BulletinFactory,
    SubscriberFactory,
    bulletin_contact,
)

from .conftest import NOVEMBER


def recipients_of(outbox):
    return sorted(address for message in outbox for address in message.to)


@pytest.mark.clock
def test_compose_at_once_mails_every_recipient_once(compose_and_send):
    bulletin_contact(email="ana@ngo.example", language="fr")
    bulletin_contact(email="ben@ngo.example", language="en")
    SubscriberFactory(email="cleo@public.example", language="es")

    bulletin = compose_and_send()

    assert recipients_of(mail.outbox) == [
        "ana@ngo.example",
        "ben@ngo.example",
        "cleo@public.example",
    ]
    bulletin.refresh_from_db()
    assert bulletin.status == Bulletin.Status.SENT
    assert list(bulletin.deliveries.order_by().values_list("status", "attempts").distinct()) == [
        ("sent", 1)
    ]


def test_recipients_leave_out_suppressed_unconfirmed_and_non_public_partners(compose_and_send):
    bulletin_contact(email="kept@ngo.example")
    bulletin_contact(email="gone@ngo.example")
    Suppression.objects.create(email="gone@ngo.example", reason="unsubscribed")
    bulletin_contact(email="no-thanks@ngo.example", receives_bulletin=False)
    bulletin_contact(email="applicant@ngo.example", status="applicant")
    SubscriberFactory(email="unconfirmed@public.example", confirmed_at=None)

    compose_and_send()

    assert recipients_of(mail.outbox) == ["kept@ngo.example"]


def test_an_address_of_two_contacts_gets_one_delivery(compose_and_send):
    bulletin_contact(email="Shared@ngo.example", language="fr")
    bulletin_contact(email="shared@ngo.example", language="es")
    SubscriberFactory(email="shared@ngo.example")

    bulletin = compose_and_send()

    assert recipients_of(mail.outbox) == ["shared@ngo.example"]
    assert list(bulletin.deliveries.values_list("email", "language")) == [
        ("shared@ngo.example", "fr")
    ]


def test_queue_twice_mails_each_recipient_once(
    compose_and_send, django_capture_on_commit_callbacks
):
    bulletin_contact(email="once@ngo.example")
    bulletin = compose_and_send()

    with django_capture_on_commit_callbacks(execute=True):
        services.bulletin_queue(bulletin=bulletin)
        services.bulletin_compose(month=NOVEMBER)

    assert recipients_of(mail.outbox) == ["once@ngo.example"]
    assert Delivery.objects.count() == 1


def test_chunk_task_run_twice_sends_once(compose_and_send):
    bulletin_contact(email="twice@ngo.example")
    bulletin = compose_and_send()
    ids = list(bulletin.deliveries.values_list("pk", flat=True))

    send_delivery_chunk.delay(ids)
    send_delivery_chunk.delay(ids)

    assert recipients_of(mail.outbox) == ["twice@ngo.example"]


def test_message_has_both_parts_and_the_one_click_headers(compose_and_send):
    bulletin_contact(email="reader@ngo.example")
    compose_and_send()

    [message] = mail.outbox
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith("<https://portal.oec.example/bulletins/unsubscribe/")
    assert unsubscribe.endswith("/>")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe[1:-1] in message.body
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert unsubscribe[1:-1] in html
    assert "/en/bulletins/preferences/" in html
    delivery = Delivery.objects.get()
    assert delivery.message_id == message.extra_headers["Message-ID"]
    assert delivery.provider_message_id == ""  # not sent through a provider's API


def test_sent_through_a_providers_api_the_delivery_keeps_the_id_the_provider_gave(
    compose_and_send, settings
):
    """The provider's bounce and complaint reports name its own id (tests/bulletins/
    test_mail_providers.py): anymail's test backend stands for the provider's API."""
    settings.EMAIL_BACKEND = "anymail.backends.test.EmailBackend"
    bulletin_contact(email="reader@ngo.example")
    compose_and_send()

    [message] = mail.outbox
    delivery = Delivery.objects.get()
    assert delivery.status == "sent"
    assert delivery.provider_message_id == str(message.anymail_status.message_id) != ""
    assert message.extra_headers["Message-ID"] == delivery.message_id


def test_french_contact_gets_the_french_edition(compose_and_send):
    bulletin_contact(email="fr@ngo.example", language="fr")
    bulletin_contact(email="ar@ngo.example", language="ar")
    compose_and_send()

    by_address = {message.to[0]: message for message in mail.outbox}
    french = by_address["fr@ngo.example"]
    assert french.subject == BulletinEdition.objects.get(language="fr").subject
    assert "novembre 2026" in french.subject
    assert "/fr/bulletins/preferences/" in french.body
    [(html, _mimetype)] = by_address["ar@ngo.example"].alternatives
    assert 'lang="ar" dir="rtl"' in html


def test_suppressed_after_queueing_is_skipped(compose_and_send, settings):
    settings.OEC_BULLETIN_REQUIRES_APPROVAL = True
    bulletin_contact(email="late@ngo.example")
    bulletin_contact(email="stays@ngo.example")
    bulletin = services.bulletin_compose(month=NOVEMBER)
    services.bulletin_approve(bulletin=bulletin, by=None)  # on_commit not run: rows pending
    Suppression.objects.create(email="late@ngo.example", reason="unsubscribed")

    ChunkSender().send(list(bulletin.deliveries.values_list("pk", flat=True)))

    assert recipients_of(mail.outbox) == ["stays@ngo.example"]
    assert dict(bulletin.deliveries.values_list("email", "status")) == {
        "late@ngo.example": "skipped",
        "stays@ngo.example": "sent",
    }


class FlakyConnection:
    """A mail connection that answers the first `failures` messages with `error`."""

    def __init__(self, error, failures):
        self.error, self.failures, self.sent, self.tried = error, failures, [], []

    def open(self):
        return False

    def close(self):
        pass

    def send_messages(self, messages):
        self.tried.extend(messages)
        if self.failures:
            self.failures -= 1
            raise self.error
        self.sent.extend(messages)
        return len(messages)


def pending_deliveries(count):
    for number in range(count):
        bulletin_contact(email=f"r{number}@ngo.example")
    bulletin = BulletinFactory(status=Bulletin.Status.SENDING)
    BulletinEditionFactory(bulletin=bulletin, language="en")
    rows = services.recipients()
    for row in rows:
        row.bulletin = bulletin
    Delivery.objects.bulk_create(rows)
    return bulletin, list(bulletin.deliveries.values_list("pk", flat=True))


def test_transient_error_keeps_the_row_pending_for_a_retry(host_org):
    bulletin, ids = pending_deliveries(2)
    error = smtplib.SMTPDataError(451, b"4.3.0 Try again later")
    connection = FlakyConnection(error, failures=1)

    transient = ChunkSender(connection=connection).send(ids)

    assert transient == [ids[0]]
    first = Delivery.objects.get(pk=ids[0])
    assert (first.status, first.attempts) == ("pending", 1)
    assert first.last_error == "SMTPDataError: (451, b'4.3.0 Try again later')"
    assert [message.to for message in connection.sent] == [["r1@ngo.example"]]


def test_permanent_error_marks_the_row_failed(host_org):
    bulletin, ids = pending_deliveries(1)
    error = smtplib.SMTPRecipientsRefused({"r0@ngo.example": (550, b"5.1.1 No such user")})

    transient = ChunkSender(connection=FlakyConnection(error, failures=1)).send(ids)

    assert transient == []
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("failed", 1)
    bulletin.refresh_from_db()
    assert bulletin.status == Bulletin.Status.SENT  # nothing left pending


def test_transient_error_on_the_last_attempt_marks_the_row_failed(host_org):
    bulletin, ids = pending_deliveries(1)
    error = smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    ChunkSender(connection=FlakyConnection(error, failures=1), final_attempt=True).send(ids)

    assert Delivery.objects.get().status == "failed"


def test_task_retries_a_transient_failure_until_sent(host_org, monkeypatch):
    bulletin, ids = pending_deliveries(1)
    connection = FlakyConnection(smtplib.SMTPDataError(451, b"busy"), failures=2)
    monkeypatch.setattr("bulletins.sending.get_connection", lambda: connection)

    # Eager apply() runs the retries at once, in this process (countdown skipped).
    monkeypatch.setitem(send_delivery_chunk.app.conf, "task_eager_propagates", False)
    send_delivery_chunk.apply(args=[ids])

    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("sent", 3)
    assert len(connection.sent) == 1
    # One Message-ID for all three attempts: the one the first claim gave the row.
    assert [message.extra_headers["Message-ID"] for message in connection.tried] == [
        delivery.message_id
    ] * 3


@pytest.mark.parametrize(
    ("error", "transient"),
    [
        (smtplib.SMTPDataError(451, b"later"), True),
        (smtplib.SMTPDataError(554, b"rejected"), False),
        (smtplib.SMTPRecipientsRefused({"a@b.example": (450, b"busy")}), True),
        (smtplib.SMTPRecipientsRefused({"a@b.example": (550, b"unknown")}), False),
        (smtplib.SMTPServerDisconnected("gone"), True),
        (ConnectionRefusedError(), True),
        (smtplib.SMTPSenderRefused(553, b"bad sender", "x@y.example"), False),
        # A mail provider's API (django-anymail): unreachable, busy or failing, or a refusal.
        (AnymailAPIError("no connection"), True),
        (AnymailAPIError("too many requests", status_code=429), True),
        (AnymailAPIError("server error", status_code=503), True),
        (AnymailAPIError("invalid recipient", status_code=422), False),
    ],
)
def test_is_transient_tells_4xx_and_lost_connections_from_5xx(error, transient):
    assert is_transient(error) is transient


def test_resend_failures_sends_the_failed_rows_again(host_org, django_capture_on_commit_callbacks):
    bulletin, ids = pending_deliveries(2)
    Delivery.objects.filter(pk=ids[0]).update(status="failed", last_error="550")
    Delivery.objects.filter(pk=ids[1]).update(status="sent")
    Bulletin.objects.filter(pk=bulletin.pk).update(status="sent")

    with django_capture_on_commit_callbacks(execute=True):
        count = services.bulletin_resend_failures(bulletin=bulletin)

    assert count == 1
    assert recipients_of(mail.outbox) == ["r0@ngo.example"]
    assert Delivery.objects.get(pk=ids[0]).status == "sent"


def test_a_row_is_claimed_by_one_task_only(host_org):
    _bulletin, ids = pending_deliveries(2)

    assert [delivery.pk for delivery in claim(ids)] == ids
    assert claim(ids) == []
    assert set(Delivery.objects.values_list("status", "attempts")) == {("sending", 1)}


def test_rows_claimed_by_another_task_are_left_to_it(host_org):
    bulletin, ids = pending_deliveries(2)
    claim(ids[:1])  # another task is sending the first row

    ChunkSender().send(ids)

    assert recipients_of(mail.outbox) == ["r1@ngo.example"]
    assert dict(Delivery.objects.values_list("email", "status")) == {
        "r0@ngo.example": "sending",
        "r1@ngo.example": "sent",
    }
    bulletin.refresh_from_db()
    assert bulletin.status == Bulletin.Status.SENDING  # a row is still being sent


class WatchingConnection:
    """Notes the statuses in the database each time a message goes out."""

    def __init__(self):
        self.seen = []

    def open(self):
        return False

    def close(self):
        pass

    def send_messages(self, messages):
        self.seen.append(list(Delivery.objects.order_by("pk").values_list("status", flat=True)))
        return len(messages)


def test_each_row_is_marked_sent_before_the_next_message_goes(host_org):
    """A worker killed mid-chunk must not send again what it sent: the mark is per row."""
    _bulletin, ids = pending_deliveries(3)
    connection = WatchingConnection()

    ChunkSender(connection=connection).send(ids)

    # Each message goes out with its own row "handed" (the sweeper would not send it again),
    # the ones before it sent, the ones after it still claimed (the sweeper would send them).
    assert connection.seen == [
        ["handed", "sending", "sending"],
        ["sent", "handed", "sending"],
        ["sent", "sent", "handed"],
    ]
    assert list(Delivery.objects.values_list("status", flat=True)) == ["sent"] * 3


def test_sweeper_sends_again_the_rows_of_a_stale_claim_only(host_org, settings):
    settings.OEC_BULLETIN_CLAIM_TIMEOUT_MINUTES = 10
    bulletin, ids = pending_deliveries(2)
    claim(ids)  # and the worker that claimed them was killed before sending

    # Within the claim timeout the task may still be sending: the sweeper leaves the rows.
    assert services.bulletin_sweep(older_than=datetime.timedelta(0)) == 0
    assert mail.outbox == []

    Delivery.objects.update(claimed_at=timezone.now() - datetime.timedelta(minutes=11))
    assert services.bulletin_sweep(older_than=datetime.timedelta(0)) == 2  # eager: sent now

    assert recipients_of(mail.outbox) == ["r0@ngo.example", "r1@ngo.example"]
    assert set(Delivery.objects.values_list("status", "attempts")) == {("sent", 2)}
    bulletin.refresh_from_db()
    assert bulletin.status == Bulletin.Status.SENT


def test_first_claim_gives_each_row_its_message_id_and_later_claims_keep_it(host_org, settings):
    settings.OEC_SITE_URL = "https://portal.oec.example"
    _bulletin, ids = pending_deliveries(2)

    claimed = {delivery.pk: delivery.message_id for delivery in claim(ids)}
    Delivery.objects.update(status="pending")  # a transient error or a released claim
    claimed_again = {delivery.pk: delivery.message_id for delivery in claim(ids)}

    stored = dict(Delivery.objects.values_list("pk", "message_id"))
    assert claimed == claimed_again == stored
    assert len(set(stored.values())) == 2
    for pk, message_id in stored.items():
        assert message_id.startswith("<bulletin.")
        assert message_id.endswith(f".{pk}@portal.oec.example>")


def test_sweeper_holds_the_row_the_server_had_and_sends_the_rows_it_never_had(host_org, settings):
    settings.OEC_BULLETIN_CLAIM_TIMEOUT_MINUTES = 10
    bulletin, ids = pending_deliveries(4)
    claim(ids)
    # The worker sent r0 (marked) and died with r1 in the hands of the mail server: r1 is
    # handed, r2 and r3 stay claimed.
    Delivery.objects.filter(pk=ids[0]).update(status="sent")
    Delivery.objects.filter(pk=ids[1]).update(status="handed")
    Delivery.objects.update(claimed_at=timezone.now() - datetime.timedelta(minutes=11))

    assert services.bulletin_sweep(older_than=datetime.timedelta(0)) == 2  # eager: sent now

    assert recipients_of(mail.outbox) == ["r2@ngo.example", "r3@ngo.example"]
    assert list(
        Delivery.objects.order_by("pk").values_list("email", "status", "attempts", "possibly_sent")
    ) == [
        ("r0@ngo.example", "sent", 1, False),
        ("r1@ngo.example", "uncertain", 1, True),  # maybe accepted: at most once
        ("r2@ngo.example", "sent", 2, False),  # claimed but never handed over
        ("r3@ngo.example", "sent", 2, False),
    ]
    report = Bulletin.objects.with_delivery_counts().get(pk=bulletin.pk)
    assert (report.status, report.uncertain_count, report.pending_count) == ("sent", 1, 0)


def test_an_officer_sends_a_possibly_sent_row_again_with_its_message_id(
    host_org, settings, django_capture_on_commit_callbacks
):
    bulletin, ids = pending_deliveries(1)
    [claimed] = claim(ids)
    Delivery.objects.update(
        status="handed", claimed_at=timezone.now() - datetime.timedelta(minutes=11)
    )
    services.bulletin_sweep(older_than=datetime.timedelta(0))
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        assert services.bulletin_resend_possibly_sent(bulletin=bulletin) == 1

    [message] = mail.outbox
    assert message.extra_headers["Message-ID"] == claimed.message_id
    assert list(Delivery.objects.values_list("status", "possibly_sent")) == [("sent", True)]
    report = Bulletin.objects.with_delivery_counts().get(pk=bulletin.pk)
    assert (report.uncertain_count, report.possibly_sent_twice_count) == (0, 1)
