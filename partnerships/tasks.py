from celery import shared_task

from . import services


@shared_task
def email_reviews_due():
    """Daily (beat, 07:00 Europe/Zurich): announce the periodic reviews due in the next 60 days,
    once per review date (the name stays: the beat schedule's row names it)."""
    return services.reviews_due_notify(within_days=60)
