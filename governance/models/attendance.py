"""Who came to which meeting: conference services check people in with their badges."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .delegations import DelegationMember
from .meetings import Meeting


class Attendance(models.Model):
    """A person of an accredited delegation checked in at a meeting: once per meeting (a second
    scan of the same badge finds this row, it does not add one)."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("meeting")
    )
    delegation_member = models.ForeignKey(
        DelegationMember,
        on_delete=models.CASCADE,
        related_name="attendances",
        verbose_name=_("person"),
    )
    checked_in_at = models.DateTimeField(_("checked in at"), default=timezone.now)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("checked in by"),
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["meeting", "-checked_in_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "delegation_member"],
                name="governance_checked_in_once_per_meeting",
            )
        ]

    def __str__(self):
        return f"{self.delegation_member} · {self.meeting}"
