"""The reminder of periodic reviews, mailed to the partnerships officers."""

import datetime
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ..models import Partnership
from ..selectors import partnerships_officer_emails

logger = logging.getLogger(__name__)


def reviews_due_notify(*, today: datetime.date | None = None, within_days: int = 60) -> int:
    """E-mail the partnerships officers the periodic reviews due within `within_days`.

    Returns how many partnerships the e-mail listed (0: nothing due or nobody to tell).
    """
    today = today or timezone.localdate()
    due = list(Partnership.objects.reviews_due(today=today, within_days=within_days))
    recipients = partnerships_officer_emails()
    if not due or not recipients:
        return 0
    # The secretariat's working language (as for the other officers' mails), its dates included:
    # a beat task has no request to take a language from.
    with translation.override(settings.LANGUAGE_CODE):
        send_mail(
            subject=_("Partnership reviews due in the next %(days)d days: %(count)d")
            % {"days": within_days, "count": len(due)},
            message=render_to_string(
                "partnerships/email/reviews_due.txt",
                {"partnerships": due, "today": today, "site_url": settings.OEC_SITE_URL},
            ),
            from_email=None,
            recipient_list=recipients,
        )
    logger.info("partnerships: %d reviews due mailed to %d officers", len(due), len(recipients))
    return len(due)
