"""Mails sent after the commit: each task re-reads its row and hands it to members.emails."""

from celery import shared_task
from django.conf import settings

from .emails import invitation_send, join_request_notify_focal_points, join_request_send_answer
from .models import Invitation, JoinRequest


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
def send_join_request_notification(join_request_id):
    """Tell the focal points of the request's organisation that a visitor wrote to them."""
    join_request = JoinRequest.objects.select_related("organisation").filter(pk=join_request_id)
    join_request = join_request.first()
    if join_request is None:  # deleted meanwhile: nothing to say
        return 0
    return join_request_notify_focal_points(join_request=join_request)


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
