"""The mails of the members app, each written in its reader's language; the tasks send them."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .models import Role


def invitation_send(*, invitation, token, base_url="") -> None:
    """Mail the invitation link. The token travels only here: the database keeps its hash."""
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


def join_request_notify_focal_points(*, join_request) -> int:
    """Mail the request to the focal points of ITS organisation; returns how many were mailed."""
    recipients = list(
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__organisation=join_request.organisation_id,
            memberships__role=Role.FOCAL_POINT,
        )
        .order_by("email")
        .values_list("email", flat=True)
    )
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "join_request": join_request,
            "request_url": settings.OEC_SITE_URL
            + reverse("members:join_request_detail", kwargs={"pk": join_request.pk}),
        }
        # One line whatever the visitor typed (a line break in a header is refused by Django).
        subject = " ".join(
            render_to_string("members/email/join_request_subject.txt", context).split()
        )
        body = render_to_string("members/email/join_request_body.txt", context)
    # One message per person: focal points do not see each other's addresses.
    for recipient in recipients:
        send_mail(subject=subject, message=body, from_email=None, recipient_list=[recipient])
    return len(recipients)


def join_request_send_answer(*, join_request) -> None:
    """Mail the focal point's answer to the visitor, in the language the visitor wrote in."""
    with translation.override(join_request.language):
        context = {"join_request": join_request}
        send_mail(
            subject=" ".join(
                render_to_string("members/email/join_answer_subject.txt", context).split()
            ),
            message=render_to_string("members/email/join_answer_body.txt", context),
            from_email=None,
            recipient_list=[join_request.email],
        )
