"""Reads of notifications that the portal shows."""

from members.models import Notification


def notifications_of(user):
    """The person's notifications, newest first, with their event and organisation."""
    return Notification.objects.for_user(user)


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
