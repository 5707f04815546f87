"""The mails of the members app, each written in its reader's language; the tasks send them."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .mail import branded_message


def invitation_send(*, invitation, token, base_url="", language=settings.LANGUAGE_CODE) -> None:
    """Mail the invitation link in `language` (the one the inviter used: the invited person is
    not a user yet). The token travels only here: the database keeps its hash."""
    with translation.override(language):
        accept_path = reverse("members:invitation_accept", kwargs={"token": token})
    branded_message(
        to=[invitation.email],
        subject_template="members/email/invitation_subject.txt",
        text_template="members/email/invitation_body.txt",
        context={
            "invitation": invitation,
            "accept_url": (base_url or settings.OEC_SITE_URL).rstrip("/") + accept_path,
        },
        language=language,
        action_label=_("Accept the invitation"),
        reason=format_lazy(
            _("You receive this message because {organisation} invited you to the portal."),
            organisation=invitation.organisation,
        ),
    ).send()


def join_request_send_answer(*, join_request) -> None:
    """Mail the focal point's answer to the visitor, in the language the visitor wrote in."""
    branded_message(
        to=[join_request.email],
        subject_template="members/email/join_answer_subject.txt",
        text_template="members/email/join_answer_body.txt",
        html_template="members/email/join_answer_body.html",
        context={"join_request": join_request},
        language=join_request.language,
        reason=format_lazy(
            _("You receive this message because you wrote to {organisation} through the portal."),
            organisation=join_request.organisation,
        ),
    ).send()
