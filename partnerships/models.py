"""Official partnerships of NGOs with the body: records, history, contacts, cooperation,
and the collective mechanisms (the biennial NGO conference and its liaison committee).

A partnership is the tenant row of a partner NGO: one per `members.Organisation` of kind
partner NGO. Its status changes only through `services.partnership_change_status`, which
records every change in `PartnershipStatusChange`.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from members.models import Organisation
from members.private_files import private_storage


def get_private_storage():
    # The one private store (members.private_files: under PRIVATE_MEDIA_ROOT, no URL). A
    # callable keeps the machine's path out of the migrations.
    return private_storage


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


class FieldOfCompetence(models.Model):
    """One of the body's fields of competence (education, natural sciences, culture, ...)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("field of competence")
        verbose_name_plural = _("fields of competence")
        ordering = ["position", "code"]

    def __str__(self):
        return self.name


class FunctionalArea(models.Model):
    """A functional area of cooperation (capacity building, advocacy, technical support, ...)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("functional area")
        verbose_name_plural = _("functional areas")
        ordering = ["position", "code"]

    def __str__(self):
        return self.name


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

    def running(self):
        return self.filter(status__in=RUNNING_STATUSES)

    def reviews_due(self, *, today, within_days):
        """Running partnerships whose periodic review falls in [today, today + within_days]."""
        from datetime import timedelta

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


class NgoConference(models.Model):
    """An edition of the International Conference of NGOs, held every two years."""

    number = models.PositiveSmallIntegerField(_("edition"), unique=True)
    starts_on = models.DateField(_("start date"))
    ends_on = models.DateField(_("end date"))
    venue = models.CharField(_("venue"), max_length=200)
    participants = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="ngo_conferences",
        limit_choices_to={"kind": Organisation.Kind.PARTNER_NGO},
        verbose_name=_("participating partners"),
    )

    class Meta:
        verbose_name = _("NGO conference")
        verbose_name_plural = _("NGO conferences")
        ordering = ["-number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="partnerships_conference_ends_after_start",
            ),
        ]

    def __str__(self):
        return _("International Conference of NGOs, edition %(number)d") % {"number": self.number}


class LiaisonSeatQuerySet(models.QuerySet):
    def composition_on(self, date):
        """The liaison committee on `date`: seats whose mandate covers it, chair first."""
        role_rank = models.Case(
            models.When(role=LiaisonSeat.Role.CHAIR, then=0),
            models.When(role=LiaisonSeat.Role.VICE_CHAIR, then=1),
            default=2,
        )
        return (
            self.filter(mandate_starts_on__lte=date, mandate_ends_on__gte=date)
            .select_related("organisation", "conference")
            .annotate(role_rank=role_rank)
            .order_by("role_rank", "organisation__name", "member_name")
        )


class LiaisonSeat(models.Model):
    """A seat on the NGO Liaison Committee, elected by a conference for a mandate."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice_chair", _("Vice-chair")
        MEMBER = "member", _("Member")

    conference = models.ForeignKey(
        NgoConference,
        on_delete=models.PROTECT,
        related_name="elected_seats",
        verbose_name=_("elected by"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="liaison_seats",
        limit_choices_to={"kind": Organisation.Kind.PARTNER_NGO},
    )
    member_name = models.CharField(_("representative"), max_length=200)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    mandate_starts_on = models.DateField(_("mandate start"))
    mandate_ends_on = models.DateField(_("mandate end"))

    objects = LiaisonSeatQuerySet.as_manager()

    class Meta:
        verbose_name = _("liaison committee seat")
        verbose_name_plural = _("liaison committee seats")
        ordering = ["-mandate_starts_on", "role"]
        constraints = [
            models.CheckConstraint(
                condition=Q(mandate_ends_on__gte=models.F("mandate_starts_on")),
                name="partnerships_mandate_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.member_name} ({self.organisation}), {self.get_role_display()}"

    def clean(self):
        if (
            self.role == self.Role.CHAIR
            and self.mandate_starts_on
            and self.mandate_ends_on
            and LiaisonSeat.objects.filter(
                role=self.Role.CHAIR,
                mandate_starts_on__lte=self.mandate_ends_on,
                mandate_ends_on__gte=self.mandate_starts_on,
            )
            .exclude(pk=self.pk)
            .exists()
        ):
            raise ValidationError(
                {"role": _("The committee already has a chair during this mandate.")}
            )
