from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy

from members.emails import focal_point_reason
from members.mail import branded_message, language_of
from members.models import Role

from .document_texts import document_file_text_read
from .models import Delegation


@shared_task
def send_delegation_decision_email(delegation_id):
    """Tell the organisation's focal points that their delegation was accredited or returned."""
    delegation = (
        Delegation.objects.select_related("session__organ", "organisation")
        .filter(
            pk=delegation_id, status__in=[Delegation.Status.ACCREDITED, Delegation.Status.RETURNED]
        )
        .first()
    )
    if delegation is None:  # changed back meanwhile: nothing to announce
        return
    recipients = list(
        get_user_model()
        .objects.filter(
            memberships__organisation=delegation.organisation,
            memberships__role=Role.FOCAL_POINT,
        )
        .order_by("email")
    )
    for recipient in recipients:
        language = language_of(recipient)
        with translation.override(language):
            url = settings.OEC_SITE_URL + reverse(
                "governance:delegation", kwargs={"number": delegation.session.number}
            )
        branded_message(
            to=[recipient.email],
            subject_template="governance/email/delegation_decision_subject.txt",
            text_template="governance/email/delegation_decision_body.txt",
            context={"delegation": delegation, "url": url},
            language=language,
            action_label=gettext_lazy("See your delegation"),
            reason=focal_point_reason(delegation.organisation),
        ).send()


# The reading itself stops a slow file after a minute (governance.text_extraction); these limits
# are the worker's backstop.
@shared_task(soft_time_limit=180, time_limit=240)
def extract_document_file_text(document_file_id, force=False):
    """Read the text of a language file for full-text search (idempotent)."""
    document_file_text_read(document_file_id=document_file_id, force=force)
