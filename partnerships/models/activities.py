"""Cooperation activities and publications that partners report, public once approved."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from members.models import Organisation

from .partners import PUBLIC_STATUSES
from .reference_terms import FieldOfCompetence, FunctionalArea
from .storage import get_private_storage


class CooperationActivityQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=CooperationActivity.Status.APPROVED)

    def public(self):
        """Approved activities of partners in the public database."""
        return self.approved().filter(
            organisation__partnership__status__in=PUBLIC_STATUSES,
            organisation__status=Organisation.Status.ACTIVE,
        )

    def with_terms(self):
        return self.select_related("thematic_field", "functional_area", "organisation")


class CooperationActivity(models.Model):
    """An activity or publication a partner reports; public once the secretariat approves it."""

    class Kind(models.TextChoices):
        ACTIVITY = "activity", _("Cooperation activity")
        PUBLICATION = "publication", _("Publication")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="cooperation_activities"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.ACTIVITY)
    thematic_field = models.ForeignKey(
        FieldOfCompetence,
        on_delete=models.PROTECT,
        related_name="activities",
        verbose_name=_("thematic field"),
    )
    functional_area = models.ForeignKey(
        FunctionalArea,
        on_delete=models.PROTECT,
        related_name="activities",
        verbose_name=_("functional area"),
    )
    starts_on = models.DateField(_("start date"))
    ends_on = models.DateField(_("end date"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=5000)
    programme = models.CharField(
        _("programme of the body"),
        max_length=200,
        blank=True,
        help_text=_("The programme or project of the OEC this activity contributes to."),
    )
    file = models.FileField(
        _("file"), storage=get_private_storage, upload_to="partnerships/activities/", blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = CooperationActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("cooperation activity")
        verbose_name_plural = _("cooperation activities")
        ordering = ["-starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="partnerships_activity_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_editable(self):
        return self.status in (self.Status.DRAFT, self.Status.REJECTED)

    def private_file_url(self, field_name):
        """The audited download view of the file for the secretariat, whatever the status."""
        return reverse("partnerships:activity_file_for_staff", args=[self.pk])

    def private_file_download_name(self, field_name):
        extension = self.file.name.rsplit(".", 1)[-1]
        return f"{slugify(self.title)[:80] or 'file'}.{extension}"

    def get_file_url(self):
        """The public download of the file; it answers only once the activity is public."""
        return reverse("partnerships:activity_file", args=[self.organisation.slug, self.pk])
