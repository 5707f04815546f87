"""Addresses the portal never mails again, whatever sends: the bulletin, notifications, digests.

The list lives on the ground floor because every app that mails reads it (bulletins moved theirs
here in members 0007): an address that hard-bounced for the bulletin is dead for notifications too.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


def normalise_email(email):
    return (email or "").strip().lower()


class SuppressionQuerySet(models.QuerySet):
    def of(self, email):
        return self.filter(email=normalise_email(email))


class Suppression(models.Model):
    """An address never to mail again: it unsubscribed (here or at the mail provider), its
    owner marked a message as spam, or its mailbox hard-bounced."""

    class Reason(models.TextChoices):
        # From the lightest to the gravest: a graver report replaces a lighter one
        # (members.suppressions.address_suppress), never the other way.
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")
        COMPLAINT = "complaint", _("Marked as spam")
        HARD_BOUNCE = "hard_bounce", _("Hard bounce")

    email = models.EmailField(_("e-mail address"), unique=True)
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    at = models.DateTimeField(_("at"), auto_now_add=True)

    objects = SuppressionQuerySet.as_manager()

    class Meta:
        verbose_name = _("suppressed address")
        verbose_name_plural = _("suppressed addresses")
        ordering = ["-at"]

    def __str__(self):
        return f"{self.email} ({self.get_reason_display()})"
