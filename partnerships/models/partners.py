"""Partner NGO records: the partnership (the tenant row of a partner NGO), its status history
and its contacts.

A partnership is one per `members.Organisation` of kind partner NGO. Its status changes only
through `services.partnership_change_status`, which records every change in
`PartnershipStatusChange`.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.postgres.expressions import ArraySubquery
from django.db import connection, models
from django.db.models import OuterRef
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from members.models import Organisation

from .reference_terms import FieldOfCompetence, FunctionalArea
from .storage import get_private_storage


class Status(models.TextChoices):
    APPLICANT = "applicant", _("Applicant")
    CONSULTATIVE = "consultative", _("Consultative status")
    ASSOCIATE = "associate", _("Associate status")
    SUSPENDED = "suspended", _("Suspended")
    ENDED = "ended", _("Ended")


# Only the official partners are in the public database: an applicant has not been admitted,
# a suspended partnership is under review and may not claim the title while it lasts, and an
# ended one is no longer a partner.
PUBLIC_STATUSES = (Status.CONSULTATIVE, Status.ASSOCIATE)
# Partnerships that run and therefore have periodic reviews.
RUNNING_STATUSES = (Status.CONSULTATIVE, Status.ASSOCIATE, Status.SUSPENDED)


class PartnershipQuerySet(models.QuerySet):
    def public(self):
        """Official partners a visitor may see: consultative or associate, organisation active."""
        return self.filter(
            status__in=PUBLIC_STATUSES,
            organisation__status=Organisation.Status.ACTIVE,
            organisation__kind=Organisation.Kind.PARTNER_NGO,
        )

    def with_profile(self):
        """Everything a list or export shows, in a fixed number of queries."""
        return self.select_related("organisation").prefetch_related(
            "fields_of_competence", "functional_areas"
        )

    def with_card(self):
        """What a card of the public database shows (partner_list.html): fewer than the export.

        Its fields of competence come as their ids (`field_of_competence_ids`), in the page's
        one query: the page names them from the terms its filter reads anyway
        (views.py), where a prefetch would cost a query of its own.
        """
        # Only the columns a card shows (modeltranslation reads each language's): its kept HTML
        # (keyed by the row's columns) stays when a column it does not show changes.
        with_organisation = self.select_related("organisation").only(
            "status",
            "admitted_on",
            "headquarters_country",
            "description",
            "organisation__kind",
            "organisation__country",
            "organisation__name",
            "organisation__slug",
            "organisation__logo",
        )
        if connection.vendor != "postgresql":  # the embedded SQLite default has no arrays
            return with_organisation.prefetch_related("fields_of_competence")
        chosen = Partnership.fields_of_competence.through.objects.filter(partnership=OuterRef("pk"))
        return with_organisation.annotate(
            field_of_competence_ids=ArraySubquery(chosen.values("fieldofcompetence_id"))
        )

    def running(self):
        return self.filter(status__in=RUNNING_STATUSES)

    def reviews_due(self, *, today, within_days):
        """Running partnerships whose periodic review falls in [today, today + within_days]."""
        return (
            self.running()
            .filter(next_review_on__gte=today, next_review_on__lte=today + timedelta(within_days))
            .select_related("organisation")
            .order_by("next_review_on", "organisation__name")
        )


class Partnership(models.Model):
    class GeographicScope(models.TextChoices):
        INTERNATIONAL = "international", _("International")
        REGIONAL = "regional", _("Regional")
        NATIONAL = "national", _("National")

    organisation = models.OneToOneField(
        Organisation,
        on_delete=models.CASCADE,
        related_name="partnership",
        limit_choices_to={"kind": Organisation.Kind.PARTNER_NGO},
        verbose_name=_("organisation"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.APPLICANT
    )
    admitted_on = models.DateField(_("admitted on"), null=True, blank=True)
    next_review_on = models.DateField(_("next periodic review"), null=True, blank=True)
    # The review date last announced (services.reviews): each review date is announced once,
    # a new date (after a decision) is announced again.
    review_announced_for = models.DateField(null=True, blank=True, editable=False)
    fields_of_competence = models.ManyToManyField(
        FieldOfCompetence, blank=True, related_name="partnerships", verbose_name=_("fields")
    )
    functional_areas = models.ManyToManyField(
        FunctionalArea, blank=True, related_name="partnerships", verbose_name=_("areas")
    )
    geographic_scope = models.CharField(
        _("geographic scope"),
        max_length=20,
        choices=GeographicScope.choices,
        default=GeographicScope.INTERNATIONAL,
    )
    headquarters_country = CountryField(_("headquarters country"), blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True, max_length=5000)
    statutes = models.FileField(
        _("statutes"),
        storage=get_private_storage,
        upload_to="partnerships/applications/",
        blank=True,
    )
    activity_report = models.FileField(
        _("latest activity report"),
        storage=get_private_storage,
        upload_to="partnerships/applications/",
        blank=True,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ["organisation__name"]
        indexes = [models.Index(fields=["status", "admitted_on"])]

    def __str__(self):
        return f"{self.organisation} ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse("partnerships:detail", kwargs={"slug": self.organisation.slug})

    @property
    def is_public(self):
        return self.status in PUBLIC_STATUSES

    def private_file_url(self, field_name):
        """The audited download view of the application's statutes or activity report."""
        return reverse("partnerships:application_file", args=[self.pk, field_name])

    def private_file_download_name(self, field_name):
        extension = getattr(self, field_name).name.rsplit(".", 1)[-1]
        return f"{self.organisation.slug}-{field_name.replace('_', '-')}.{extension}"


class PartnershipStatusChange(models.Model):
    """One decision on a partnership's status; kept for every change, never edited."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(
        _("from status"), max_length=20, choices=Status.choices, blank=True
    )
    to_status = models.CharField(_("to status"), max_length=20, choices=Status.choices)
    decided_on = models.DateField(_("decided on"))
    deciding_body = models.CharField(_("deciding body"), max_length=200)
    decision_reference = models.CharField(_("decision reference"), max_length=100, blank=True)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["decided_on", "recorded_at", "pk"]

    def __str__(self):
        return f"{self.partnership.organisation}: {self.from_status or '—'} → {self.to_status}"


class ContactQuerySet(models.QuerySet):
    def bulletin_recipients(self):
        """Contacts who asked for the monthly bulletin, of partners in a public status."""
        return self.filter(
            receives_bulletin=True,
            organisation__partnership__status__in=PUBLIC_STATUSES,
            organisation__status=Organisation.Status.ACTIVE,
        ).select_related("organisation")


class Contact(models.Model):
    """A person at a partner NGO. Never public: the database and the API leave contacts out."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="partner_contacts"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partner_contacts",
        verbose_name=_("user account"),
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    preferred_language = models.CharField(
        _("preferred language"), max_length=5, choices=settings.LANGUAGES, default="en"
    )
    receives_bulletin = models.BooleanField(_("receives the monthly bulletin"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ContactQuerySet.as_manager()

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["organisation__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "email"], name="partnerships_one_contact_per_email"
            ),
        ]

    def __str__(self):
        return f"{self.name} <{self.email}>"
