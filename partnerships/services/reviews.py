"""The announcement of periodic reviews: once per review date, to the partnerships officers and
to the partner's contacts, through the notifications core (a daily beat task)."""

import datetime
import logging

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from ..models import Partnership
from .notices import review_due_notify

logger = logging.getLogger(__name__)


def reviews_due_notify(*, today: datetime.date | None = None, within_days: int = 60) -> int:
    """Announce each periodic review due within `within_days` that was not announced for its
    date yet; returns how many were announced now (run again the same day: 0)."""
    today = today or timezone.localdate()
    announced = sum(
        review_due_announce(partnership=partnership)
        for partnership in Partnership.objects.reviews_due(today=today, within_days=within_days)
    )
    if announced:
        logger.info("partnerships: %d periodic reviews announced", announced)
    return announced


@transaction.atomic
def review_due_announce(*, partnership: Partnership) -> int:
    """Announce the partnership's coming review unless its date was announced already (1 if
    announced now, else 0). The conditional update claims the date: two runs at once announce
    it once."""
    claimed = (
        Partnership.objects.filter(pk=partnership.pk, next_review_on=partnership.next_review_on)
        .filter(Q(review_announced_for__isnull=True) | ~Q(review_announced_for=F("next_review_on")))
        .update(review_announced_for=partnership.next_review_on)
    )
    if not claimed:
        return 0
    review_due_notify(partnership=partnership)
    return 1
