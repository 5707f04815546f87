"""Member organisations' delegations to sessions, and the people on them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from members.models import Organisation
from members.private_files import private_storage

from .sessions import AssemblySession


class DelegationQuerySet(models.QuerySet):
    def accredited(self):
        return self.filter(status=Delegation.Status.ACCREDITED)


class Credentials(models.TextChoices):
    """What the secretariat holds for a delegation, from the strongest to none."""

    ORIGINAL = "original", _("Original credentials in due form")
    COPY = "copy", _("Copy of credentials")
    PROVISIONAL = "provisional", _("Provisional information")
    NONE = "none", _("Nothing received")


class Delegation(models.Model):
    """A member organisation's delegation to one session, registered by its focal point."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        ACCREDITED = "accredited", _("Accredited")
        RETURNED = "returned", _("Returned for changes")

    session = models.ForeignKey(
        AssemblySession,
        on_delete=models.CASCADE,
        related_name="delegations",
        verbose_name=_("session"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="delegations",
        verbose_name=_("organisation"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    return_reason = models.TextField(_("reason for returning"), blank=True)
    credentials_letter = models.FileField(
        _("credentials letter"),
        storage=private_storage,
        upload_to="credentials/",
        max_length=200,
        blank=True,
    )
    credentials_original_filename = models.CharField(max_length=200, blank=True)
    # What the secretariat received, for the credentials committee's report (rule of procedure:
    # credentials issued by the head of state or government or the minister responsible).
    credentials_received = models.CharField(
        _("credentials received"),
        max_length=12,
        choices=Credentials.choices,
        default=Credentials.NONE,
    )
    credentials_received_on = models.DateField(_("credentials received on"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = DelegationQuerySet.as_manager()

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        ordering = ["session", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "organisation"], name="governance_one_delegation_per_session"
            )
        ]

    def __str__(self):
        return f"{self.organisation} · {self.session}"

    def get_absolute_url(self):
        return reverse("governance:delegation", kwargs={"number": self.session.number})

    def private_file_url(self, field_name):
        """The audited download view of the credentials letter."""
        return reverse("governance:delegation_credentials", args=[self.pk])

    def private_file_download_name(self, field_name):
        return self.credentials_original_filename or "credentials.pdf"

    @property
    def head(self):
        return next((member for member in self.members.all() if member.is_head), None)


class DelegationMember(models.Model):
    """A person on a delegation: a user of the organisation, or a named guest with an e-mail."""

    class Function(models.TextChoices):
        # The head is `is_head` (one per delegation, a constraint); these are the others.
        DEPUTY = "deputy", _("Deputy head of delegation")
        ALTERNATE = "alternate", _("Alternate")
        ADVISER = "adviser", _("Adviser")
        EXPERT = "expert", _("Expert")
        MEMBER = "member", _("Member")

    delegation = models.ForeignKey(Delegation, on_delete=models.CASCADE, related_name="members")
    is_head = models.BooleanField(_("head of delegation"), default=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    guest_name = models.CharField(_("guest's name"), max_length=200, blank=True)
    guest_email = models.EmailField(_("guest's e-mail"), blank=True)
    # What a list of participants prints for each person.
    title = models.CharField(
        _("title"), max_length=60, blank=True, help_text=_("For example: H.E. Ms, Mr, Dr, Prof.")
    )
    function = models.CharField(
        _("function in the delegation"),
        max_length=12,
        choices=Function.choices,
        default=Function.MEMBER,
    )
    position = models.CharField(
        _("post"), max_length=200, blank=True, help_text=_("For example: Minister of Education.")
    )
    name_latin = models.CharField(
        _("name in the Latin script"),
        max_length=200,
        blank=True,
        help_text=_("Where the name is written in another script."),
    )

    class Meta:
        verbose_name = _("delegation member")
        verbose_name_plural = _("delegation members")
        ordering = ["-is_head", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["delegation"],
                condition=Q(is_head=True),
                name="governance_one_head_per_delegation",
            ),
            models.CheckConstraint(
                condition=(Q(user__isnull=False) & Q(guest_name="") & Q(guest_email=""))
                | (Q(user__isnull=True) & ~Q(guest_name="") & ~Q(guest_email="")),
                name="governance_member_is_user_or_guest",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def name(self):
        return str(self.user) if self.user_id else self.guest_name

    @property
    def function_label(self):
        """What the list of participants says the person does on the delegation."""
        return _("Head of delegation") if self.is_head else self.get_function_display()

    @property
    def email(self):
        return self.user.email if self.user_id else self.guest_email
