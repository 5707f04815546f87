"""Mailing notifications through their ledger: each row is claimed by one task before its mail
leaves and marked after, so a task that runs twice (a redelivery, a sweep) sends nothing twice.

The same goes for digests: one NotificationDigest row per person and day (unique) is written
before the digest leaves; a second run of the day finds it and sends nothing.
"""

import email.policy
import logging
from datetime import timedelta

from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.utils import timezone

from members.models import Notification, NotificationDigest, Suppression, User

from .rendering import render_digest, render_mail

logger = logging.getLogger(__name__)

Status = Notification.MailStatus


class NotificationMessage(EmailMultiAlternatives):
    """Long headers (List-Unsubscribe's URL) folded, never RFC 2047-encoded: mail clients would
    not read an encoded one as a URL (bulletins/sending.py has the same reason)."""

    def message(self, *, policy=email.policy.default):
        return super().message(policy=policy.clone(max_line_length=998))


def build_message(mail, *, to) -> NotificationMessage:
    message = NotificationMessage(
        subject=mail.subject,
        body=mail.text,
        to=[to],
        headers={
            # RFC 8058: the mail client's one-click "unsubscribe" stops these e-mails.
            "List-Unsubscribe": f"<{mail.stop_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Content-Language": mail.language,
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(mail.html, "text/html")
    return message


def claim(notification_ids) -> list[Notification]:
    """Take the rows among `notification_ids` that wait for their mail; another task running
    at the same time gets none of them (SKIP LOCKED), a later one finds them taken."""
    with transaction.atomic():
        ids = list(
            Notification.objects.select_for_update(skip_locked=True)
            .filter(pk__in=notification_ids, mail_status=Status.PENDING)
            .values_list("pk", flat=True)
        )
        Notification.objects.filter(pk__in=ids).update(
            mail_status=Status.SENDING, claimed_at=timezone.now()
        )
    return list(
        Notification.objects.filter(pk__in=ids)
        .select_related("event__organisation", "recipient")
        .order_by("pk")
    )


def _mark(notification, status, **fields):
    Notification.objects.filter(pk=notification.pk).update(mail_status=status, **fields)


def send_notification_mails(notification_ids) -> int:
    """Mail the claimable rows among `notification_ids`; returns how many were mailed."""
    notifications = claim(notification_ids)
    addresses = [n.recipient.email.lower() for n in notifications]
    suppressed = set(
        Suppression.objects.filter(email__in=addresses).values_list("email", flat=True)
    )
    sent = 0
    for notification in notifications:
        user = notification.recipient
        # The person may have changed their choice since the event was written.
        if user.notification_mail == User.NotificationMail.PORTAL_ONLY:
            _mark(notification, Status.PORTAL_ONLY)
        elif user.notification_mail == User.NotificationMail.DAILY_DIGEST:
            _mark(notification, Status.DIGEST)
        elif user.email.lower() in suppressed or not user.is_active:
            _mark(notification, Status.SKIPPED)
        else:
            try:
                build_message(render_mail(notification), to=user.email).send()
            except Exception:  # one bad row never keeps the others from going
                logger.exception("notification %s: mail failed", notification.pk)
                _mark(notification, Status.FAILED)
                continue
            _mark(notification, Status.SENT, mailed_at=timezone.now())
            sent += 1
    return sent


def sweep(*, older_than=timedelta(minutes=10)) -> list[int]:
    """The ids of rows to mail again: pending ones no task took (the broker was down when they
    were enqueued), and claims older than `older_than` (their worker died; its mail may or may
    not have left: a second copy is better than none for work waiting)."""
    cutoff = timezone.now() - older_than
    Notification.objects.filter(mail_status=Status.SENDING, claimed_at__lt=cutoff).update(
        mail_status=Status.PENDING
    )
    return list(
        Notification.objects.filter(
            mail_status=Status.PENDING, event__created_at__lt=cutoff
        ).values_list("pk", flat=True)[:1000]
    )


def digest_recipients() -> list[int]:
    """The ids of the people with notifications waiting for their digest."""
    return list(
        Notification.objects.waiting_for_digest()
        .order_by()
        .values_list("recipient_id", flat=True)
        .distinct()
    )


def send_digest(*, user_id, day) -> NotificationDigest | None:
    """Mail `user_id` the notifications waiting for their digest, once for `day`; None when
    there is nothing to send or the day's digest went already."""
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        return None
    try:
        with transaction.atomic():
            digest = NotificationDigest.objects.create(recipient=user, day=day)
            ids = list(
                Notification.objects.select_for_update(skip_locked=True)
                .filter(recipient=user, mail_status=Status.DIGEST)
                .values_list("pk", flat=True)
            )
            if not ids:
                transaction.set_rollback(True)
                return None
            Notification.objects.filter(pk__in=ids).update(
                mail_status=Status.IN_DIGEST, digest=digest
            )
    except IntegrityError:  # the day's digest exists: what came after waits for tomorrow's
        return None
    notifications = list(
        Notification.objects.filter(digest=digest)
        .select_related("event__organisation")
        .order_by("event__created_at", "pk")
    )
    if not user.is_active or Suppression.objects.of(user.email).exists():
        digest.status = NotificationDigest.Status.SKIPPED
        digest.save(update_fields=["status"])
        return digest
    try:
        build_message(render_digest(user, notifications), to=user.email).send()
    except Exception:
        logger.exception("digest %s: mail failed", digest.pk)
        digest.status = NotificationDigest.Status.FAILED
        digest.save(update_fields=["status"])
        return digest
    digest.status = NotificationDigest.Status.SENT
    digest.mailed_at = timezone.now()
    digest.save(update_fields=["status", "mailed_at"])
    return digest
