"""The bulletin's use cases: compose, approve, queue, sweep, unsubscribe, subscribe, and what
the mail provider reports (bounces, complaints, unsubscribes)."""

import datetime
import logging
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from members.models import Organisation, Suppression, normalise_email
from members.suppressions import address_suppress as suppression_record
from partnerships.selectors import bulletin_recipient_contacts, contacts_with_email

from . import content
from .approval import FourEyesError, MissingIntroductionError, bulletin_awaiting_approval_notify
from .confirmation_mail import send_subscription_confirmation
from .ledger import mark_sent_if_done
from .models import (
    Bulletin,
    BulletinEdition,
    Delivery,
    Subscriber,
)
from .permissions import four_eyes_forbid
from .sending import send_delivery_chunk

logger = logging.getLogger(__name__)

LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


def language_or_default(language):
    return language if language in LANGUAGE_CODES else settings.LANGUAGE_CODE


def requires_approval():
    return settings.OEC_BULLETIN_REQUIRES_APPROVAL


def chunk_size():
    return max(1, int(settings.OEC_BULLETIN_CHUNK_SIZE))


def claim_timeout():
    """How long a chunk task may hold its claimed rows before the sweeper sends them again."""
    return datetime.timedelta(minutes=settings.OEC_BULLETIN_CLAIM_TIMEOUT_MINUTES)


# --- schedule -----------------------------------------------------------------------------------
def first_working_day(month):
    """The first Monday-to-Friday day of `month` (public holidays are not known here)."""
    day = month.replace(day=1)
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return day


def bulletin_is_due(today):
    """Beat runs the task on days 1-3 at 08:00; it composes from the first working day on, so
    a run missed on that day (broker down) is made good the next day."""
    return today >= first_working_day(today)


# --- compose, approve, queue --------------------------------------------------------------------
@transaction.atomic
def bulletin_compose(*, month, by=None) -> Bulletin:
    """Compose the bulletin of `month` (idempotent): one row per month, editions per language.

    `by` is the officer who composes it (recorded as its composer); the schedule (None) keeps
    the composer recorded before. A bulletin already approved or sent is left as it is.
    Without the approval setting the bulletin is approved and queued at once.
    """
    month = month.replace(day=1)
    bulletin, _created = Bulletin.objects.get_or_create(
        month=month, defaults={"organisation": Organisation.objects.host()}
    )
    bulletin = Bulletin.objects.select_for_update().get(pk=bulletin.pk)
    if bulletin.status not in (Bulletin.Status.DRAFT, Bulletin.Status.AWAITING_APPROVAL):
        return bulletin
    first_composition = bulletin.status == Bulletin.Status.DRAFT
    bulletin_render_editions(bulletin=bulletin)
    bulletin.status = Bulletin.Status.AWAITING_APPROVAL
    bulletin.composed_at = timezone.now()
    if by is not None:
        bulletin.composed_by = by
    bulletin.save(update_fields=["status", "composed_at", "composed_by"])
    if not requires_approval():
        # Without an officer's approval nobody is there to ask: the editions without an
        # introduction of their own go out with the English one, as they always did.
        bulletin_approve(bulletin=bulletin, by=None, english_introduction_confirmed=True)
    elif first_composition:
        bulletin_awaiting_approval_notify(bulletin=bulletin, by=by)
    return bulletin


@transaction.atomic
def bulletin_render_editions(*, bulletin) -> None:
    """Write (or rewrite) the bulletin's edition in every language from its month's content,
    gathered once."""
    month_content = content.gather(bulletin.month)
    for code, _name in settings.LANGUAGES:
        subject, html, text = content.render_edition(
            bulletin=bulletin, content=month_content, language=code
        )
        BulletinEdition.objects.update_or_create(
            bulletin=bulletin,
            language=code,
            defaults={"subject": subject, "html": html, "text": text},
        )


@transaction.atomic
def bulletin_introduction_written(*, bulletin, by) -> Bulletin:
    """An officer wrote (or changed) the bulletin's introduction: they are its composer, and a
    bulletin composed already is composed again with the text (its editions are snapshots)."""
    Bulletin.objects.filter(pk=bulletin.pk).update(composed_by=by)
    bulletin.composed_by = by
    if bulletin.composed_at:
        return bulletin_compose(month=bulletin.month, by=by)
    return bulletin


@transaction.atomic
def bulletin_approve(*, bulletin, by, english_introduction_confirmed=False) -> Bulletin:
    """An officer (or, without the approval setting, the schedule) lets the bulletin go out.

    Raises MissingIntroductionError when an edition would show the English introduction for want
    of its own and the officer has not confirmed that (`english_introduction_confirmed`), and
    FourEyesError when the four-eyes setting keeps `by`, its composer, from approving it.
    """
    bulletin = Bulletin.objects.select_for_update().get(pk=bulletin.pk)
    if bulletin.status != Bulletin.Status.AWAITING_APPROVAL:
        return bulletin
    if four_eyes_forbid(by, bulletin):
        raise FourEyesError()
    fallbacks = content.introduction_fallbacks(bulletin)
    if fallbacks and not english_introduction_confirmed:
        raise MissingIntroductionError(fallbacks)
    bulletin.status = Bulletin.Status.APPROVED
    bulletin.approved_by = by
    bulletin.approved_at = timezone.now()
    bulletin.save(update_fields=["status", "approved_by", "approved_at"])
    return bulletin_queue(bulletin=bulletin)


def recipients():
    """Delivery rows (unsaved) for everyone who receives the bulletin now, one per address:
    partner contacts who asked for it and confirmed subscribers, minus suppressed addresses."""
    suppressed = set(Suppression.objects.values_list("email", flat=True))
    rows = {}
    contacts = (
        bulletin_recipient_contacts()
        .order_by("pk")
        .values_list("pk", "email", "preferred_language")
    )
    for pk, email, language in contacts:
        email = normalise_email(email)
        if email and email not in suppressed and email not in rows:
            rows[email] = Delivery(
                email=email, language=language_or_default(language), contact_id=pk
            )
    subscribers = (
        Subscriber.objects.confirmed().order_by("pk").values_list("pk", "email", "language")
    )
    for pk, email, language in subscribers:
        email = normalise_email(email)
        if email and email not in suppressed and email not in rows:
            rows[email] = Delivery(
                email=email, language=language_or_default(language), subscriber_id=pk
            )
    return list(rows.values())


@transaction.atomic
def bulletin_queue(*, bulletin) -> Bulletin:
    """Write every delivery row, then (after commit) hand the pending rows to the workers.

    Idempotent: the unique (bulletin, email) constraint keeps one row per recipient however
    often this runs, and the tasks skip rows that are no longer pending.
    """
    bulletin = Bulletin.objects.select_for_update().get(pk=bulletin.pk)
    if bulletin.status not in (Bulletin.Status.APPROVED, Bulletin.Status.SENDING):
        return bulletin
    rows = recipients()
    for row in rows:
        row.bulletin = bulletin
    Delivery.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
    bulletin.status = Bulletin.Status.SENDING
    bulletin.save(update_fields=["status"])
    transaction.on_commit(partial(enqueue_pending, bulletin_id=bulletin.pk), robust=True)
    return bulletin


def enqueue_pending(*, bulletin_id, older_than=None):
    """Send the pending rows of a bulletin to the broker in chunks; returns how many were queued.

    A broker that is down is logged and left to the sweeper: the rows stay pending in the
    database, so nothing is lost.
    """
    pending = Delivery.objects.pending().filter(bulletin_id=bulletin_id)
    if older_than is not None:
        cutoff = timezone.now() - older_than
        pending = pending.filter(Q(queued_at__isnull=True) | Q(queued_at__lt=cutoff))
    ids = list(pending.order_by("pk").values_list("pk", flat=True))
    if not ids:
        mark_sent_if_done(bulletin_id)
        return 0
    queued = 0
    size = chunk_size()
    for start in range(0, len(ids), size):
        chunk = ids[start : start + size]
        # Stamped before publishing: an UPDATE after it would hold these rows' locks while the
        # worker takes them, and the worker skips locked rows (they look taken).
        rows = Delivery.objects.filter(pk__in=chunk)
        rows.update(queued_at=timezone.now())
        try:
            send_delivery_chunk.delay(chunk)
        except Exception:  # noqa: BLE001 (kombu and redis raise several kinds)
            rows.update(queued_at=None)
            logger.warning(
                "bulletin %s: broker unreachable, %s deliveries left to the sweeper",
                bulletin_id,
                len(ids) - start,
                exc_info=True,
            )
            break
        queued += len(chunk)
    return queued


def bulletin_sweep(*, older_than, claims_older_than=None) -> int:
    """Re-enqueue the pending rows of sending bulletins not queued for `older_than` (a broker
    outage, a lost task) and the rows claimed longer ago than `claims_older_than` (default:
    the claim timeout) by a task that died; mark the finished bulletins sent. Returns how many
    were queued."""
    if claims_older_than is None:
        claims_older_than = claim_timeout()
    queued = 0
    for bulletin_id in Bulletin.objects.filter(status=Bulletin.Status.SENDING).values_list(
        "pk", flat=True
    ):
        # A worker killed mid-chunk (SIGKILL, lost machine) leaves the rest of its chunk
        # claimed: back to pending, queued again below. Its task's own redelivery by the
        # broker would come only after Celery's visibility timeout, and finds nothing to do.
        released, uncertain = release_stale_claims(
            bulletin_id=bulletin_id, older_than=claims_older_than
        )
        if released or uncertain:
            logger.warning(
                "bulletin %s: %s deliveries claimed by a task that died are queued again; %s"
                " were with the mail server, possibly sent: not sent again (the back office"
                " shows them)",
                bulletin_id,
                released,
                uncertain,
            )
        queued += enqueue_pending(bulletin_id=bulletin_id, older_than=older_than)
    return queued


@transaction.atomic
def release_stale_claims(*, bulletin_id, older_than) -> tuple[int, int]:
    """Of the rows of `bulletin_id` claimed longer ago than `older_than` (their task died): the
    ones never handed to the mail server go back to pending, to be sent; the ones that were
    with it become `uncertain` (`possibly_sent`), not sent again (sending.py says why).
    Returns both counts."""
    stale = Delivery.objects.filter(bulletin_id=bulletin_id).stale_claims(older_than=older_than)
    uncertain = stale.filter(status=Delivery.Status.HANDED).update(
        status=Delivery.Status.UNCERTAIN, possibly_sent=True
    )
    released = stale.update(status=Delivery.Status.PENDING, queued_at=None)
    return released, uncertain


def bulletin_resend_failures(*, bulletin) -> int:
    """Put the failed rows of a bulletin back to pending and send them again."""
    return _send_again(bulletin, Delivery.Status.FAILED)


def bulletin_resend_possibly_sent(*, bulletin) -> int:
    """Send again the rows whose worker died while the mail server may have been accepting
    them (`uncertain`): an officer's choice, since a recipient who had it receives a second
    copy (with the same Message-ID, which some mail systems recognise as a repeat)."""
    return _send_again(bulletin, Delivery.Status.UNCERTAIN)


@transaction.atomic
def _send_again(bulletin, status) -> int:
    count = (
        Delivery.objects.filter(bulletin=bulletin, status=status)
        .exclude(email__in=Suppression.objects.values("email"))
        .update(status=Delivery.Status.PENDING, last_error="", queued_at=None)
    )
    if count:
        Bulletin.objects.filter(pk=bulletin.pk).update(status=Bulletin.Status.SENDING)
        transaction.on_commit(partial(enqueue_pending, bulletin_id=bulletin.pk), robust=True)
    return count


# --- recipients' choices ------------------------------------------------------------------------
@transaction.atomic
def address_suppress(*, email, reason) -> Suppression:
    """Never mail `email` again (the portal's one suppression list, members.suppressions):
    contacts stop receiving the bulletin, pending rows are skipped."""
    email = normalise_email(email)
    suppression = suppression_record(email=email, reason=reason)
    contacts_with_email(email).filter(receives_bulletin=True).update(receives_bulletin=False)
    Delivery.objects.pending().filter(email=email).update(status=Delivery.Status.SKIPPED)
    return suppression


def address_unsubscribe(*, email) -> Suppression:
    return address_suppress(email=email, reason=Suppression.Reason.UNSUBSCRIBED)


@transaction.atomic
def address_change_language(*, email, language) -> int:
    """The bulletin's language for every contact and subscriber with this address."""
    email = normalise_email(email)
    language = language_or_default(language)
    count = contacts_with_email(email).update(preferred_language=language)
    count += Subscriber.objects.filter(email=email).update(language=language)
    return count


# What each report of the mail provider makes of the deliveries it names: the message bounced,
# or its reader marked it as spam; one who unsubscribed at the provider had received it.
REPORTED_DELIVERY_STATUS = {
    Suppression.Reason.HARD_BOUNCE: Delivery.Status.BOUNCED,
    Suppression.Reason.COMPLAINT: Delivery.Status.COMPLAINED,
    Suppression.Reason.UNSUBSCRIBED: None,
}


def address_record_provider_report(*, email, reason, message_id="") -> int:
    """The mail provider reports a hard bounce, a complaint or an unsubscribe for `email`
    (bulletins/mail_events.py): the address is suppressed, and the delivery of the message the
    report names (`message_id`: ours, or the provider's own) is marked. Returns the number of
    deliveries marked. The same report twice changes nothing more; an address the portal
    never mailed is suppressed all the same (the provider will not deliver to it either)."""
    email = normalise_email(email)
    with transaction.atomic():
        address_suppress(email=email, reason=reason)
        status = REPORTED_DELIVERY_STATUS[reason]
        if status is None or not message_id:
            return 0
        return (
            Delivery.objects.filter(email=email, status=Delivery.Status.SENT)
            .filter(Q(message_id=message_id) | Q(provider_message_id=message_id))
            .update(status=status)
        )


# --- public subscription (double opt-in) --------------------------------------------------------
@transaction.atomic
def subscriber_request(*, email, language) -> Subscriber:
    """Record the wish and mail the confirmation link (nothing is sent before it is followed)."""
    email = normalise_email(email)
    subscriber, created = Subscriber.objects.get_or_create(
        email=email, defaults={"language": language_or_default(language)}
    )
    if not created and subscriber.confirmed_at is None:
        subscriber.language = language_or_default(language)
        subscriber.save(update_fields=["language"])
    transaction.on_commit(partial(send_subscription_confirmation.delay, subscriber.pk))
    return subscriber


@transaction.atomic
def subscriber_confirm(*, email) -> Subscriber | None:
    """The link was followed: the address receives the bulletin from the next issue on.

    An address that unsubscribed or complained may come back this way; a hard-bounced one may
    not.
    """
    email = normalise_email(email)
    subscriber = Subscriber.objects.select_for_update().filter(email=email).first()
    if subscriber is None:
        return None
    if Suppression.objects.filter(email=email, reason=Suppression.Reason.HARD_BOUNCE).exists():
        return None
    # Confirming is a new, explicit consent: it lifts an unsubscribe and a spam complaint.
    Suppression.objects.filter(
        email=email,
        reason__in=[Suppression.Reason.UNSUBSCRIBED, Suppression.Reason.COMPLAINT],
    ).delete()
    if subscriber.confirmed_at is None:
        subscriber.confirmed_at = timezone.now()
        subscriber.save(update_fields=["confirmed_at"])
    return subscriber
