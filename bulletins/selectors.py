"""Reads of the bulletin app that its views show (DESIGN.md: selectors own reads)."""

from django.conf import settings

from members.models import normalise_email
from partnerships.selectors import contacts_with_email

from .models import Bulletin, Subscriber


def bulletin_language_of(*, email) -> str:
    """The language in which `email` chose to receive the bulletin: a public subscriber's, else
    a partner contact's (the preferences page sets both), else the portal's default.

    Pages reached from a bulletin without a language prefix (one-click unsubscribe) speak it.
    """
    email = normalise_email(email)
    languages = {code for code, _name in settings.LANGUAGES}
    chosen = Subscriber.objects.filter(email=email).values_list("language", flat=True).first()
    if chosen not in languages:
        chosen = (
            contacts_with_email(email)
            .order_by("-receives_bulletin", "pk")
            .values_list("preferred_language", flat=True)
            .first()
        )
    return chosen if chosen in languages else settings.LANGUAGE_CODE


def bulletins_awaiting_approval_count() -> int:
    """Composed bulletins waiting for a partnerships officer's approval."""
    return Bulletin.objects.filter(status=Bulletin.Status.AWAITING_APPROVAL).count()
