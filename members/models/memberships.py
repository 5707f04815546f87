"""The roles a user may hold for an organisation, and the memberships that give them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .organisations import Organisation


class Role(models.TextChoices):
    """What a user may do for an organisation. Which roles fit which kind: ROLES_BY_KIND."""

    # The secretariat (host organisation).
    ADMINISTRATOR = "administrator", _("Secretariat administrator")
    COMMUNICATIONS = "communications", _("Communications officer")
    CONFERENCE_SERVICES = "conference_services", _("Conference services officer")
    PARTNERSHIPS = "partnerships", _("Partnerships officer")
    # Outside the secretariat's powers: reaches only the translations assigned to them.
    TRANSLATOR = "translator", _("Translator")
    # Founding states and associate members.
    FOCAL_POINT = "focal_point", _("Focal point")
    EDITOR = "editor", _("Editor")
    DELEGATE = "delegate", _("Delegate")
    # Partner NGOs.
    PARTNER_CONTACT = "partner_contact", _("Partner contact")


SECRETARIAT_ROLES = (
    Role.ADMINISTRATOR,
    Role.COMMUNICATIONS,
    Role.CONFERENCE_SERVICES,
    Role.PARTNERSHIPS,
)
MEMBER_ROLES = (Role.FOCAL_POINT, Role.EDITOR, Role.DELEGATE)
ROLES_BY_KIND = {
    Organisation.Kind.HOST: (*SECRETARIAT_ROLES, Role.TRANSLATOR),
    Organisation.Kind.FOUNDING_STATE: MEMBER_ROLES,
    Organisation.Kind.ASSOCIATE_MEMBER: MEMBER_ROLES,
    Organisation.Kind.PARTNER_NGO: (Role.PARTNER_CONTACT,),
}


def roles_for_kind(kind):
    """The (value, label) choices of the roles that an organisation of this kind can give."""
    return [(role.value, role.label) for role in ROLES_BY_KIND[kind]]


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation__name", "user__email"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="members_one_membership_per_organisation"
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.organisation} ({self.get_role_display()})"
