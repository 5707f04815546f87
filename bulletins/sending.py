"""Sending through the delivery ledger: a chunk task claims its rows, sends each, marks it.

A chunk task first claims its rows in one short transaction: the rows among its ids that are
still pending become "sending" (with `claimed_at`). A second task holding the same ids (a
redelivery, the sweeper, the task run twice) waits for that commit, then finds them no longer
pending: only the task that claimed a row sends it, and no lock is held while SMTP talks.

Then, over one SMTP connection for the chunk, each message in turn: MAIL, RCPT; once the
server took the recipient, the row is marked "handed" (the server cannot accept a message
before its end: a row still "sending" was never with it); the message; the server's 250, and
the row is sent. A transient 4xx puts it back to pending (attempts + 1, the task retries it);
a 5xx or the last retry, failed. The one database write per message is the "handed" mark,
which also records the previous message's "sent" (ledger.Marks): one round trip, committed
without waiting for the disk (OEC_BULLETIN_ASYNC_COMMIT), and sent while the DATA command is
on its way, so that the two waits overlap.

A worker killed mid-chunk (SIGKILL, a lost machine) leaves its rows as they were: the ones it
had not reached stay "sending", and the sweeper (services.bulletin_sweep) sends them again once
their claim is older than OEC_BULLETIN_CLAIM_TIMEOUT_MINUTES. At most one row of the chunk is
"handed": its message was with the server, which may have accepted it (SMTP's own window,
which no client closes), or was accepted and its "sent" waited for the next message's mark.
The policy for that row (at most once): the sweeper makes it `uncertain` (and
`possibly_sent`) and does not send it again; the back office shows it to the officers, who
may send it again (`bulletin_resend_possibly_sent`, same Message-ID). Why not send it again by
itself: the worker was killed in the middle of that message's own conversation or right
after it; a second copy reaches the recipient and cannot be taken back, while a held row is
one line for an officer, who can look its Message-ID up in the relay's log. The same holds
for a connection lost after the whole message went and before the server's answer: that row
is `uncertain` at once, not retried. Exactly once on every other path.

Why not one transaction per row that locks it while sending (the first version): BEGIN, SELECT
FOR UPDATE, SMTP, UPDATE, COMMIT costs three database round trips and a lock per message, and
made the bulletin a fifth as fast as a plain smtplib loop. The rest of the speed comes from
doing per chunk or per process what does not change per recipient: the rendered message
(message_template), the URL resolving (ChunkSender.urls). bench/bulletin.py measures it (`make
bench-bulletin`; docs/scaling.md has the figures).
"""

import email.policy
import functools
import logging
import re
import smtplib
from collections import Counter
from dataclasses import dataclass
from email.utils import parseaddr

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import DatabaseError
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from members.mail import branded_parts, site_url
from members.models import Suppression

from .ledger import Marks, claim, mark_sent_if_done, message_id_domain
from .mail_api import is_transient_provider_error, provider_message_id
from .models import BulletinEdition, Delivery
from .tokens import unsubscribe_token

logger = logging.getLogger(__name__)

UNSUBSCRIBE_PLACEHOLDER = "__OEC_UNSUBSCRIBE_URL__"
PREFERENCES_PLACEHOLDER = "__OEC_PREFERENCES_URL__"
TO_PLACEHOLDER = "oec-recipient@placeholder.invalid"
MESSAGE_ID_PLACEHOLDER = "<oec-message-id@placeholder.invalid>"
TOKEN_PLACEHOLDER = "__OEC_TOKEN__"
LEADING_DOT = re.compile(rb"(?m)^\.")  # SMTP doubles a dot that starts a line (RFC 5321)
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
    UNCERTAIN = "uncertain"  # the connection went before the server answered the message
    NOT_PENDING = "not_pending"  # sent, failed or claimed meanwhile (by another task)


class LostAnswerError(Exception):
    """The whole message went to the server and the connection was lost before its answer: the
    server may have accepted it, so it is not sent again (the module's docstring)."""


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
        self.marks = Marks(asynchronous=settings.OEC_BULLETIN_ASYNC_COMMIT)

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
            self.hand_over(smtp, delivery.email, payload, delivery.pk)
            return ""
        message = self.build(
            template,
            to=delivery.email,
            message_id=message_id,
            unsubscribe_url=unsubscribe_url,
            preferences_url=preferences_url,
        )
        if isinstance(smtp, smtplib.SMTP):  # the domain in IDNA, as Django's backend sends it
            payload = message.message(policy=email.policy.SMTP).as_bytes()
            self.hand_over(smtp, self.connection.prep_address(delivery.email), payload, delivery.pk)
            return ""
        # Another mail backend (a provider's API, tests, console): the ordinary way.
        self.marks.handed(delivery.pk)
        message.send()
        return provider_message_id(message)

    def hand_over(self, smtp, recipient, payload, pk):
        """smtplib's sendmail() for one recipient, with the row marked "handed" once the server
        took the recipient (before the end of the message it cannot have accepted anything),
        while the DATA command travels: both waits at once. A lost connection is told apart by
        when it happened: before the end of the message, the server has nothing (transient);
        after it, the server may have the message (LostAnswerError)."""
        smtp.ehlo_or_helo_if_needed()
        options = ["BODY=8BITMIME"] if smtp.has_extn("8bitmime") else []
        if smtp.has_extn("size"):
            options.append(f"SIZE={len(payload)}")
        # The addresses are bare (parseaddr, the ledger's EmailField): smtplib's mail() and
        # rcpt() would parse each again, which costs more than the rest of this conversation.
        smtp.putcmd("mail", " ".join([f"FROM:<{self.envelope_sender}>", *options]))
        code, response = smtp.getreply()
        if code != 250:
            raise smtplib.SMTPSenderRefused(code, response, self.envelope_sender)
        smtp.putcmd("rcpt", f"TO:<{recipient}>")
        code, response = smtp.getreply()
        if code not in (250, 251):
            raise smtplib.SMTPRecipientsRefused({recipient: (code, response)})
        smtp.putcmd("data")
        self.marks.handed(pk)
        code, response = smtp.getreply()
        if code != 354:
            raise smtplib.SMTPDataError(code, response)
        if not payload.endswith(b"\r\n"):
            payload += b"\r\n"
        smtp.send(LEADING_DOT.sub(b"..", payload) + b".\r\n")  # as smtplib's data()
        try:
            code, response = smtp.getreply()
        except smtplib.SMTPServerDisconnected as exc:  # closed, reset or timed out
            raise LostAnswerError(str(exc)) from exc
        if code != 250:
            raise smtplib.SMTPDataError(code, response)

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
        try:
            for delivery in deliveries:
                if delivery.email in suppressed:
                    continue
                outcome = self.send_one(delivery)
                self.outcomes[outcome] += 1
                if outcome == Outcome.TRANSIENT:
                    transient.append(delivery.pk)
            self.marks.flush()  # the last message's "sent": the chunk is done
        finally:
            self.connection.close()
        for bulletin_id in {delivery.bulletin_id for delivery in deliveries}:
            mark_sent_if_done(bulletin_id)
        return transient

    def send_one(self, delivery):
        """Send one claimed delivery and record the outcome: a failure at once, "sent" a moment
        later (ledger.Marks)."""
        try:
            provider_id = self.deliver(delivery)
        except DatabaseError:
            # The ledger's own write failed, not the message (which has not ended: the server
            # drops it with the connection). The task fails; the sweeper finds the rows.
            raise
        except Exception as exc:  # noqa: BLE001 (SMTP and socket errors of every kind)
            error = f"{type(exc).__name__}: {exc}"[:2000]
            # A failed conversation may leave the connection unusable: start a new one.
            self.connection.close()
            self.marks.flush()
            row = Delivery.objects.filter(pk=delivery.pk)
            if isinstance(exc, LostAnswerError):
                logger.warning("bulletin delivery %s possibly sent: %s", delivery.pk, error)
                row.update(status=Delivery.Status.UNCERTAIN, possibly_sent=True, last_error=error)
                return Outcome.UNCERTAIN
            if is_transient(exc) and not self.final_attempt:
                row.update(status=Delivery.Status.PENDING, last_error=error)
                return Outcome.TRANSIENT
            logger.warning("bulletin delivery %s failed: %s", delivery.pk, error)
            row.update(status=Delivery.Status.FAILED, last_error=error)
            return Outcome.FAILED
        # Written with the next message's "handed" mark, or at the chunk's end (ledger.Marks).
        self.marks.accepted_by_server(delivery.pk, provider_id)
        return Outcome.SENT
