"""Sending through the delivery ledger, one row at a time.

Each row is sent inside its own transaction that holds the row's lock: the row is locked only
while it is still pending (SELECT ... FOR UPDATE; a second task holding the same id waits, then
PostgreSQL re-checks "still pending" and finds it sent), the message goes to the SMTP server,
and the row is marked sent in the same transaction. (SKIP LOCKED was tried first: under two
worker processes it skipped rows no other task was sending, so the wait is the safe choice.)
A worker killed before the commit leaves the row pending (PostgreSQL rolls the transaction
back when the connection dies) and it is sent again later; a row marked sent is never sent
again. The one window left is SMTP's own: the server accepted the message but the worker died
before it committed, a few milliseconds that no SMTP client can close.
"""

import email.policy
import logging
import smtplib
from collections import Counter
from dataclasses import dataclass
from email.utils import make_msgid, parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection as db_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from .models import Bulletin, BulletinEdition, Delivery, Suppression
from .tokens import unsubscribe_token

logger = logging.getLogger(__name__)

UNSUBSCRIBE_PLACEHOLDER = "__OEC_UNSUBSCRIBE_URL__"
PREFERENCES_PLACEHOLDER = "__OEC_PREFERENCES_URL__"
TO_PLACEHOLDER = "oec-recipient@placeholder.invalid"
MESSAGE_ID_PLACEHOLDER = "<oec-message-id@placeholder.invalid>"


class Outcome:
    SENT = "sent"
    SKIPPED = "skipped"
    TRANSIENT = "transient"
    FAILED = "failed"
    NOT_PENDING = "not_pending"


def is_transient(exc):
    """4xx answers and lost connections are worth retrying; 5xx answers are final."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in exc.recipients.values()]
        return bool(codes) and all(400 <= code < 500 for code in codes)
    if isinstance(exc, smtplib.SMTPResponseException):
        return 400 <= exc.smtp_code < 500 or exc.smtp_code < 0
    return isinstance(exc, (smtplib.SMTPServerDisconnected, OSError, TimeoutError))


class BulletinMessage(EmailMultiAlternatives):
    """A message whose long headers are folded, never RFC 2047-encoded.

    The List-Unsubscribe URL is one token longer than the 78 columns of email.policy.SMTP, so
    Python would encode it as =?utf-8?q?...?=, which mail clients do not read as a URL. RFC 5322
    allows lines up to 998 characters.
    """

    def message(self, *, policy=email.policy.default):
        return super().message(policy=policy.clone(max_line_length=998))


@dataclass
class Template:
    subject: str
    html: str
    text: str
    raw: bytes | None = None


class ChunkSender:
    """Sends a list of deliveries over one SMTP connection, each in its own transaction."""

    def __init__(self, *, final_attempt=False, connection=None):
        self.final_attempt = final_attempt
        self.connection = connection or get_connection()
        self.templates = {}
        self.site_url = settings.OEC_SITE_URL.rstrip("/")
        self.domain = urlsplit(self.site_url).hostname or "oec.example"
        self.outcomes = Counter()
        self.envelope_sender = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
        self.async_commit = db_connection.vendor == "postgresql" and getattr(
            settings, "OEC_BULLETIN_ASYNC_COMMIT", False
        )

    def template(self, bulletin_id, language):
        key = (bulletin_id, language)
        if key not in self.templates:
            editions = {
                edition.language: edition
                for edition in BulletinEdition.objects.filter(bulletin_id=bulletin_id)
            }
            edition = editions.get(language) or editions[settings.LANGUAGE_CODE]
            with translation.override(language):
                context = {
                    "edition": edition,
                    "unsubscribe_url": UNSUBSCRIBE_PLACEHOLDER,
                    "preferences_url": PREFERENCES_PLACEHOLDER,
                    "language": language,
                }
                self.templates[key] = Template(
                    subject=edition.subject,
                    html=render_to_string("bulletins/email/message.html", context),
                    text=render_to_string("bulletins/email/message.txt", context),
                )
        return self.templates[key]

    def urls(self, delivery):
        token = unsubscribe_token(delivery.email)
        unsubscribe_url = self.site_url + reverse("bulletin_unsubscribe", args=[token])
        with translation.override(delivery.language):
            preferences_url = self.site_url + reverse("bulletins:preferences", args=[token])
        return unsubscribe_url, preferences_url

    def build(self, template, *, to, message_id, unsubscribe_url, preferences_url):
        message = BulletinMessage(
            subject=template.subject,
            body=template.text.replace(UNSUBSCRIBE_PLACEHOLDER, unsubscribe_url).replace(
                PREFERENCES_PLACEHOLDER, preferences_url
            ),
            to=[to],
            connection=self.connection,
            headers={
                "Message-ID": message_id,
                # RFC 8058: mail clients offer one click that POSTs to this address.
                "List-Unsubscribe": f"<{unsubscribe_url}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        )
        html = template.html.replace(UNSUBSCRIBE_PLACEHOLDER, unsubscribe_url)
        message.attach_alternative(
            html.replace(PREFERENCES_PLACEHOLDER, preferences_url), "text/html"
        )
        return message

    def raw_template(self, template):
        """The whole message as bytes with placeholders, its text parts in 8bit so that the
        placeholders survive: per recipient only a few bytes.replace() remain. Building a MIME
        message with the email package costs more than the SMTP conversation itself."""
        if template.raw is None:
            message = self.build(
                template,
                to=TO_PLACEHOLDER,
                message_id=MESSAGE_ID_PLACEHOLDER,
                unsubscribe_url=UNSUBSCRIBE_PLACEHOLDER,
                preferences_url=PREFERENCES_PLACEHOLDER,
            ).message(policy=email.policy.SMTP)
            for part in message.walk():
                if part.get_content_maintype() == "text":
                    part.set_content(
                        part.get_content(),
                        subtype=part.get_content_subtype(),
                        charset="utf-8",
                        cte="8bit",
                    )
            template.raw = message.as_bytes()
        return template.raw

    def deliver(self, delivery):
        """Send the delivery's message; returns its Message-ID. Raises what SMTP raises."""
        template = self.template(delivery.bulletin_id, delivery.language)
        unsubscribe_url, preferences_url = self.urls(delivery)
        message_id = make_msgid(domain=self.domain)
        # Opened here, the connection stays open for the whole chunk.
        self.connection.open()
        smtp = getattr(self.connection, "connection", None)
        if isinstance(smtp, smtplib.SMTP) and delivery.email.isascii():
            payload = (
                self.raw_template(template)
                .replace(TO_PLACEHOLDER.encode(), delivery.email.encode())
                .replace(MESSAGE_ID_PLACEHOLDER.encode(), message_id.encode())
                .replace(UNSUBSCRIBE_PLACEHOLDER.encode(), unsubscribe_url.encode())
                .replace(PREFERENCES_PLACEHOLDER.encode(), preferences_url.encode())
            )
            options = ["BODY=8BITMIME"] if smtp.has_extn("8bitmime") else []
            smtp.sendmail(self.envelope_sender, [delivery.email], payload, options)
        else:  # another mail backend (tests, console): the ordinary way
            self.build(
                template,
                to=delivery.email,
                message_id=message_id,
                unsubscribe_url=unsubscribe_url,
                preferences_url=preferences_url,
            ).send()
        return message_id

    def send(self, delivery_ids):
        """Send the pending ones among `delivery_ids`; returns the ids that failed transiently."""
        suppressed = set(
            Suppression.objects.filter(
                email__in=Delivery.objects.filter(pk__in=delivery_ids).values("email")
            ).values_list("email", flat=True)
        )
        transient, bulletin_ids = [], set()
        if self.async_commit:
            # Each row's commit need not wait for the disk (one fsync per message would be the
            # bulk of the cost). A worker killed loses nothing: PostgreSQL has the commit. Only
            # a crash of the database server itself could forget the last "sent" marks of the
            # past fraction of a second, and those few messages would go out twice.
            with db_connection.cursor() as cursor:
                cursor.execute("SET synchronous_commit = off")
        try:
            for pk in delivery_ids:
                outcome, bulletin_id = self.send_one(pk, suppressed)
                self.outcomes[outcome] += 1
                if bulletin_id:
                    bulletin_ids.add(bulletin_id)
                if outcome == Outcome.TRANSIENT:
                    transient.append(pk)
        finally:
            self.connection.close()
            if self.async_commit:
                with db_connection.cursor() as cursor:
                    cursor.execute("RESET synchronous_commit")
        for bulletin_id in bulletin_ids:
            mark_sent_if_done(bulletin_id)
        return transient

    def send_one(self, pk, suppressed):
        with transaction.atomic():
            delivery = (
                Delivery.objects.select_for_update()
                .filter(pk=pk, status=Delivery.Status.PENDING)
                .first()
            )
            if delivery is None:  # sent, failed or skipped meanwhile (by another task)
                return Outcome.NOT_PENDING, None
            if delivery.email in suppressed:
                delivery.status = Delivery.Status.SKIPPED
                delivery.save(update_fields=["status"])
                return Outcome.SKIPPED, delivery.bulletin_id
            delivery.attempts += 1
            try:
                message_id = self.deliver(delivery)
            except Exception as exc:  # noqa: BLE001 (SMTP and socket errors of every kind)
                delivery.last_error = f"{type(exc).__name__}: {exc}"[:2000]
                # A failed conversation may leave the connection unusable: start a new one.
                self.connection.close()
                if is_transient(exc) and not self.final_attempt:
                    delivery.save(update_fields=["attempts", "last_error"])
                    return Outcome.TRANSIENT, delivery.bulletin_id
                logger.warning("bulletin delivery %s failed: %s", pk, delivery.last_error)
                delivery.status = Delivery.Status.FAILED
                delivery.save(update_fields=["attempts", "last_error", "status"])
                return Outcome.FAILED, delivery.bulletin_id
            Delivery.objects.filter(pk=delivery.pk).update(
                status=Delivery.Status.SENT,
                message_id=message_id,
                sent_at=timezone.now(),
                attempts=delivery.attempts,
                last_error="",
            )
            return Outcome.SENT, delivery.bulletin_id


def mark_sent_if_done(bulletin_id):
    """A sending bulletin with no pending row left has been sent."""
    if not Delivery.objects.pending().filter(bulletin_id=bulletin_id).exists():
        Bulletin.objects.filter(pk=bulletin_id, status=Bulletin.Status.SENDING).update(
            status=Bulletin.Status.SENT, sent_at=timezone.now()
        )
