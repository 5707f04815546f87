"""A session's programme: its meetings, and the deadlines members must keep before it."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from members.models import Organisation

from .delegations import Delegation
from .sessions import AssemblySession, bump_sequence_if_rescheduled, remember_schedule


class Scheduled(models.Model):
    """A row that is an event of the calendars: when it was last changed, and the SEQUENCE
    that calendar clients compare to know that its time changed (RFC 5545, 3.8.7.4)."""

    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    sequence = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        bump_sequence_if_rescheduled(self, kwargs)
        super().save(*args, **kwargs)

    @classmethod
    def from_db(cls, db, field_names, values):
        return remember_schedule(super().from_db(db, field_names, values))


class Meeting(Scheduled):
    """One meeting of a session (a plenary, a committee), at times of the session's time zone."""

    session = models.ForeignKey(
        AssemblySession,
        on_delete=models.CASCADE,
        related_name="meetings",
        verbose_name=_("session"),
    )
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("starts at"))
    end_time = models.TimeField(_("ends at"))
    title = models.CharField(_("title"), max_length=200)
    room = models.CharField(_("room"), max_length=200, blank=True)
    is_closed = models.BooleanField(
        _("closed meeting"),
        default=False,
        help_text=_("Only members and the secretariat see a closed meeting."),
    )

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["session", "date", "start_time", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=models.F("start_time")),
                name="governance_meeting_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.date} {self.start_time:%H:%M} {self.title}"

    def clean(self):
        session = getattr(self, "session", None)
        if session is None or self.date is None:
            return
        if not session.start_date <= self.date <= session.end_date:
            raise ValidationError({"date": _("A meeting takes place on a day of its session.")})
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise ValidationError({"end_time": _("A meeting ends after it starts.")})

    @property
    def schedule(self):
        return (self.session_id, self.date, self.start_time, self.end_time, self.room)

    @property
    def starts_at(self):
        """The start as an aware moment of the session's time zone (a session's `zone`)."""
        return datetime.datetime.combine(self.date, self.start_time, tzinfo=self.session.zone)

    @property
    def ends_at(self):
        return datetime.datetime.combine(self.date, self.end_time, tzinfo=self.session.zone)

    def members_present(self):
        """The member organisations present at this meeting: at least one person of their
        accredited delegation to the session checked in (governance/attendance.py)."""
        checked_in = Delegation.objects.filter(
            session_id=self.session_id,
            status=Delegation.Status.ACCREDITED,
            members__attendances__meeting=self,
        )
        return Organisation.objects.filter(delegations__in=checked_in)


class Deadline(Scheduled):
    """A date members must keep for a session (credentials, documents...): for every member
    organisation, or only for those it is restricted to."""

    class Kind(models.TextChoices):
        CREDENTIALS = "credentials", _("Credentials")
        DOCUMENTS = "documents", _("Documents and proposals")
        PAYMENT = "payment", _("Contributions")
        OTHER = "other", _("Other")

    session = models.ForeignKey(
        AssemblySession,
        on_delete=models.CASCADE,
        related_name="deadlines",
        verbose_name=_("session"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.OTHER)
    title = models.CharField(_("title"), max_length=200)
    due_at = models.DateTimeField(_("due at"))
    restricted_to = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="+",
        verbose_name=_("only for"),
        help_text=_("Leave empty for a deadline of every member organisation."),
    )

    class Meta:
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        ordering = ["session", "due_at", "pk"]

    def __str__(self):
        return self.title

    @property
    def schedule(self):
        return (self.session_id, self.due_at)
