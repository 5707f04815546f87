"""Celery tasks of the bulletin: thin, they take ids and call the services.

Every task here is idempotent: with acks_late and reject_on_worker_lost (settings) a task may run
again after a crash or a visibility timeout, and the delivery ledger makes that harmless.

The tasks the services enqueue live beside the work they run, and are imported here, where
Celery looks for them: sending a chunk of deliveries (sending.py) and the subscription's
confirmation mail (confirmation_mail.py). So the services, which this module's tasks run,
never import this module.
"""

import datetime

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from . import services
from .confirmation_mail import send_subscription_confirmation
from .sending import send_delivery_chunk

__all__ = [
    "compose_monthly_bulletin",
    "send_delivery_chunk",
    "send_subscription_confirmation",
    "sweep_pending_deliveries",
]


@shared_task
def compose_monthly_bulletin():
    """Beat: days 1-3 of each month at 08:00 Europe/Zurich; composes from the first working day."""
    today = timezone.localdate()
    if not services.bulletin_is_due(today):
        return None
    return services.bulletin_compose(month=today.replace(day=1)).pk


@shared_task
def sweep_pending_deliveries():
    """Beat, every few minutes: re-enqueue pending rows that no task has taken for a while,
    and rows whose claim is older than the claim timeout (their task's worker died)."""
    minutes = settings.OEC_BULLETIN_SWEEP_AFTER_MINUTES
    return services.bulletin_sweep(older_than=datetime.timedelta(minutes=minutes))
