"""What a user may see of the pages, for views and the other apps."""

from django.db.models import Count, Q

from .models import Page
from .permissions import page_visibility_condition


def pages_visible_to(user):
    """The pages `user` may see (pages.permissions): a chainable queryset."""
    return Page.objects.filter(page_visibility_condition(user))


def page_counts(user, organisation):
    """{"pages", "drafts"}: how many of `organisation`'s pages `user` may read, and how many of
    them are drafts (the dashboard's tile), in one query."""
    return (
        pages_visible_to(user)
        .filter(organisation=organisation)
        .aggregate(pages=Count("pk"), drafts=Count("pk", filter=Q(status=Page.Status.DRAFT)))
    )
