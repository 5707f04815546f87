"""The mails of the members app, each written in its reader's language; the tasks send them."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .mail import branded_message, language_of
from .models import Role


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


def join_request_notify_focal_points(*, join_request) -> int:
    """Mail the request to the focal points of ITS organisation, each in their language;
    returns how many were mailed."""
    recipients = list(
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__organisation=join_request.organisation_id,
            memberships__role=Role.FOCAL_POINT,
        )
        .order_by("email")
    )
    # One message per person: focal points do not see each other's addresses.
    for recipient in recipients:
        language = language_of(recipient)
        with translation.override(language):
            request_url = settings.OEC_SITE_URL + reverse(
                "members:join_request_detail", kwargs={"pk": join_request.pk}
            )
        branded_message(
            to=[recipient.email],
            subject_template="members/email/join_request_subject.txt",
            text_template="members/email/join_request_body.txt",
            context={"join_request": join_request, "request_url": request_url},
            language=language,
            reason=focal_point_reason(join_request.organisation),
        ).send()
    return len(recipients)


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


def focal_point_reason(organisation):
    """Why a focal point receives a mail about their organisation (translated when rendered,
    the organisation's name too)."""
    return format_lazy(
        _("You receive this message as a focal point of {organisation} on the portal."),
        organisation=organisation,
    )
