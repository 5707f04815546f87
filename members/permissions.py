"""The one permission policy of the portal (built on the `rules` package).

Every app asks here, through predicates and `user.has_perm("app.action", obj)`, what a user
may see or change; views never build their own permission filters. Membership rows are read
once per user object and kept on it, so a page asks the database at most once.
"""

import rules
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from .models import (
    MEMBER_ROLES,
    SECRETARIAT_ROLES,
    Membership,
    Organisation,
    Role,
    TranslationAssignment,
)

_CACHE_ATTRIBUTE = "_oec_memberships"


def audience(user):
    """Everything the policy knows of `user`: users with the same audience may see the same
    things, so what one of them was shown may be shown to the others (content_cache.py)."""
    return (bool(getattr(user, "is_authenticated", False)), *sorted(memberships_of(user).items()))


def memberships_of(user):
    """{organisation id: (role, kind)} of the user's memberships, cached on the user."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return {}
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is None:
        cached = {
            organisation_id: (role, kind)
            for organisation_id, role, kind in user.memberships.values_list(
                "organisation_id", "role", "organisation__kind"
            )
        }
        setattr(user, _CACHE_ATTRIBUTE, cached)
    return cached


def remember_memberships(users):
    """Read the memberships of many users in one query and keep each user's on it, so that
    asking the policy about each of them (a list of recipients) asks the database no more."""
    users = [user for user in users if user.is_active]
    found = {user.pk: {} for user in users}
    rows = Membership.objects.filter(user__in=list(found)).values_list(
        "user_id", "organisation_id", "role", "organisation__kind"
    )
    for user_id, organisation_id, role, kind in rows:
        found[user_id][organisation_id] = (role, kind)
    for user in users:
        setattr(user, _CACHE_ATTRIBUTE, found[user.pk])
    return users


def forget_memberships(user):
    """Drop the cached memberships after they changed (services call this)."""
    if hasattr(user, _CACHE_ATTRIBUTE):
        delattr(user, _CACHE_ATTRIBUTE)


def role_in(user, organisation):
    """The user's role in the organisation (an instance or an id), or None."""
    organisation_id = getattr(organisation, "pk", organisation)
    role_and_kind = memberships_of(user).get(organisation_id)
    return role_and_kind[0] if role_and_kind else None


def secretariat_roles(user):
    """The user's officer roles in the host organisation (a translator holds none)."""
    return {
        role
        for role, kind in memberships_of(user).values()
        if kind == Organisation.Kind.HOST and role in SECRETARIAT_ROLES
    }


def member_organisation_ids(user):
    """Ids of the founding states and associate members the user belongs to (any role)."""
    return {
        organisation_id
        for organisation_id, (_role, kind) in memberships_of(user).items()
        if kind in Organisation.MEMBER_KINDS
    }


def organisation_ids_with_role(user, *roles):
    return {
        organisation_id
        for organisation_id, (role, _kind) in memberships_of(user).items()
        if role in roles
    }


# --- Who the user is -------------------------------------------------------------------------


@rules.predicate
def is_superuser(user):
    return bool(getattr(user, "is_superuser", False)) and user.is_active


@rules.predicate
def is_secretariat(user):
    """Any member of the secretariat (the host organisation)."""
    return is_superuser(user) or bool(secretariat_roles(user))


def has_secretariat_role(*roles):
    """A predicate: the user holds one of these secretariat roles (administrators hold all)."""
    wanted = {Role.ADMINISTRATOR, *roles}

    @rules.predicate(name=f"has_secretariat_role({','.join(roles)})")
    def predicate(user):
        return is_superuser(user) or bool(secretariat_roles(user) & wanted)

    return predicate


is_secretariat_admin = has_secretariat_role()
is_communications_officer = has_secretariat_role(Role.COMMUNICATIONS)
is_conference_officer = has_secretariat_role(Role.CONFERENCE_SERVICES)
is_partnerships_officer = has_secretariat_role(Role.PARTNERSHIPS)


@rules.predicate
def is_member_user(user):
    """A user of a founding state or associate member (delegate, editor or focal point)."""
    return bool(member_organisation_ids(user))


@rules.predicate
def is_partner_contact(user):
    return bool(organisation_ids_with_role(user, Role.PARTNER_CONTACT))


@rules.predicate
def must_use_two_factor(user):
    """Secretariat staff always; focal points where the setting says so (on in production)."""
    from django.conf import settings

    if is_secretariat(user) or getattr(user, "is_staff", False):
        return True
    return settings.OEC_REQUIRE_2FA_FOR_FOCAL_POINTS and bool(
        organisation_ids_with_role(user, Role.FOCAL_POINT)
    )


# --- The user and one organisation -----------------------------------------------------------


@rules.predicate
def belongs_to(user, organisation):
    return role_in(user, organisation) is not None


@rules.predicate
def is_focal_point_of(user, organisation):
    return role_in(user, organisation) == Role.FOCAL_POINT


@rules.predicate
def is_editor_of(user, organisation):
    return role_in(user, organisation) in (Role.FOCAL_POINT, Role.EDITOR)


@rules.predicate
def is_member_user_of(user, organisation):
    return role_in(user, organisation) in MEMBER_ROLES


@rules.predicate
def is_partner_contact_of(user, organisation):
    return role_in(user, organisation) == Role.PARTNER_CONTACT


@rules.predicate
def is_admitted_partner(user, organisation):
    return organisation is not None and organisation.is_admitted_partner


can_manage_organisation = is_focal_point_of | is_partner_contact_of | is_secretariat_admin


# Who may see an organisation (its microsite): for one (`members.read_organisation`) and for
# many (the query condition of members.selectors.organisations_visible_to); tests check that
# both agree.
@rules.predicate
def is_public_organisation(user, organisation):
    return organisation is not None and organisation.status == Organisation.Status.ACTIVE


can_read_organisation = is_public_organisation | belongs_to | is_secretariat


def organisation_visibility_condition(user):
    """The Q() of the organisations `user` may see (`can_read_organisation`): the public
    (active) ones, plus those the user belongs to; the secretariat sees all."""
    if is_secretariat(user):
        return Q()
    return Q(status=Organisation.Status.ACTIVE) | Q(pk__in=list(memberships_of(user)))


# --- The organisation the user acts for ------------------------------------------------------


@rules.predicate
def may_act_for_any_organisation(user):
    """Secretariat administrators may act for any organisation, not only their own: to invite
    the first users of one that has none yet. The middleware, the switch form and the
    `members.act_for_organisation` permission all ask here."""
    return is_secretariat_admin(user)


def organisations_to_act_for(user):
    """The organisations the user may choose to act for."""
    organisations = Organisation.objects.all()
    if not may_act_for_any_organisation(user):
        organisations = organisations.filter(memberships__user=user)
    return organisations


def access_acting_organisation(request, permission):
    """The tenant guard of every dashboard view: `request.organisation`, the organisation the
    user acts for, when the user holds `permission` for it.

    A user with no organisation to act for finds nothing here (404, as "not yours" does). A
    user who acts for their own organisation but lacks the role is refused (PermissionDenied,
    403), which the middleware logs as a security event (SECURITY.md B7).
    """
    organisation = request.organisation
    if not organisation:
        raise Http404
    if not request.user.has_perm(permission, organisation):
        raise PermissionDenied
    return organisation


# --- Translations (the overview, editor and exchange in oec_portal/translations/) ---------------


@rules.predicate
def is_translator(user):
    return bool(organisation_ids_with_role(user, Role.TRANSLATOR))


@rules.predicate
def is_assigned_translator(user, target):
    """`target` (a TranslationTarget: content type, object, language) is open work of `user`."""
    if target is None or not getattr(user, "is_authenticated", False):
        return False
    return (
        TranslationAssignment.objects.open()
        .filter(
            translator=user,
            content_type_id=target.content_type_id,
            object_id=target.object_id,
            language=target.language,
        )
        .exists()
    )


rules.add_perm("members.view_dashboard", rules.is_authenticated)
rules.add_perm("members.read_organisation", can_read_organisation)
rules.add_perm("members.act_for_organisation", belongs_to | may_act_for_any_organisation)
# Inviting and removing people: the organisation's focal point (or, for a partner NGO, its
# contact) and the secretariat's administrators.
rules.add_perm("members.manage_people", can_manage_organisation)
# The partnerships officers keep the records of the partner NGOs: they invite an admitted
# partner's contacts from its back-office record, without acting for it (an applicant, a
# suspended or ended partner, a member state are none of theirs to invite into).
rules.add_perm("members.invite_partner_contacts", is_partnerships_officer & is_admitted_partner)
rules.add_perm(
    "members.edit_microsite", is_editor_of | is_partner_contact_of | is_communications_officer
)
rules.add_perm("members.access_back_office", is_secretariat)
# Join requests come from the public: the organisation's focal points answer them (and the
# secretariat's administrators, when they act for an organisation that has none yet).
rules.add_perm("members.answer_join_requests", is_focal_point_of | is_secretariat_admin)

# The Django admin (the secretariat's back office) asks these, with and without an object: the
# organisations, their people, invitations and join requests are the administrators'.
rules.add_perm("members", is_secretariat_admin)
# Every officer looks organisations and people up in the autocomplete boxes of the records they
# keep (an article's organisation and author, a partner contact's user): Django asks the view
# permission of the model looked up, and answers 403 without it.
_LOOKED_UP_BY_EVERY_OFFICER = ("organisation", "user")
for _model in ("organisation", "membership", "teammember", "joinrequest", "invitation", "user"):
    for _action in ("view", "add", "change", "delete"):
        if _action == "view" and _model in _LOOKED_UP_BY_EVERY_OFFICER:
            rules.add_perm(f"members.view_{_model}", is_secretariat)
        else:
            rules.add_perm(f"members.{_action}_{_model}", is_secretariat_admin)
# The audit trail of private file downloads (credentials letters, partnership files) is read,
# never written by hand, and by administrators only.
rules.add_perm("members.view_privatefiledownload", is_secretariat_admin)
for _action in ("add", "change", "delete"):
    rules.add_perm(f"members.{_action}_privatefiledownload", rules.always_deny)
# Bulk import and export of organisations (members/resources.py): the administrators'.
rules.add_perm("members.import_organisation", is_secretariat_admin)
rules.add_perm("members.export_organisation", is_secretariat_admin)
# The one suppression list (the bulletin's, notifications'): the partnerships officers keep it,
# as they kept the bulletin's before it moved here.
for _action in ("view", "add", "change", "delete"):
    rules.add_perm(f"members.{_action}_suppression", is_partnerships_officer)
# Translations: the communications officers see and assign all of them; a translator reaches
# only the editor of the items and languages assigned to them (another item: not found).
rules.add_perm("members.manage_translations", is_communications_officer)
rules.add_perm("members.use_translation_workspace", is_communications_officer | is_translator)
rules.add_perm("members.translate_item", is_communications_officer | is_assigned_translator)
