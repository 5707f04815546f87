"""Decisions and resolutions, with the member states' recorded votes."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from members.models import Organisation

from .meetings import Meeting
from .sessions import AgendaItem, AssemblySession, validate_agenda_item_of_session
from .symbols import symbol_to_slug, symbol_validator


class DecisionQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)


class Decision(models.Model):
    class AdoptionMethod(models.TextChoices):
        CONSENSUS = "consensus", _("By consensus")
        UNANIMOUS = "unanimous", _("Unanimously")
        VOTE = "vote", _("By vote")

    symbol = models.CharField(
        _("symbol"), max_length=40, unique=True, validators=[symbol_validator]
    )
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"))
    session = models.ForeignKey(
        AssemblySession,
        on_delete=models.PROTECT,
        related_name="decisions",
        verbose_name=_("session"),
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("agenda item"),
    )
    # The meeting where a decision was adopted by vote: its recorded votes come from the members
    # present at it (Meeting.members_present, derived from the check-ins). Optional: decisions
    # recorded without their meeting (older ones, the demo's) keep their votes unchecked.
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("adopted at the meeting"),
        help_text=_("For a decision adopted by vote: only the members present at it vote."),
    )
    adopted_on = models.DateField(_("adopted on"))
    adoption_method = models.CharField(_("adopted"), max_length=10, choices=AdoptionMethod.choices)
    votes_yes = models.PositiveSmallIntegerField(_("votes in favour"), null=True, blank=True)
    votes_no = models.PositiveSmallIntegerField(_("votes against"), null=True, blank=True)
    votes_abstain = models.PositiveSmallIntegerField(_("abstentions"), null=True, blank=True)
    is_public = models.BooleanField(_("public"), default=True)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-adopted_on", "symbol"]

    def __str__(self):
        return f"{self.symbol} {self.title}"

    def get_absolute_url(self):
        return reverse("governance:decision_detail", kwargs={"symbol": self.slug})

    @property
    def slug(self):
        return symbol_to_slug(self.symbol)

    def clean(self):
        tally = (self.votes_yes, self.votes_no, self.votes_abstain)
        if self.adoption_method == self.AdoptionMethod.VOTE and None in tally:
            raise ValidationError(_("A decision adopted by vote needs its tally."))
        if self.adoption_method != self.AdoptionMethod.VOTE and tally != (None, None, None):
            raise ValidationError(_("Only a decision adopted by vote has a tally."))
        validate_agenda_item_of_session(self)
        self._validate_meeting()

    def _validate_meeting(self):
        meeting = self.meeting
        if meeting is None:
            return
        if meeting.session_id != self.session_id:
            raise ValidationError(
                {"meeting": ValidationError(_("Choose a meeting of the decision's session."))}
            )
        if self.adopted_on and meeting.date != self.adopted_on:
            raise ValidationError(
                {
                    "meeting": ValidationError(
                        _("A decision is adopted on the day of its meeting."), code="meeting_date"
                    )
                }
            )

    def members_present(self):
        """The member organisations present when the decision was adopted (derived from the
        check-ins at its meeting); None when the decision names no meeting."""
        return self.meeting.members_present() if self.meeting_id else None


class Vote(models.Model):
    """A member state's recorded vote. Associate members take part but do not vote."""

    class Choice(models.TextChoices):
        YES = "yes", _("In favour")
        NO = "no", _("Against")
        ABSTAIN = "abstain", _("Abstention")

    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, related_name="votes", verbose_name=_("decision")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("member state")
    )
    choice = models.CharField(_("vote"), max_length=10, choices=Choice.choices)

    class Meta:
        verbose_name = _("recorded vote")
        verbose_name_plural = _("recorded votes")
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "organisation"], name="governance_one_vote_per_state"
            )
        ]

    def __str__(self):
        return f"{self.organisation}: {self.get_choice_display()}"

    def save(self, *args, **kwargs):
        self.clean()  # the voting rule holds outside forms too
        super().save(*args, **kwargs)

    def clean(self):
        # The charter gives the vote to founding states only.
        if self.organisation_id and self.organisation.kind != Organisation.Kind.FOUNDING_STATE:
            raise ValidationError(
                {
                    "organisation": _(
                        "Only founding states vote; %(organisation)s is not a founding state."
                    )
                    % {"organisation": self.organisation}
                },
                code="not_a_voting_member",
            )
        if self.decision_id and self.decision.adoption_method != Decision.AdoptionMethod.VOTE:
            raise ValidationError(
                _("Votes are recorded only for a decision adopted by vote."), code="no_vote"
            )
        self._validate_presence()

    def _validate_presence(self):
        """Only the members present at the decision's meeting vote (rules of procedure)."""
        try:
            decision = self.decision  # the admin's inline gives an unsaved decision
        except Decision.DoesNotExist:
            return
        if decision.meeting is None or not self.organisation_id:
            return
        if not decision.meeting.members_present().filter(pk=self.organisation_id).exists():
            message = _(
                "%(organisation)s was not present at %(meeting)s: only the members present "
                "vote. Check its delegation in first."
            ) % {"organisation": self.organisation, "meeting": decision.meeting}
            raise ValidationError({"organisation": ValidationError(message, code="absent")})
