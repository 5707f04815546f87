import smtplib

from celery import shared_task

from . import services

# A mail server that cannot be reached, or refuses for now: try again later, five times.
MAIL_RETRY = {
    "acks_late": True,
    "reject_on_worker_lost": True,
    "autoretry_for": (smtplib.SMTPException, OSError),
    "retry_backoff": 60,
    "max_retries": 5,
}


@shared_task
def email_reviews_due():
    """Daily (beat, 07:00 Europe/Zurich): announce the periodic reviews due in the next 60 days,
    once per review date (the name stays: the beat schedule's row names it)."""
    return services.reviews_due_notify(within_days=60)


@shared_task(**MAIL_RETRY)
def send_application_acknowledgement(contact_id, language):
    """Tell the applicant that the application came (services/applications.py)."""
    services.application_acknowledgement_send(contact_id, language=language)


@shared_task(**MAIL_RETRY)
def send_admission_decision(contact_id, admitted):
    """The decision on the application, to one contact without an account."""
    services.admission_decision_send(contact_id, admitted=admitted)
