"""Mails sent after the commit: each task re-reads its row and hands it to members.emails (the
notifications' tasks are in members/notifications/tasks.py)."""

from celery import shared_task
from django.conf import settings

from .emails import invitation_send, join_request_send_answer
from .models import Invitation, JoinRequest
from .notifications.tasks import (
    send_daily_digests,
    send_digest,
    send_notification_mails,
    sweep_notification_mails,
)
from .retention import apply_retention_periods

# Celery finds tasks in each app's tasks.py: the notifications' live beside their work.
__all__ = [
    "apply_retention",
    "send_daily_digests",
    "send_digest",
    "send_invitation_email",
    "send_join_request_answer",
    "send_notification_mails",
    "sweep_notification_mails",
]


@shared_task
def send_invitation_email(invitation_id, token, base_url="", language=None):
    """Mail the invitation link (see invitation_send)."""
    invitation = (
        Invitation.objects.pending()
        .select_related("organisation", "invited_by")
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None:  # revoked or accepted meanwhile: nothing to send
        return
    invitation_send(
        invitation=invitation,
        token=token,
        base_url=base_url,
        language=language or settings.LANGUAGE_CODE,
    )


@shared_task
def send_join_request_answer(join_request_id):
    """Mail the focal point's answer to the visitor who wrote."""
    join_request = (
        JoinRequest.objects.select_related("organisation")
        .filter(pk=join_request_id)
        .exclude(answer="")
        .first()
    )
    if join_request is None:
        return
    join_request_send_answer(join_request=join_request)


@shared_task
def apply_retention():
    """Daily: delete what the privacy notice says is no longer kept (members/retention.py)."""
    return apply_retention_periods()
