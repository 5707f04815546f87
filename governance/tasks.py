from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from members.models import Membership, Role

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
