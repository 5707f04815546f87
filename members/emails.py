"""The mails of the members app, each written in its reader's language; the tasks send them."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation


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
