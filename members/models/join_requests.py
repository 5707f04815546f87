"""A visitor's "join us / support us" messages to a member organisation."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from .organisations import Organisation


class JoinRequestQuerySet(models.QuerySet):
    def of(self, organisation):
        """The requests sent to one organisation, newest first."""
        return self.filter(organisation=organisation).order_by("-created_at", "-pk")

    def open(self):
        return self.exclude(status=JoinRequest.Status.CLOSED)


class JoinRequest(models.Model):
    """A visitor's "join us / support us" message to an organisation, for its focal points."""

    class Support(models.TextChoices):
        VOLUNTEER = "volunteer", _("Volunteer")
        PARTNER = "partner", _("Partner")
        DONOR = "donor", _("Donor")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        NEW = "new", _("New")
        ANSWERED = "answered", _("Answered")
        CLOSED = "closed", _("Closed")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="join_requests"
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail address"))
    country = CountryField(_("country"), blank=True)
    affiliation = models.CharField(_("organisation or affiliation"), max_length=200, blank=True)
    support = models.CharField(_("kind of support"), max_length=20, choices=Support.choices)
    message = models.TextField(_("message"), max_length=3000)
    # The language the visitor wrote in: the answer is mailed in it.
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW
    )
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    objects = JoinRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("join request")
        verbose_name_plural = _("join requests")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["organisation", "-created_at"])]

    def __str__(self):
        return f"{self.name} → {self.organisation}"
