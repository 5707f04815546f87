"""The tenants (organisations), their users and the roles that tie them together.

One module per kind of row; everything is re-exported here, so that `from members.models import
Organisation` and the migrations (members.models.UserManager) keep working.
"""

from .downloads import DownloadRecord, PrivateFileDownload
from .invitations import Invitation, InvitationQuerySet
from .join_requests import JoinRequest, JoinRequestQuerySet
from .memberships import (
    MEMBER_ROLES,
    ROLES_BY_KIND,
    SECRETARIAT_ROLES,
    Membership,
    Role,
    roles_for_kind,
)
from .notifications import (
    Notification,
    NotificationDigest,
    NotificationEvent,
    NotificationQuerySet,
)
from .organisations import Organisation, OrganisationQuerySet
from .suppressions import Suppression, SuppressionQuerySet, normalise_email
from .team import TeamMember, TeamMemberQuerySet
from .users import User, UserManager

__all__ = [
    "MEMBER_ROLES",
    "ROLES_BY_KIND",
    "SECRETARIAT_ROLES",
    "DownloadRecord",
    "Invitation",
    "InvitationQuerySet",
    "JoinRequest",
    "JoinRequestQuerySet",
    "Membership",
    "Notification",
    "NotificationDigest",
    "NotificationEvent",
    "NotificationQuerySet",
    "Organisation",
    "OrganisationQuerySet",
    "PrivateFileDownload",
    "Role",
    "Suppression",
    "SuppressionQuerySet",
    "TeamMember",
    "TeamMemberQuerySet",
    "User",
    "UserManager",
    "normalise_email",
    "roles_for_kind",
]
