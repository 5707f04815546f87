"""What a person follows: a session (every document issued for it) or a document series (the
base document and its /Rev., /Add. and /Corr.), to be told when a document is issued."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .documents import Document
from .sessions import AssemblySession


class FollowQuerySet(models.QuerySet):
    def of(self, user):
        """The person's follows, sessions first (newest first), then series by symbol."""
        return (
            self.filter(user=user)
            .select_related("session__organ", "document")
            .order_by(F("document__symbol").asc(nulls_first=True), "-session__number")
        )


class Follow(models.Model):
    """One person following one session or one series (its base document), once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="follows",
        verbose_name=_("person"),
    )
    session = models.ForeignKey(
        AssemblySession,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="follows",
        verbose_name=_("session"),
    )
    # Always the series' base document (OEC/GA/1/5 for OEC/GA/1/5/Rev.1): its revisions,
    # addenda and corrigenda revise it (Document.revises).
    document = models.ForeignKey(
        Document,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="follows",
        verbose_name=_("document series"),
    )
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    objects = FollowQuerySet.as_manager()

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [
            models.CheckConstraint(
                condition=Q(session__isnull=False, document__isnull=True)
                | Q(session__isnull=True, document__isnull=False),
                name="governance_follow_session_or_series",
            ),
            models.UniqueConstraint(
                fields=["user", "session"],
                condition=Q(session__isnull=False),
                name="governance_follow_session_once",
            ),
            models.UniqueConstraint(
                fields=["user", "document"],
                condition=Q(document__isnull=False),
                name="governance_follow_series_once",
            ),
        ]

    def __str__(self):
        return f"{self.user} → {self.session or self.document}"

    @property
    def target(self):
        return self.session or self.document
