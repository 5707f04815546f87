"""The one suppression list's use cases: every app that mails asks and writes it here."""

from django.db import transaction

from .models.suppressions import Suppression, normalise_email

# A graver reason replaces a lighter one: a hard bounce of an address that unsubscribed keeps it
# from subscribing again, an unsubscribe never lifts a hard bounce.
SUPPRESSION_GRAVITY = {reason: rank for rank, reason in enumerate(Suppression.Reason)}


def is_suppressed(email) -> bool:
    return Suppression.objects.of(email).exists()


@transaction.atomic
def address_suppress(*, email, reason) -> Suppression:
    """Put `email` on the list (or make its reason graver); returns its row."""
    email = normalise_email(email)
    suppression, created = Suppression.objects.select_for_update().get_or_create(
        email=email, defaults={"reason": reason}
    )
    if not created and SUPPRESSION_GRAVITY[reason] > SUPPRESSION_GRAVITY[suppression.reason]:
        suppression.reason = reason
        suppression.save(update_fields=["reason"])
    return suppression
