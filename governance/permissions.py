"""Who may see which document, decision and delegation: THE governance policy.

The same rules are written twice on purpose, once for one object (`rules` predicates, for
`user.has_perm(...)`) and once as a query condition (for the "visible to" selectors of
selectors.py); the test suite checks that both agree for every role and access class.
"""

import rules
from django.db.models import Q

from members.permissions import (
    is_conference_officer,
    is_focal_point_of,
    is_member_user,
    is_member_user_of,
    is_secretariat,
    member_organisation_ids,
    memberships_of,
)

from .models import Deadline, Document

# --- Documents ---------------------------------------------------------------------------------


def document_visibility_condition(user):
    """The Q() of the documents `user` may see (see the module docstring)."""
    if is_secretariat(user):
        return Q()
    condition = Q(access=Document.Access.PUBLIC)
    if is_member_user(user):
        condition |= Q(access=Document.Access.MEMBERS)
    own = set(memberships_of(user))
    if own:
        # A subquery, not a join: no duplicate rows, so callers need no distinct().
        restricted_ids = Document.restricted_to.through.objects.filter(
            organisation_id__in=own
        ).values("document_id")
        condition |= Q(access=Document.Access.RESTRICTED, pk__in=restricted_ids)
    return condition


@rules.predicate
def can_view_document(user, document):
    if document is None:
        return False
    access = document.access
    if access == document.Access.PUBLIC or is_secretariat(user):
        return True
    if access == document.Access.MEMBERS:
        return is_member_user(user)
    if access == document.Access.RESTRICTED:
        # all() uses the prefetched organisations when the queryset prefetched them.
        allowed = {organisation.pk for organisation in document.restricted_to.all()}
        return bool(allowed & set(memberships_of(user)))
    return False


# --- Decisions ---------------------------------------------------------------------------------


def decision_visibility_condition(user):
    if is_secretariat(user) or is_member_user(user):
        return Q()
    return Q(is_public=True)


@rules.predicate
def can_view_decision(user, decision):
    if decision is None:
        return False
    return decision.is_public or is_secretariat(user) or is_member_user(user)


# --- Meetings and deadlines (the calendars) ---------------------------------------------------


def meeting_visibility_condition(user):
    """Open meetings for everyone; closed ones for member users and the secretariat."""
    if is_secretariat(user) or is_member_user(user):
        return Q()
    return Q(is_closed=False)


def deadline_visibility_condition(user):
    """The Q() of the deadlines `user` keeps: those of every member organisation and those
    restricted to one of the user's member organisations; all of them for the secretariat.
    Nobody else (visitors, partner contacts) has deadlines to keep."""
    if is_secretariat(user):
        return Q()
    own = member_organisation_ids(user)
    if not own:
        return Q(pk__in=[])
    # Subqueries, not joins: no duplicate rows, so callers need no distinct().
    restrictions = Deadline.restricted_to.through.objects
    ours = restrictions.filter(organisation_id__in=own).values("deadline_id")
    return ~Q(pk__in=restrictions.values("deadline_id")) | Q(pk__in=ours)


# --- Delegations -------------------------------------------------------------------------------


@rules.predicate
def can_register_delegation(user, organisation):
    """The organisation's focal point, for a founding state or associate member."""
    return (
        organisation is not None
        and organisation.is_member
        and is_focal_point_of(user, organisation)
    )


@rules.predicate
def can_change_delegation(user, delegation):
    """The focal point until the deadline and before accreditation; the secretariat always."""
    if delegation is None:
        return False
    if is_conference_officer(user):
        return True
    return (
        is_focal_point_of(user, delegation.organisation)
        and delegation.session.registration_is_open
        and delegation.status != delegation.Status.ACCREDITED
    )


@rules.predicate
def can_view_delegation(user, delegation):
    if delegation is None:
        return False
    return is_secretariat(user) or is_member_user_of(user, delegation.organisation)


# Reading on the public site. Not Django's view_document/view_decision: those are the back
# office's, below (a partnerships officer reads every document on the site, not in the admin).
rules.add_perm("governance.read_document", can_view_document)
rules.add_perm("governance.read_decision", can_view_decision)
# Following a session (its page is public) or a document series to be told of what is issued:
# signed-in people, and for a series only those who may read its document.
rules.add_perm("governance.follow_session", rules.is_authenticated)
rules.add_perm("governance.follow_document", rules.is_authenticated & can_view_document)
rules.add_perm("governance.register_delegation", can_register_delegation)
rules.add_perm("governance.edit_delegation", can_change_delegation)
rules.add_perm("governance.view_own_delegation", can_view_delegation)
# The session's registration deadline in a person's calendar: those who may register, or keep
# track of, a delegation.
rules.add_perm("governance.keep_registration_deadline", is_member_user | is_secretariat)
# The list of accredited delegations of a session: members and the secretariat, not the public.
rules.add_perm("governance.view_accredited_delegations", is_member_user | is_secretariat)
# A session's list of participants: everyone once the secretariat published it; before that,
# the provisional list, members and the secretariat. The credentials committee's report: the same.
rules.add_perm(
    "governance.view_participants",
    rules.predicate(lambda user, session: session is not None and session.participants_published)
    | is_member_user
    | is_secretariat,
)
rules.add_perm("governance.view_provisional_participants", is_member_user | is_secretariat)
rules.add_perm("governance.view_credentials_report", is_member_user | is_secretariat)
# The back office of sessions, agenda, documents, decisions and delegations.
rules.add_perm("governance.manage_conference", is_conference_officer)

# The Django admin (the secretariat's back office) asks these, with and without an object:
# conference services run every governance page of it (administrators hold that role).
rules.add_perm("governance", is_conference_officer)
for _model in (
    "organ",
    "assemblysession",
    "agendaitem",
    "document",
    "documentfile",
    "decision",
    "vote",
    "delegation",
    "delegationmember",
    "officeholder",
    "meeting",
    "deadline",
):
    for _action in ("view", "add", "change", "delete"):
        rules.add_perm(f"governance.{_action}_{_model}", is_conference_officer)
# Check-ins are made and taken back on the check-in page (attendance_views.py), where taking one
# back keeps a recorded vote's member present: the back office reads them only.
rules.add_perm("governance.view_attendance", is_conference_officer)
for _action in ("add", "change", "delete"):
    rules.add_perm(f"governance.{_action}_attendance", rules.always_deny)
# A person's calendar secret is theirs: the back office neither reads nor writes it.
for _action in ("view", "add", "change", "delete"):
    rules.add_perm(f"governance.{_action}_calendarfeed", rules.always_deny)
# The audit trail of document downloads is read, never written by hand.
rules.add_perm("governance.view_documentdownload", is_conference_officer)
for _action in ("add", "change", "delete"):
    rules.add_perm(f"governance.{_action}_documentdownload", rules.always_deny)
# Bulk import and export (governance/resources.py), and documents uploaded in batches.
for _model in ("officeholder", "delegation"):
    for _action in ("import", "export"):
        rules.add_perm(f"governance.{_action}_{_model}", is_conference_officer)
rules.add_perm("governance.upload_document_batch", is_conference_officer)
