from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from members.models import Membership, Role

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
        Membership.objects.filter(
            organisation=delegation.organisation, role=Role.FOCAL_POINT
        ).values_list("user__email", flat=True)
    )
    if not recipients:
        return
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "delegation": delegation,
            "url": settings.OEC_SITE_URL
            + reverse("governance:delegation", kwargs={"number": delegation.session.number}),
        }
        send_mail(
            subject=render_to_string(
                "governance/email/delegation_decision_subject.txt", context
            ).strip(),
            message=render_to_string("governance/email/delegation_decision_body.txt", context),
            from_email=None,
            recipient_list=recipients,
        )


# The reading itself stops a slow file after a minute (governance.text_extraction); these limits
# are the worker's backstop.
@shared_task(soft_time_limit=180, time_limit=240)
def extract_document_file_text(document_file_id, force=False):
    """Read the text of a language file for full-text search (idempotent)."""
    document_file_text_read(document_file_id=document_file_id, force=force)
