from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .models import Invitation, JoinRequest


@shared_task
def send_invitation_email(invitation_id, token, base_url=""):
    """Mail the invitation link. The token travels only here: the database keeps its hash."""
    invitation = (
        Invitation.objects.pending()
        .select_related("organisation", "invited_by")
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None:  # revoked or accepted meanwhile: nothing to send
        return
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "invitation": invitation,
            "accept_url": (base_url or settings.OEC_SITE_URL)
            + reverse("members:invitation_accept", kwargs={"token": token}),
        }
        send_mail(
            subject=render_to_string("members/email/invitation_subject.txt", context).strip(),
            message=render_to_string("members/email/invitation_body.txt", context),
            from_email=None,
            recipient_list=[invitation.email],
        )


@shared_task
def send_join_request_notification(join_request_id):
    """Tell the focal points of the request's organisation that a visitor wrote to them."""
    from .services import join_request_notify_focal_points

    join_request = JoinRequest.objects.select_related("organisation").filter(pk=join_request_id)
    join_request = join_request.first()
    if join_request is None:  # deleted meanwhile: nothing to say
        return 0
    return join_request_notify_focal_points(join_request=join_request)


@shared_task
def send_join_request_answer(join_request_id):
    """Mail the focal point's answer to the visitor who wrote."""
    from .services import join_request_send_answer

    join_request = (
        JoinRequest.objects.select_related("organisation")
        .filter(pk=join_request_id)
        .exclude(answer="")
        .first()
    )
    if join_request is None:
        return
    join_request_send_answer(join_request=join_request)
