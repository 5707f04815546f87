"""Who may edit an organisation's pages (part of the one permission policy, members.permissions).

The body's own pages belong to the secretariat's communications officers (and administrators);
a member's pages to its focal points and editors (a partner NGO's to its contacts), as its
microsite does; communications officers oversee every organisation's pages.
"""

import rules
from django.db.models import Q

from members.models import Organisation, Role
from members.permissions import (
    is_communications_officer,
    is_editor_of,
    is_partner_contact_of,
    organisation_ids_with_role,
)

from .models import Page


def _organisation_id(obj):
    if isinstance(obj, Page):
        return obj.organisation_id
    return getattr(obj, "pk", obj)


@rules.predicate
def edits_pages_of(user, obj):
    """The user is a focal point, editor or partner contact of the page's (or this) organisation."""
    if obj is None:
        return False
    organisation_id = _organisation_id(obj)
    return is_editor_of(user, organisation_id) or is_partner_contact_of(user, organisation_id)


can_edit_pages = edits_pages_of | is_communications_officer


# Who may read a page: for one (`pages.read_page`) and, below, for many (the query condition of
# pages.selectors.pages_visible_to); tests check that both agree.
@rules.predicate
def is_public_page(user, page):
    return (
        page is not None
        and page.is_published
        and page.organisation.status == Organisation.Status.ACTIVE
    )


can_read_page = is_public_page | can_edit_pages


def page_visibility_condition(user):
    """The Q() of the pages `user` may read (`can_read_page`): the published pages of active
    organisations for all; drafts only to those who may edit them."""
    if is_communications_officer(user):
        return Q()
    condition = Q(status=Page.Status.PUBLISHED, organisation__status=Organisation.Status.ACTIVE)
    editable = organisation_ids_with_role(user, Role.FOCAL_POINT, Role.EDITOR, Role.PARTNER_CONTACT)
    if editable:
        condition |= Q(organisation_id__in=editable)
    return condition


# With an organisation or one of its pages.
rules.add_perm("pages.edit_page", can_edit_pages)
rules.add_perm("pages.read_page", can_read_page)

# The Django admin (the secretariat's back office) asks these, with and without an object.
rules.add_perm("pages", is_communications_officer)
for _action in ("view", "add", "change", "delete"):
    rules.add_perm(f"pages.{_action}_page", is_communications_officer)
