"""Sending through the delivery ledger: a chunk task claims its rows, sends each, marks it at once.

A chunk task first claims its rows in one short transaction: the rows among its ids that are
still pending become "sending" (with `claimed_at`). A second task holding the same ids (a
redelivery, the sweeper, the task run twice) waits for that commit, then finds them no longer
pending: only the task that claimed a row sends it, and no lock is held while SMTP talks.

Each row is marked the moment the server accepted its message, in a statement of its own
(autocommit): sent; or back to pending after a transient 4xx (attempts + 1, the task retries
it); or failed after a 5xx or the last retry. So a worker killed mid-chunk never sends again
what it sent: the rows it had not reached stay "sending" until the sweeper (services.
bulletin_sweep) finds their claim older than OEC_BULLETIN_CLAIM_TIMEOUT_MINUTES and queues
them again.

The one window left is SMTP's own, per row: the server accepted the message and the worker
died before its UPDATE, which no SMTP client closes. To know which row may be in it, each row
is marked "handed" once the server took its recipient, just before DATA (the server cannot
accept a message before it): a row a dead worker left "sending" was never with the server,
and is sent; a row it left "handed" may have been accepted. The policy for that row (at most
once): the sweeper makes it `uncertain` (and `possibly_sent`) and does not send it again; the
back office shows it to the officers, who may send it again (`bulletin_resend_possibly_sent`,
same Message-ID). Why not send it again by itself: the worker was killed in the middle of
that message's own conversation, where the server accepts; a second copy reaches the
recipient and cannot be taken back, while a held row is one line for an officer, who can look
its Message-ID up in the relay's log. At most one row per worker process is ever in that
state; exactly once on every other path. The "handed" mark costs one more statement per
message (bench/bulletin.py measures it).

Why not one transaction per row that locks it while sending (the first version): BEGIN, SELECT
FOR UPDATE, SMTP, UPDATE, COMMIT costs three database round trips and a lock per message, and
made the bulletin a fifth as fast as a plain smtplib loop. Claiming costs one transaction per
chunk; marking, one statement per message. The rest of the speed comes from doing per chunk
or per process what does not change per recipient: the rendered message (message_template),
the URL resolving (ChunkSender.urls). bench/bulletin.py measures it (`make bench-bulletin`).
"""

import email.policy
import functools
import logging
import smtplib
from collections import Counter
from dataclasses import dataclass
from email.utils import parseaddr

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection as db_connection
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from members.mail import branded_parts, site_url
from members.models import Suppression

from .ledger import claim, mark_handed, mark_sent, mark_sent_if_done, message_id_domain
from .mail_api import is_transient_provider_error, provider_message_id
from .models import BulletinEdition, Delivery
from .tokens import unsubscribe_token

logger = logging.getLogger(__name__)

UNSUBSCRIBE_PLACEHOLDER = "__OEC_UNSUBSCRIBE_URL__"
PREFERENCES_PLACEHOLDER = "__OEC_PREFERENCES_URL__"
TO_PLACEHOLDER = "oec-recipient@placeholder.invalid"
MESSAGE_ID_PLACEHOLDER = "<oec-message-id@placeholder.invalid>"
TOKEN_PLACEHOLDER = "__OEC_TOKEN__"
FOOTER = {  # why the reader receives it, and the links of the bulletin's footer (members.mail)
    "reason": _(
        "You receive this bulletin as a partner contact or subscriber of the Organisation of "
        "Educational Cooperation."
    ),
    "footer_links": [
        (_("Unsubscribe"), UNSUBSCRIBE_PLACEHOLDER),
        (_("Change the language"), PREFERENCES_PLACEHOLDER),
    ],
}


class Outcome:
    SENT = "sent"
    SKIPPED = "skipped"
    TRANSIENT = "transient"
    FAILED = "failed"
    NOT_PENDING = "not_pending"  # sent, failed or claimed meanwhile (by another task)


def is_transient(exc):
    """4xx answers and lost connections are worth retrying; 5xx answers are final."""
    if is_transient_provider_error(exc):  # through a provider's API (OEC_MAIL_PROVIDER)
        return True
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
    from_email: str
    raw: bytes | None = None


@functools.lru_cache(maxsize=16)
def message_template(language, subject, html, text, from_email, site):
    """One edition's message in the brand's layout (members.mail), placeholders for the links,
    rendered once per worker process (keyed by the content and the portal's address, which
    the layout links), not once per chunk: rendering and the MIME build below cost as much as
    sending a few dozen messages."""
    parts = branded_parts(subject=subject, text=text, html_body=html, language=language, **FOOTER)
    return Template(parts.subject, parts.html, parts.text, from_email)


@shared_task(
    name="bulletins.tasks.send_delivery_chunk",  # Celery finds it in tasks.py, which imports it
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    # Chunk tasks per second (per worker), e.g. "10/s"; None sends as fast as the server takes.
    rate_limit=settings.OEC_BULLETIN_SEND_RATE_LIMIT,
)
def send_delivery_chunk(self, delivery_ids):
    """The task the services enqueue: send the pending deliveries among `delivery_ids`; retry
    the transient failures with an exponential backoff, and mark them failed after the last
    retry. Idempotent (the claim), so it may run again after a crash."""
    max_retries = settings.OEC_BULLETIN_MAX_RETRIES
    sender = ChunkSender(final_attempt=self.request.retries >= max_retries)
    transient = sender.send(list(delivery_ids))
    if transient:
        backoff = settings.OEC_BULLETIN_RETRY_BACKOFF
        raise self.retry(
            args=[transient], countdown=backoff * 2**self.request.retries, max_retries=max_retries
        )
    return dict(sender.outcomes)  # in the worker's log: what happened to the chunk


class ChunkSender:
    """Claims a chunk of deliveries and sends them over one SMTP connection."""

    def __init__(self, *, final_attempt=False, connection=None):
        self.final_attempt = final_attempt
        self.connection = connection or get_connection()
        self.editions = {}
        self.link_templates = {}
        self.site_url = settings.OEC_SITE_URL.rstrip("/")
        self.domain = message_id_domain()
        self.outcomes = Counter()
        self.envelope_sender = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
        self.async_commit = db_connection.vendor == "postgresql" and getattr(
            settings, "OEC_BULLETIN_ASYNC_COMMIT", False
        )

    def template(self, bulletin_id, language):
        if bulletin_id not in self.editions:
            self.editions[bulletin_id] = {
                edition.language: edition
                for edition in BulletinEdition.objects.filter(bulletin_id=bulletin_id)
            }
        editions = self.editions[bulletin_id]
        edition = editions.get(language) or editions[settings.LANGUAGE_CODE]
        return message_template(
            language,
            edition.subject,
            edition.html,
            edition.text,
            settings.DEFAULT_FROM_EMAIL,
            site_url(),
        )

    def urls(self, delivery):
        """The recipient's unsubscribe and preferences links. URL resolving costs more than the
        rest of a message, so it is done once per language, with a placeholder for the token
        (a signature: only characters that reverse() leaves as they are)."""
        language = delivery.language
        if language not in self.link_templates:
            unsubscribe = self.site_url + reverse("bulletin_unsubscribe", args=[TOKEN_PLACEHOLDER])
            with translation.override(language):
                preferences = self.site_url + reverse(
                    "bulletins:preferences", args=[TOKEN_PLACEHOLDER]
                )
            self.link_templates[language] = unsubscribe, preferences
        token = unsubscribe_token(delivery.email)
        return tuple(
            link.replace(TOKEN_PLACEHOLDER, token) for link in self.link_templates[language]
        )

    def build(self, template, *, to, message_id, unsubscribe_url, preferences_url):
        message = BulletinMessage(
            subject=template.subject,
            body=template.text.replace(UNSUBSCRIBE_PLACEHOLDER, unsubscribe_url).replace(
                PREFERENCES_PLACEHOLDER, preferences_url
            ),
            from_email=template.from_email,
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
        """Send the delivery's message under the Message-ID its first claim gave it; returns
        the id a mail provider's API gave it ("" over SMTP). Raises what SMTP raises."""
        template = self.template(delivery.bulletin_id, delivery.language)
        unsubscribe_url, preferences_url = self.urls(delivery)
        message_id = delivery.message_id
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
            hand_over(smtp, self.envelope_sender, delivery.email, payload, options, delivery.pk)
            return ""
        # Another mail backend (a provider's API, tests, console): the ordinary way.
        message = self.build(
            template,
            to=delivery.email,
            message_id=message_id,
            unsubscribe_url=unsubscribe_url,
            preferences_url=preferences_url,
        )
        mark_handed(delivery.pk)
        message.send()
        return provider_message_id(message)

    def send(self, delivery_ids):
        """Claim the pending ones among `delivery_ids` and send them; returns the ids that
        failed transiently (pending again, for the task's retry)."""
        deliveries = claim(delivery_ids, domain=self.domain)
        if len(deliveries) < len(delivery_ids):
            self.outcomes[Outcome.NOT_PENDING] += len(delivery_ids) - len(deliveries)
        # Unsubscribed or bounced since the rows were written.
        emails = [delivery.email for delivery in deliveries]
        found = Suppression.objects.filter(email__in=emails)
        suppressed = set(found.values_list("email", flat=True))
        if suppressed:
            Delivery.objects.filter(
                pk__in=[delivery.pk for delivery in deliveries], email__in=suppressed
            ).update(status=Delivery.Status.SKIPPED)
            self.outcomes[Outcome.SKIPPED] += len(suppressed)
        transient = []
        if self.async_commit:
            # Each "sent" mark need not wait for the disk (for a database on slow disks; on
            # the development machine bench-bulletin measured no gain). A worker killed loses
            # nothing: PostgreSQL has the commit. Only a crash of the database server itself
            # could forget the last marks of the past fraction of a second, and those few
            # messages would go out twice.
            with db_connection.cursor() as cursor:
                cursor.execute("SET synchronous_commit = off")
        try:
            for delivery in deliveries:
                if delivery.email in suppressed:
                    continue
                outcome = self.send_one(delivery)
                self.outcomes[outcome] += 1
                if outcome == Outcome.TRANSIENT:
                    transient.append(delivery.pk)
        finally:
            self.connection.close()
            if self.async_commit:
                with db_connection.cursor() as cursor:
                    cursor.execute("RESET synchronous_commit")
        for bulletin_id in {delivery.bulletin_id for delivery in deliveries}:
            mark_sent_if_done(bulletin_id)
        return transient

    def send_one(self, delivery):
        """Send one claimed delivery and record the outcome at once (autocommit)."""
        try:
            provider_id = self.deliver(delivery)
        except Exception as exc:  # noqa: BLE001 (SMTP and socket errors of every kind)
            error = f"{type(exc).__name__}: {exc}"[:2000]
            # A failed conversation may leave the connection unusable: start a new one.
            self.connection.close()
            row = Delivery.objects.filter(pk=delivery.pk)
            if is_transient(exc) and not self.final_attempt:
                row.update(status=Delivery.Status.PENDING, last_error=error)
                return Outcome.TRANSIENT
            logger.warning("bulletin delivery %s failed: %s", delivery.pk, error)
            row.update(status=Delivery.Status.FAILED, last_error=error)
            return Outcome.FAILED
        # Right after the server's "250 OK", in a statement of its own: from its commit on, the
        # row is never sent again. A worker killed between the two leaves it "handed", and the
        # sweeper holds it as possibly sent (SMTP's own window, the same with any client).
        mark_sent(delivery.pk, provider_id)
        return Outcome.SENT


def hand_over(smtp, sender, recipient, payload, options, pk):
    """smtplib's sendmail() for one recipient, with the row marked "handed" between the
    envelope and the message: before DATA the server cannot have accepted anything, so a
    worker killed before the mark leaves a row that is safe to send again."""
    smtp.ehlo_or_helo_if_needed()
    if smtp.does_esmtp and smtp.has_extn("size"):
        options = [*options, f"SIZE={len(payload)}"]
    code, response = smtp.mail(sender, options)
    if code != 250:
        raise smtplib.SMTPSenderRefused(code, response, sender)
    code, response = smtp.rcpt(recipient)
    if code not in (250, 251):
        raise smtplib.SMTPRecipientsRefused({recipient: (code, response)})
    mark_handed(pk)
    code, response = smtp.data(payload)
    if code != 250:
        raise smtplib.SMTPDataError(code, response)
