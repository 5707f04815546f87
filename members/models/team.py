"""The people an organisation shows on its microsite."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .organisations import Organisation


class TeamMemberQuerySet(models.QuerySet):
    def of(self, organisation):
        """The team of one organisation, in the order its editors chose."""
        return self.filter(organisation=organisation).order_by("order", "pk")


class TeamMember(models.Model):
    """A person shown on an organisation's microsite (not necessarily a portal user)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="team_members"
    )
    name = models.CharField(_("name"), max_length=150)
    role_title = models.CharField(_("role"), max_length=150)
    biography = models.TextField(_("short biography"), max_length=600, blank=True)
    # Checked and re-encoded (EXIF stripped) by members.images before it is stored.
    photo = models.ImageField(_("photo"), upload_to="organisations/team/", blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    objects = TeamMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        ordering = ["organisation", "order", "pk"]
        indexes = [models.Index(fields=["organisation", "order"])]

    def __str__(self):
        return f"{self.name} ({self.organisation})"
