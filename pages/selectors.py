"""What a user may see of the pages, for views and the other apps."""

from .models import Page
from .permissions import page_visibility_condition


def pages_visible_to(user):
    """The pages `user` may see (pages.permissions): a chainable queryset."""
    return Page.objects.filter(page_visibility_condition(user))
