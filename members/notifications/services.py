"""A person's own choices about their notifications (their writes go through here)."""

from django.db import transaction
from django.utils import timezone

from members.models import Notification, User


@transaction.atomic
def notification_preferences_update(*, user, notification_mail, language) -> User:
    """How `user` hears of notifications and the language of their mails. Leaving the daily
    digest for portal only takes the waiting ones out of tonight's digest; for "immediately",
    they still come tonight (they are the day's news, not new ones)."""
    user.notification_mail = notification_mail
    user.language = language
    user.save(update_fields=["notification_mail", "language"])
    if notification_mail == User.NotificationMail.PORTAL_ONLY:
        Notification.objects.filter(
            recipient=user,
            mail_status__in=[Notification.MailStatus.DIGEST, Notification.MailStatus.PENDING],
        ).update(mail_status=Notification.MailStatus.PORTAL_ONLY)
    return user


def notification_mail_stop(*, user) -> User:
    """The one-click link in a notification mail: portal only from now on."""
    return notification_preferences_update(
        user=user,
        notification_mail=User.NotificationMail.PORTAL_ONLY,
        language=user.language,
    )


def notifications_mark_read(*, user) -> int:
    """Mark all of the person's notifications read; returns how many were unread."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
