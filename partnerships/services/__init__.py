"""Use cases of the partnerships app: applications, status decisions, profiles, activities,
and the reminder of periodic reviews (`from partnerships import services` reaches them all)."""

from .applications import partnership_apply
from .decisions import (
    ALLOWED_TRANSITIONS,
    ORGANISATION_STATUS_FOR,
    consultative_days,
    partnership_change_status,
    partnership_reapply,
    partnership_record_creation,
    partnership_record_import,
)
from .partner_space import (
    cooperation_activity_review,
    cooperation_activity_save,
    cooperation_activity_submit,
    partnership_profile_update,
)
from .reviews import reviews_due_notify

__all__ = [
    "ALLOWED_TRANSITIONS",
    "ORGANISATION_STATUS_FOR",
    "consultative_days",
    "cooperation_activity_review",
    "cooperation_activity_save",
    "cooperation_activity_submit",
    "partnership_apply",
    "partnership_change_status",
    "partnership_profile_update",
    "partnership_reapply",
    "partnership_record_creation",
    "partnership_record_import",
    "reviews_due_notify",
]
