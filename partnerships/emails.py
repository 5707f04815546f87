"""The mails of partnerships to contacts without an account (an applicant's), and the tasks
that send them after the commit: in the contact's language, never to a suppressed address."""

import smtplib

from celery import shared_task
from django.utils.translation import gettext_lazy

from members.mail import branded_message
from members.suppressions import is_suppressed

from .models import Contact


def application_acknowledgement_send(contact_id, *, language):
    """Tell the applicant, in the language of the form they used, that the application came."""
    contact = Contact.objects.select_related("organisation").get(pk=contact_id)
    if is_suppressed(contact.email):
        # The address bounced or unsubscribed before (the portal's one suppression list).
        return
    branded_message(
        to=[contact.email],
        subject_template="partnerships/email/application_acknowledgement_subject.txt",
        text_template="partnerships/email/application_acknowledgement_body.txt",
        context={"contact": contact, "organisation": contact.organisation},
        language=language,
        reason=gettext_lazy(
            "You receive this message because this address was given as the contact of an "
            "application for official partnership."
        ),
    ).send()


def admission_decision_send(contact_id, *, admitted):
    """The decision on an application, mailed to one contact without an account."""
    contact = Contact.objects.filter(pk=contact_id).select_related("organisation").first()
    if contact is None or is_suppressed(contact.email):
        return
    branded_message(
        to=[contact.email],
        subject_template="partnerships/email/admission_decision_subject.txt",
        text_template="partnerships/email/admission_decision_body.txt",
        context={
            "contact": contact,
            "organisation": contact.organisation,
            "admitted": admitted,
        },
        language=contact.preferred_language,
        reason=gettext_lazy(
            "You receive this message because this address is a contact of an application "
            "for official partnership."
        ),
    ).send()


# A mail server that cannot be reached, or refuses for now: try again later, five times.
MAIL_RETRY = {
    "acks_late": True,
    "reject_on_worker_lost": True,
    "autoretry_for": (smtplib.SMTPException, OSError),
    "retry_backoff": 60,
    "max_retries": 5,
}


@shared_task(**MAIL_RETRY)
def send_application_acknowledgement(contact_id, language):
    """Tell the applicant that the application came (services/applications.py)."""
    application_acknowledgement_send(contact_id, language=language)


@shared_task(**MAIL_RETRY)
def send_admission_decision(contact_id, admitted):
    """The decision on the application, to one contact without an account."""
    admission_decision_send(contact_id, admitted=admitted)
