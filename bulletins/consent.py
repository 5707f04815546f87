"""Subscribers the secretariat brings in from a list (the back office's import): the consent
each one gave is recorded with the address, and the double opt-in applies as it does to the
portal's form: the confirmation link is mailed after the commit, and nothing else is sent
before it is followed.
"""

from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import normalise_email
from members.suppressions import is_suppressed

from .confirmation_mail import send_subscription_confirmation
from .models import Subscriber


def subscriber_import_check(*, subscriber: Subscriber):
    """Refuse (ValidationError) a subscriber that may not be saved by an import: one without a
    record of consent (unless its owner confirmed already), or a suppressed address."""
    errors = {}
    if subscriber.confirmed_at is None:
        if not (subscriber.consent_evidence or "").strip():
            errors["consent_evidence"] = _("Say where and how the person asked for the bulletin.")
        if subscriber.consented_on is None:
            errors["consented_on"] = _("Give the date on which the person asked for it.")
        elif subscriber.consented_on > timezone.localdate():
            errors["consented_on"] = _("The date of consent cannot be in the future.")
    # Only its owner may undo an unsubscribe, a complaint or a bounce (by confirming again).
    if is_suppressed(subscriber.email):
        errors["email"] = _(
            "This address asked not to be mailed, or cannot be: it cannot be subscribed by an "
            "import."
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def subscriber_import(*, subscriber: Subscriber, recorded_by=None) -> Subscriber:
    """Save an imported subscriber with its record of consent; mail the confirmation link to
    an address not confirmed yet. A confirmed subscriber keeps its confirmation and consent
    record, and only its language changes."""
    subscriber.email = normalise_email(subscriber.email)
    subscriber_import_check(subscriber=subscriber)
    if subscriber.pk and subscriber.confirmed_at is not None:
        subscriber.save(update_fields=["language"])
        return subscriber
    subscriber.consent_source = Subscriber.ConsentSource.IMPORT
    subscriber.consent_recorded_by = recorded_by
    subscriber.save()
    transaction.on_commit(partial(send_subscription_confirmation.delay, subscriber.pk))
    return subscriber
