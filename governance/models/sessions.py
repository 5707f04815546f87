"""Organs, their sessions and each session's agenda."""

import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

GENERAL_ASSEMBLY_CODE = "GA"


def validate_time_zone(name):
    """An IANA time zone name that this machine's tz database knows, such as Europe/Paris."""
    if name not in zoneinfo.available_timezones():
        raise ValidationError(
            _("%(name)s is not a time zone name (an IANA name such as Europe/Paris)."),
            params={"name": name},
            code="invalid_time_zone",
        )


class Organ(models.Model):
    """A governing organ: the General Assembly, or another such as an executive council."""

    code = models.CharField(_("code"), max_length=4, unique=True, help_text=_("e.g. GA"))
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("organ")
        verbose_name_plural = _("organs")
        ordering = ["code"]

    def __str__(self):
        return self.name


class AssemblySessionQuerySet(models.QuerySet):
    def general_assembly(self):
        return self.filter(organ__code=GENERAL_ASSEMBLY_CODE)

    def upcoming(self):
        """Sessions not yet closed whose last day is today or later, soonest first."""
        return (
            self.exclude(status=AssemblySession.Status.CLOSED)
            .filter(end_date__gte=timezone.localdate())
            .order_by("start_date")
        )


class AssemblySession(models.Model):
    class Kind(models.TextChoices):
        ORDINARY = "ordinary", _("Ordinary")
        EXTRAORDINARY = "extraordinary", _("Extraordinary")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    organ = models.ForeignKey(
        Organ, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("organ")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.ORDINARY)
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    venue = models.CharField(_("venue"), max_length=200)
    # Sessions happen where they happen: meetings and deadlines are told in the venue's time.
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default=settings.TIME_ZONE,
        validators=[validate_time_zone],
        help_text=_("The venue's time zone, as an IANA name such as Europe/Paris or Asia/Amman."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    description = models.TextField(_("description"), blank=True)
    registration_deadline = models.DateTimeField(
        _("delegation registration deadline"),
        null=True,
        blank=True,
        help_text=_("After it, only the secretariat can change delegations."),
    )
    language = models.CharField(
        _("working language"),
        max_length=2,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("The list of participants follows the alphabetical order of this language."),
    )
    participants_published_at = models.DateTimeField(
        _("list of participants published"),
        null=True,
        blank=True,
        help_text=_("Until then, only members and the secretariat see the provisional list."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # RFC 5545's SEQUENCE of the session's calendar event: raised when its days change.
    sequence = models.PositiveIntegerField(default=0, editable=False)

    objects = AssemblySessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["-start_date"]
        constraints = [
            models.UniqueConstraint(fields=["organ", "number"], name="governance_session_number"),
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="governance_session_ends_after_start",
            ),
        ]

    def __str__(self):
        return _("%(organ)s, session %(number)s") % {"organ": self.organ, "number": self.number}

    def save(self, *args, **kwargs):
        bump_sequence_if_rescheduled(self, kwargs)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("governance:session_detail", kwargs={"number": self.number})

    @classmethod
    def from_db(cls, db, field_names, values):
        return remember_schedule(super().from_db(db, field_names, values))

    @property
    def schedule(self):
        """What a calendar client must be told again when it changes (RFC 5545 SEQUENCE)."""
        return (self.start_date, self.end_date, self.time_zone, self.registration_deadline)

    @property
    def zone(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def participants_published(self):
        return self.participants_published_at is not None

    @property
    def registration_is_open(self):
        """Focal points may still change their delegation (the secretariat always may)."""
        if self.status == self.Status.CLOSED:
            return False
        return self.registration_deadline is None or timezone.now() <= self.registration_deadline


def remember_schedule(row):
    """Keep the schedule a row was read with, to tell later whether a save changes it (a row
    read with deferred columns is not followed: reading them would cost a query each)."""
    if not row.get_deferred_fields():
        row._loaded_schedule = row.schedule
    return row


def bump_sequence_if_rescheduled(row, save_kwargs):
    """Raise `row.sequence` when its `schedule` differs from the one read from the database:
    calendar clients replace an event only when its SEQUENCE grows (RFC 5545, 3.8.7.4)."""
    loaded = getattr(row, "_loaded_schedule", None)
    if row.pk is None or loaded is None or loaded == row.schedule:
        return
    row.sequence += 1
    row._loaded_schedule = row.schedule
    update_fields = save_kwargs.get("update_fields")
    if update_fields is not None:
        save_kwargs["update_fields"] = {*update_fields, "sequence", "updated_at"}


class AgendaItem(models.Model):
    session = models.ForeignKey(
        AssemblySession,
        on_delete=models.CASCADE,
        related_name="agenda_items",
        verbose_name=_("session"),
    )
    number = models.CharField(
        _("number"),
        max_length=10,
        validators=[RegexValidator(r"^\d{1,2}(\.[a-z])?$", _("A number such as 3 or 3.a."))],
    )
    title = models.CharField(_("title"), max_length=300)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["session", "order", "number"]
        constraints = [
            models.UniqueConstraint(fields=["session", "number"], name="governance_agenda_number")
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"


def validate_agenda_item_of_session(record):
    """A document's or decision's agenda item is one of its own session's."""
    if record.agenda_item_id and record.agenda_item.session_id != record.session_id:
        raise ValidationError({"agenda_item": _("The agenda item belongs to another session.")})
