"""The reminder of periodic reviews, mailed to the partnerships officers."""

import datetime
import logging

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from members.mail import branded_message

from ..models import Partnership
from ..selectors import partnerships_officer_emails

logger = logging.getLogger(__name__)

OFFICERS_REASON = gettext_lazy(
    "You receive this message as a partnerships officer of the secretariat of the "
    "Organisation of Educational Cooperation."
)


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
        subject = _("Partnership reviews due in the next %(days)d days: %(count)d") % {
            "days": within_days,
            "count": len(due),
        }
    branded_message(
        to=recipients,
        subject=subject,
        text_template="partnerships/email/reviews_due.txt",
        context={"partnerships": due, "today": today, "site_url": settings.OEC_SITE_URL},
        language=settings.LANGUAGE_CODE,
        reason=OFFICERS_REASON,
    ).send()
    logger.info("partnerships: %d reviews due mailed to %d officers", len(due), len(recipients))
    return len(due)
