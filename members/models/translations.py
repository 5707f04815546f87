"""What the translation overview needs to know of every app's translated content.

A `TranslationRecord` remembers, per object, field and language, the source text (English) a
translation was made from: when the source no longer matches it, the translation is outdated,
and the editor shows what changed. A `TranslationAssignment` is the to-do of a translator.
Both point at any app's rows through a content type, so that the ground floor owns them and
no app has to know the others (DESIGN.md floors).
"""

import hashlib

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .organisations import Organisation


def text_fingerprint(text):
    """The hash that says whether two texts are the same (surrounding blanks aside)."""
    return hashlib.sha256((text or "").strip().encode()).hexdigest()


class TranslationRecord(models.Model):
    """The source one field's translation into one language was last made (or checked) from."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    field = models.CharField(_("field"), max_length=64)
    language = models.CharField(_("language"), max_length=8)
    source_text = models.TextField(_("source text when translated"), blank=True)
    source_hash = models.CharField(max_length=64)
    # The translation as it was recorded: when it changes without a new record (an edit in the
    # back office), the change itself is the new translation (translation_records.py).
    translation_hash = models.CharField(max_length=64)
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("translation record")
        verbose_name_plural = _("translation records")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "language"],
                name="members_one_translation_record_per_field_and_language",
            ),
        ]

    def __str__(self):
        return f"{self.content_type_id}:{self.object_id} {self.field} [{self.language}]"


class TranslationAssignmentQuerySet(models.QuerySet):
    def open(self):
        return self.filter(completed_at__isnull=True)

    def for_translator(self, user):
        """The assignments of `user`, open ones first, soonest due first."""
        return (
            self.filter(translator=user)
            .select_related("content_type", "assigned_by")
            .order_by(models.F("completed_at").desc(nulls_first=True), "due_on", "pk")
        )

    def for_item(self, *, content_type, object_id, language):
        return self.filter(content_type=content_type, object_id=object_id, language=language)


class TranslationAssignment(models.Model):
    """One item's translation into one language, given to a translator, done when saved
    complete and up to date."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("organisation"),
        help_text=_("The secretariat whose communications staff assigned the work."),
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    language = models.CharField(_("language"), max_length=8)
    translator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="translation_assignments",
        verbose_name=_("translator"),
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("assigned by"),
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("assigned at"), auto_now_add=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    objects = TranslationAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("translation assignment")
        verbose_name_plural = _("translation assignments")
        ordering = ["-created_at"]
        constraints = [
            # One translator at a time for one item and language.
            models.UniqueConstraint(
                fields=["content_type", "object_id", "language"],
                condition=Q(completed_at__isnull=True),
                name="members_one_open_translation_assignment",
            ),
        ]

    def __str__(self):
        return f"{self.content_type_id}:{self.object_id} [{self.language}] → {self.translator}"

    @property
    def is_open(self):
        return self.completed_at is None
