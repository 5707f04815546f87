"""The collective mechanisms: the biennial NGO conference and the liaison committee it elects."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from members.models import Organisation


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
