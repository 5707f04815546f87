from celery import shared_task

from .emails import send_admission_decision, send_application_acknowledgement
from .services.reviews import reviews_due_notify

# Celery finds tasks in each app's tasks.py: the mails' live beside their work (emails.py),
# where the services that queue them import them without importing the services back.
__all__ = ["email_reviews_due", "send_admission_decision", "send_application_acknowledgement"]


@shared_task
def email_reviews_due():
    """Daily (beat, 07:00 Europe/Zurich): announce the periodic reviews due in the next 60 days,
    once per review date (the name stays: the beat schedule's row names it)."""
    return reviews_due_notify(within_days=60)
