"""Celery tasks of the bulletin: thin, they take ids and call the services.

Every task here is idempotent: with acks_late and reject_on_worker_lost (settings) a task may run
again after a crash or a visibility timeout, and the delivery ledger makes that harmless.
"""

import datetime

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from . import services
from .models import Subscriber
from .sending import ChunkSender


@shared_task
def compose_monthly_bulletin():
    """Beat: days 1-3 of each month at 08:00 Europe/Zurich; composes from the first working day."""
    today = timezone.localdate()
    if not services.bulletin_is_due(today):
        return None
    return services.bulletin_compose(month=today.replace(day=1)).pk


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    # Chunk tasks per second (per worker), e.g. "10/s"; None sends as fast as the server takes.
    rate_limit=settings.OEC_BULLETIN_SEND_RATE_LIMIT,
)
def send_delivery_chunk(self, delivery_ids):
    """Send the pending deliveries among `delivery_ids`; retry the transient failures with an
    exponential backoff, and mark them failed after the last retry."""
    max_retries = settings.OEC_BULLETIN_MAX_RETRIES
    final = self.request.retries >= max_retries
    sender = ChunkSender(final_attempt=final)
    transient = sender.send(list(delivery_ids))
    if transient:
        backoff = settings.OEC_BULLETIN_RETRY_BACKOFF
        raise self.retry(
            args=[transient], countdown=backoff * 2**self.request.retries, max_retries=max_retries
        )
    return dict(sender.outcomes)  # in the worker's log: what happened to the chunk


@shared_task
def sweep_pending_deliveries():
    """Beat, every few minutes: re-enqueue pending rows that no task has taken for a while,
    and rows whose claim is older than the claim timeout (their task's worker died)."""
    minutes = settings.OEC_BULLETIN_SWEEP_AFTER_MINUTES
    return services.bulletin_sweep(older_than=datetime.timedelta(minutes=minutes))


@shared_task
def send_subscription_confirmation(subscriber_id):
    subscriber = Subscriber.objects.filter(pk=subscriber_id, confirmed_at__isnull=True).first()
    if subscriber is None:  # confirmed or gone meanwhile
        return
    services.subscription_confirmation_send(subscriber=subscriber)
