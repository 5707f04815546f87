"""Celery tasks of notifications: thin and idempotent (acks_late, see bulletins/tasks.py); the
ledger in delivery.py makes running one twice harmless. members/tasks.py imports them, where
Celery looks."""

import datetime

from celery import shared_task
from django.utils import timezone

from . import delivery


@shared_task(acks_late=True, reject_on_worker_lost=True)
def send_notification_mails(notification_ids):
    """Mail the rows of one event that wait for it (each row at most once)."""
    return delivery.send_notification_mails(notification_ids)


@shared_task
def send_daily_digests():
    """Beat, daily at 18:00 Europe/Zurich: one digest per person who has something waiting."""
    day = timezone.localdate()
    for user_id in delivery.digest_recipients():
        send_digest.delay(user_id, day.isoformat())


@shared_task(acks_late=True, reject_on_worker_lost=True)
def send_digest(user_id, day):
    digest = delivery.send_digest(user_id=user_id, day=datetime.date.fromisoformat(day))
    return digest.pk if digest else None


@shared_task
def sweep_notification_mails():
    """Beat, every 10 minutes: mail the rows no task took (broker down, worker died)."""
    ids = delivery.sweep()
    if ids:
        send_notification_mails.delay(ids)
    return len(ids)
