"""Who may do what with partnerships (rules on top of members.permissions)."""

import rules

from members.permissions import is_partner_contact_of, is_partnerships_officer

# A partner contact edits the public profile and activities of their own organisation only.
rules.add_perm("partnerships.edit_profile", is_partner_contact_of)
rules.add_perm("partnerships.manage_activities", is_partner_contact_of)
# The secretariat's partnerships officers keep the records and decide on applications.
rules.add_perm("partnerships.review", is_partnerships_officer)
