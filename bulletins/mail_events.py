"""What the mail provider reports about the messages it took (django-anymail's tracking).

The tracking webhooks (bulletins/webhooks.py) turn each provider's report into anymail's
`tracking` signal; `record_tracking_event`, its one receiver (connected in apps.py), does the
same for every provider: a hard bounce, a complaint (the reader marked the message as spam) or
an unsubscribe at the provider suppresses the address and marks the delivery the report names
(services.address_record_provider_report). Everything else (a soft bounce, a deferral, a
delivery, an open) is only logged. A report for an address the portal does not know, or the
same report twice, is never an error: the provider would send it again and again.
"""

import logging

from anymail.signals import EventType
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from members.models import Suppression

from . import services

logger = logging.getLogger(__name__)

REASONS = {
    EventType.BOUNCED: Suppression.Reason.HARD_BOUNCE,
    EventType.COMPLAINED: Suppression.Reason.COMPLAINT,
    EventType.UNSUBSCRIBED: Suppression.Reason.UNSUBSCRIBED,
}


def is_hard_bounce(event, esp_name):
    """Anymail reports as "bounced" some bounces that its provider calls soft (a full mailbox,
    a server that refused for now): only a permanent one suppresses the address. Mailgun's
    temporary failures already reach anymail as "deferred"."""
    raw = event.esp_event if isinstance(event.esp_event, dict) else {}
    if esp_name == "Amazon SES":
        return raw.get("bounce", {}).get("bounceType") == "Permanent"
    if esp_name == "Postmark":  # a bounce's Type, or why a SubscriptionChange suppressed it
        return "HardBounce" in (raw.get("Type"), raw.get("SuppressionReason"))
    if esp_name == "Brevo":
        return raw.get("event") in ("hard_bounce", "invalid_email")
    if esp_name == "SendGrid":  # "blocked": the receiving server refused it, for now
        return raw.get("type") != "blocked"
    return True


def record_tracking_event(sender, event, esp_name, **kwargs):
    """anymail.signals.tracking's receiver: one provider's report about one recipient."""
    event_type = event.event_type
    raw = event.esp_event if isinstance(event.esp_event, dict) else {}
    if esp_name == "Brevo" and raw.get("event") == "unsubscribed":
        # Brevo's documentation names it so; anymail 15 knows only "unsubscribe".
        event_type = EventType.UNSUBSCRIBED
    reason = REASONS.get(event_type)
    if reason is None:
        logger.info("mail provider %s reported %s, nothing changed", esp_name, event_type)
        return
    if reason == Suppression.Reason.HARD_BOUNCE and not is_hard_bounce(event, esp_name):
        logger.info("mail provider %s reported a soft bounce, nothing changed", esp_name)
        return
    try:
        validate_email(event.recipient or "")
    except ValidationError:
        logger.warning("mail provider %s reported %s without a valid address", esp_name, reason)
        return
    marked = services.address_record_provider_report(
        email=event.recipient, reason=reason, message_id=event.message_id or ""
    )
    logger.info("mail provider %s reported %s: address suppressed, deliveries marked: %d",
                esp_name, reason, marked)  # fmt: skip
