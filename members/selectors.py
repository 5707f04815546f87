"""What a user may see of the members app, for views and the other apps."""

from django.db.models import Func, IntegerField, OuterRef, Subquery

from .models import Invitation, JoinRequest, Membership, Organisation, TeamMember
from .permissions import organisation_visibility_condition


def organisations_visible_to(user):
    """The organisations `user` may see (members.permissions): a chainable queryset."""
    return Organisation.objects.filter(organisation_visibility_condition(user))


def count_of(queryset):
    """A scalar subquery counting `queryset`'s rows, to annotate an outer query with several
    counts at once (a JOIN per count would multiply the rows)."""
    return Subquery(
        # annotate() then values(): modeltranslation's values() with an expression would add
        # the translated columns to the subquery.
        queryset.order_by().annotate(rows=Func("pk", function="COUNT")).values("rows"),
        output_field=IntegerField(),
    )


def organisation_workload(organisation):
    """What waits for the people of `organisation` (the dashboard's tiles), in one query:
    join requests not yet answered, its people, invitations not yet accepted, its team."""
    own = OuterRef("pk")
    return (
        Organisation.objects.filter(pk=organisation.pk)
        .values(
            join_requests_waiting=count_of(
                JoinRequest.objects.filter(organisation=own, status=JoinRequest.Status.NEW)
            ),
            people=count_of(Membership.objects.filter(organisation=own)),
            invitations_pending=count_of(Invitation.objects.pending().filter(organisation=own)),
            team=count_of(TeamMember.objects.filter(organisation=own)),
        )
        .get()
    )
