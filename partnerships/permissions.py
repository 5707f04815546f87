"""Who may do what with partnerships: THE partnerships policy (rules on top of members.permissions).

For each kind of object, side by side: the `rules` predicate for one object and the query
condition for many (selectors.py reads with it).
"""

import rules
from django.db.models import Q

from members.models import Role
from members.permissions import (
    is_partner_contact_of,
    is_partnerships_officer,
    organisation_ids_with_role,
)

# --- Cooperation activities --------------------------------------------------------------------


@rules.predicate
def can_manage_activity(user, activity):
    """A partner contact manages the activities of their own organisation only."""
    return activity is not None and is_partner_contact_of(user, activity.organisation_id)


def managed_activities_condition(user):
    """The Q() of the activities `user` manages (the same rule as `can_manage_activity`)."""
    return Q(organisation_id__in=organisation_ids_with_role(user, Role.PARTNER_CONTACT))


# A partner contact edits the public profile and activities of their own organisation only.
rules.add_perm("partnerships.edit_profile", is_partner_contact_of)
rules.add_perm("partnerships.manage_activities", is_partner_contact_of)
# The secretariat's partnerships officers keep the records and decide on applications.
rules.add_perm("partnerships.review", is_partnerships_officer)

# The Django admin (the secretariat's back office) asks these, with and without an object.
rules.add_perm("partnerships", is_partnerships_officer)
for _model in (
    "partnership",
    "partnershipstatuschange",
    "contact",
    "cooperationactivity",
    "fieldofcompetence",
    "functionalarea",
    "ngoconference",
    "liaisonseat",
):
    for _action in ("view", "add", "change", "delete"):
        rules.add_perm(f"partnerships.{_action}_{_model}", is_partnerships_officer)
# Bulk import and export (partnerships/resources.py): contacts, partnerships and their history.
for _model in ("partnership", "contact"):
    for _action in ("import", "export"):
        rules.add_perm(f"partnerships.{_action}_{_model}", is_partnerships_officer)
