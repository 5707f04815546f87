"""What a user may see of the members app, for views and the other apps."""

from .models import Organisation
from .permissions import organisation_visibility_condition


def organisations_visible_to(user):
    """The organisations `user` may see (members.permissions): a chainable queryset."""
    return Organisation.objects.filter(organisation_visibility_condition(user))
