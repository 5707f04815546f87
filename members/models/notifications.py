"""Notifications: one event (something happened to a row of one organisation) and one ledger row
per event and recipient, which the mail task works through exactly once.

An event keeps what its texts need (`context`, plain JSON), so that the inbox renders each line in
the reader's language without reading the row the event is about.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .organisations import Organisation


class NotificationEvent(models.Model):
    """Something that happened for `organisation`, which people of some of its roles act on."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="notification_events",
        verbose_name=_("organisation"),
    )
    # "<app>.<what_happened>", the name of its templates (members/notifications/rendering.py).
    kind = models.CharField(_("event"), max_length=60)
    target_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    # The page that does the work, without its language prefix's language: shown in the reader's.
    url = models.CharField(_("link"), max_length=500, blank=True)
    context = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("notification event")
        verbose_name_plural = _("notification events")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self):
        return f"{self.kind} · {self.organisation_id} · {self.created_at:%Y-%m-%d %H:%M}"


class NotificationQuerySet(models.QuerySet):
    def for_user(self, user):
        """The person's own notifications, newest first, with what the inbox shows."""
        return (
            self.filter(recipient=user)
            .select_related("event__organisation")
            .order_by("-event__created_at", "-pk")
        )

    def unread(self):
        return self.filter(read_at__isnull=True)

    def waiting_for_digest(self):
        return self.filter(mail_status=Notification.MailStatus.DIGEST)


class Notification(models.Model):
    """One recipient of one event: their inbox line and the mail ledger's row (unique)."""

    class MailStatus(models.TextChoices):
        PENDING = "pending", _("To be mailed")
        # Claimed by a task that is sending it (members/notifications/delivery.py).
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Mailed")
        DIGEST = "digest", _("Waiting for the daily digest")
        IN_DIGEST = "in_digest", _("Mailed in a digest")
        PORTAL_ONLY = "portal_only", _("Portal only")
        SKIPPED = "skipped", _("Not mailed (address suppressed)")
        FAILED = "failed", _("Failed")

    event = models.ForeignKey(
        NotificationEvent, on_delete=models.CASCADE, related_name="notifications"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    # The role through which the recipient receives it, for the inbox and the audit.
    role = models.CharField(_("role"), max_length=30)
    mail_status = models.CharField(
        _("e-mail"), max_length=12, choices=MailStatus.choices, default=MailStatus.PENDING
    )
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    mailed_at = models.DateTimeField(_("mailed at"), null=True, blank=True)
    digest = models.ForeignKey(
        "NotificationDigest",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notifications",
    )
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "recipient"], name="members_one_notification_per_recipient"
            ),
        ]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["mail_status", "recipient"]),
        ]

    def __str__(self):
        return f"{self.event.kind} → {self.recipient_id} ({self.mail_status})"


class NotificationDigest(models.Model):
    """One daily digest mail of one person: the ledger row that makes it go once per day."""

    class Status(models.TextChoices):
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Mailed")
        SKIPPED = "skipped", _("Not mailed (address suppressed)")
        FAILED = "failed", _("Failed")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_digests"
    )
    day = models.DateField(_("day"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SENDING
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    mailed_at = models.DateTimeField(_("mailed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification digest")
        verbose_name_plural = _("notification digests")
        ordering = ["-day", "recipient"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "day"], name="members_one_digest_per_recipient_and_day"
            ),
        ]

    def __str__(self):
        return f"{self.recipient_id} · {self.day}"
