"""Reads of the partnerships app: what a user may see or manage, and what other floors compose
(the monthly bulletin)."""

from members.models import Membership, Organisation, Role

from .models import Contact, CooperationActivity
from .permissions import managed_activities_condition


def activities_managed_by(user):
    """The cooperation activities `user` manages as a partner contact (a chainable queryset)."""
    return CooperationActivity.objects.filter(managed_activities_condition(user))


def public_activities_reviewed_between(start, end):
    """Public cooperation activities approved (reviewed) in [start, end), newest first, with
    their organisation."""
    return (
        CooperationActivity.objects.public()
        .filter(reviewed_at__gte=start, reviewed_at__lt=end)
        .select_related("organisation")
        .order_by("-reviewed_at", "pk")
    )


def partnerships_officer_emails():
    """E-mail addresses of the secretariat's partnerships officers."""
    return sorted(
        Membership.objects.filter(
            organisation__kind=Organisation.Kind.HOST,
            role=Role.PARTNERSHIPS,
            user__is_active=True,
        ).values_list("user__email", flat=True)
    )


def bulletin_recipient_contacts():
    """The contacts who receive the monthly bulletin: they asked for it, and their partner is
    active and in a public status (a chainable queryset, with their organisation)."""
    return Contact.objects.bulletin_recipients()


def contacts_with_email(email):
    """The partner contacts whose address is `email`, whatever its case (a chainable queryset:
    the bulletin reads and sets their bulletin choices by address)."""
    return Contact.objects.filter(email__iexact=email)
