"""Who may do what with the bulletin (rules on top of members.permissions)."""

import rules
from django.conf import settings

from members.permissions import is_partnerships_officer


def four_eyes_forbid(user, bulletin) -> bool:
    """Under the four-eyes setting, whoever composed the bulletin does not approve it (the
    service enforces it, bulletins.services.bulletin_approve; the back office asks here)."""
    return (
        settings.OEC_BULLETIN_FOUR_EYES
        and user is not None
        and bulletin.composed_by_id is not None
        and bulletin.composed_by_id == user.pk
    )


@rules.predicate
def is_not_kept_out_by_four_eyes(user, bulletin):
    return bulletin is None or not four_eyes_forbid(user, bulletin)


# The partnerships officers keep the bulletin: they write the introduction, approve an issue
# before it goes out and resend the failures (administrators hold every secretariat role).
rules.add_perm("bulletins.approve", is_partnerships_officer & is_not_kept_out_by_four_eyes)
rules.add_perm("bulletins.resend", is_partnerships_officer)

# The Django admin (the secretariat's back office) asks these, with and without an object.
rules.add_perm("bulletins", is_partnerships_officer)
for _model in ("bulletin", "bulletinedition", "delivery", "subscriber"):
    for _action in ("view", "add", "change", "delete"):
        rules.add_perm(f"bulletins.{_action}_{_model}", is_partnerships_officer)
# Bulk import and export of subscribers (bulletins/resources.py).
rules.add_perm("bulletins.import_subscriber", is_partnerships_officer)
rules.add_perm("bulletins.export_subscriber", is_partnerships_officer)
