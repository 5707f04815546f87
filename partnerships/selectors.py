"""Reads of the partnerships app: what a user may see or manage, and what other floors compose
(the monthly bulletin)."""

import datetime

from django.db.models import OuterRef, Q, Subquery

from members.content_cache import cached_until_rows_change, once_per_request
from members.selectors import count_of

from .models import Contact, CooperationActivity, Partnership, Status
from .permissions import managed_activities_condition


def terms_of(model):
    """Every term of a reference list (FieldOfCompetence, FunctionalArea) in its order, kept
    until one of them changes: the partner database's filters offer them all, and it names its
    cards' fields of competence with them, on every page rebuilt after an edit (issue 19)."""
    name = f"terms:{model._meta.label_lower}"
    return once_per_request(
        name,
        lambda: cached_until_rows_change(name, [model], compute=lambda: list(model.objects.all())),
    )


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


def bulletin_recipient_contacts():
    """The contacts who receive the monthly bulletin: they asked for it, and their partner is
    active and in a public status (a chainable queryset, with their organisation)."""
    return Contact.objects.bulletin_recipients()


def contacts_with_email(email):
    """The partner contacts whose address is `email`, whatever its case (a chainable queryset:
    the bulletin reads and sets their bulletin choices by address)."""
    return Contact.objects.filter(email__iexact=email)


def partner_workspace(user, organisation):
    """The partner's own record for its contact's dashboard, in one query (None when
    `organisation` is no partner): its status, the activities `user` manages by status, and
    whether (and in which language) the user receives the monthly bulletin."""
    activities = activities_managed_by(user).filter(organisation=OuterRef("organisation"))
    activity = CooperationActivity.Status
    own_contact = (
        Contact.objects.filter(organisation=OuterRef("organisation"))
        .filter(Q(user=user) | Q(email__iexact=user.email))
        .order_by("-receives_bulletin", "pk")
    )
    return (
        Partnership.objects.filter(organisation=organisation)
        .annotate(
            activities_draft=count_of(activities.filter(status=activity.DRAFT)),
            activities_submitted=count_of(activities.filter(status=activity.SUBMITTED)),
            activities_approved=count_of(activities.filter(status=activity.APPROVED)),
            # A rejected activity goes back to its partner, who may correct and resubmit it.
            activities_returned=count_of(activities.filter(status=activity.REJECTED)),
            contact_email=Subquery(own_contact.values("email")[:1]),
            receives_bulletin=Subquery(own_contact.values("receives_bulletin")[:1]),
            bulletin_language=Subquery(own_contact.values("preferred_language")[:1]),
        )
        .first()
    )


def activities_awaiting_review_count():
    """Activities partners sent for approval, waiting for a partnerships officer."""
    return CooperationActivity.objects.filter(status=CooperationActivity.Status.SUBMITTED).count()


def applications_awaiting_decision_count():
    """Partnership applications not yet decided on."""
    return Partnership.objects.filter(status=Status.APPLICANT).count()


def reviews_due_count(*, today, within_days=60) -> int:
    """Running partnerships whose periodic review falls within `within_days`, or is overdue:
    the to-do of the partnerships officers until the review is recorded."""
    return (
        Partnership.objects.running()
        .filter(next_review_on__lte=today + datetime.timedelta(days=within_days))
        .count()
    )
