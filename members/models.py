"""The tenants (organisations), their users and the roles that tie them together."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import connections, models
from django.db.models import Case, Q, Value, When
from django.db.models.functions import Coalesce, Collate, NullIf
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override as translation_override
from django_countries import countries
from django_countries.fields import CountryField


class UserManager(BaseUserManager):
    """Users log in with their e-mail address; there is no username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    username = None
    email = models.EmailField(_("e-mail address"), unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self):
        return self.get_full_name() or self.email


class OrganisationQuerySet(models.QuerySet):
    def host(self):
        """The body itself: the one organisation of kind host."""
        return self.get(kind=Organisation.Kind.HOST)

    def members(self):
        """Founding states and associate members (the organisations that sit in the Assembly)."""
        return self.filter(kind__in=Organisation.MEMBER_KINDS)

    def partners(self):
        return self.filter(kind=Organisation.Kind.PARTNER_NGO)

    def public(self):
        """Organisations a public visitor may see: active members and partners, and the body."""
        return self.filter(status=Organisation.Status.ACTIVE)

    def directory(self, language=None):
        """The public member directory: founding states first, then associate members.

        States are sorted by their country's common name in `language` (the active one by
        default), "Sri Lanka" under S, not by their formal name ("Democratic Socialist
        Republic of ..."); associate members by their name in `language`, or the English name
        where that translation is missing, the way modeltranslation shows it. On PostgreSQL
        the language's ICU collation orders accented letters as its readers expect.
        """
        language = language or get_language() or settings.LANGUAGE_CODE
        name = Coalesce(
            NullIf(f"name_{language}", Value("")), "name_en", output_field=models.CharField()
        )
        with translation_override(language):
            common_names = [(country.code, str(country.name)) for country in countries]
        sort_name = Case(
            *[
                When(kind=Organisation.Kind.FOUNDING_STATE, country=code, then=Value(common))
                for code, common in common_names
            ],
            default=name,
            output_field=models.CharField(),
        )
        if connections[self.db].vendor == "postgresql" and language in dict(settings.LANGUAGES):
            # The ICU collations ("fr-x-icu") come with PostgreSQL's Debian and Docker builds.
            sort_name = Collate(sort_name, f"{language}-x-icu")
        return (
            self.public()
            .members()
            .annotate(sort_name=sort_name)
            .order_by("-kind", "sort_name", "pk")
        )


class Organisation(models.Model):
    """A tenant. Every row that belongs to someone belongs to exactly one organisation."""

    class Kind(models.TextChoices):
        HOST = "host", _("Secretariat (the Organisation itself)")
        FOUNDING_STATE = "founding_state", _("Founding state")
        ASSOCIATE_MEMBER = "associate_member", _("Associate member")
        PARTNER_NGO = "partner_ngo", _("Partner NGO")

    class AssociateType(models.TextChoices):
        CIVIL_SOCIETY = "civil_society", _("Civil society")
        ACADEMIC = "academic", _("Academic body")

    class Region(models.TextChoices):
        AFRICA = "africa", _("Africa")
        ARAB_STATES = "arab_states", _("Arab States and Middle East")
        ASIA_PACIFIC = "asia_pacific", _("Asia and the Pacific")
        LATIN_AMERICA_CARIBBEAN = "latin_america_caribbean", _("Latin America and the Caribbean")
        EUROPE_NORTH_AMERICA = "europe_north_america", _("Europe and North America")

        @classmethod
        def for_country(cls, country_code):
            """The region of the country `country_code` (members.regions); "" if none."""
            from .regions import region_for_country

            region = region_for_country(country_code)
            return cls(region) if region else ""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACTIVE = "active", _("Active")
        SUSPENDED = "suspended", _("Suspended")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    MEMBER_KINDS = (Kind.FOUNDING_STATE, Kind.ASSOCIATE_MEMBER)

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    associate_type = models.CharField(
        _("associate member type"), max_length=20, choices=AssociateType.choices, blank=True
    )
    country = CountryField(_("country"), blank=True)
    region = models.CharField(_("region"), max_length=30, choices=Region.choices, blank=True)
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    summary = models.TextField(_("summary"), blank=True)
    website = models.URLField(_("website"), blank=True)
    # Checked and re-encoded (EXIF stripped) by members.images before it is stored.
    logo = models.ImageField(_("logo"), upload_to="organisations/logos/", blank=True)
    featured = models.BooleanField(
        _("featured on the home page"), default=False, help_text=_("Chosen by the secretariat.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind"], condition=Q(kind="host"), name="members_one_host_organisation"
            ),
            models.CheckConstraint(
                condition=Q(associate_type="") | Q(kind="associate_member"),
                name="members_associate_type_only_for_associates",
            ),
        ]
        indexes = [models.Index(fields=["kind", "status"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("members:microsite", kwargs={"slug": self.slug})

    @property
    def is_host(self):
        return self.kind == self.Kind.HOST

    @property
    def is_member(self):
        return self.kind in self.MEMBER_KINDS

    @property
    def is_partner(self):
        return self.kind == self.Kind.PARTNER_NGO


class Role(models.TextChoices):
    """What a user may do for an organisation. Which roles fit which kind: ROLES_BY_KIND."""

    # The secretariat (host organisation).
    ADMINISTRATOR = "administrator", _("Secretariat administrator")
    COMMUNICATIONS = "communications", _("Communications officer")
    CONFERENCE_SERVICES = "conference_services", _("Conference services officer")
    PARTNERSHIPS = "partnerships", _("Partnerships officer")
    # Founding states and associate members.
    FOCAL_POINT = "focal_point", _("Focal point")
    EDITOR = "editor", _("Editor")
    DELEGATE = "delegate", _("Delegate")
    # Partner NGOs.
    PARTNER_CONTACT = "partner_contact", _("Partner contact")


SECRETARIAT_ROLES = (
    Role.ADMINISTRATOR,
    Role.COMMUNICATIONS,
    Role.CONFERENCE_SERVICES,
    Role.PARTNERSHIPS,
)
MEMBER_ROLES = (Role.FOCAL_POINT, Role.EDITOR, Role.DELEGATE)
ROLES_BY_KIND = {
    Organisation.Kind.HOST: SECRETARIAT_ROLES,
    Organisation.Kind.FOUNDING_STATE: MEMBER_ROLES,
    Organisation.Kind.ASSOCIATE_MEMBER: MEMBER_ROLES,
    Organisation.Kind.PARTNER_NGO: (Role.PARTNER_CONTACT,),
}


def roles_for_kind(kind):
    """The (value, label) choices of the roles that an organisation of this kind can give."""
    return [(role.value, role.label) for role in ROLES_BY_KIND[kind]]


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation__name", "user__email"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="members_one_membership_per_organisation"
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.organisation} ({self.get_role_display()})"


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        """Not yet accepted, not revoked, not expired."""
        return self.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )

    def with_token(self, token):
        return self.filter(token_hash=Invitation.hash_token(token))


class Invitation(models.Model):
    """An e-mail address invited to take a role in one organisation: single use, expiring.

    Only the SHA-256 of the token is stored, so a leaked database does not leak working links.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} → {self.organisation} ({self.get_role_display()})"

    @staticmethod
    def new_token():
        return secrets.token_urlsafe(32)

    @staticmethod
    def hash_token(token):
        return hashlib.sha256(token.encode()).hexdigest()

    @staticmethod
    def default_expiry():
        return timezone.now() + timedelta(days=settings.OEC_INVITATION_VALID_DAYS)

    @property
    def is_pending(self):
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )


class TeamMemberQuerySet(models.QuerySet):
    def of(self, organisation):
        """The team of one organisation, in the order its editors chose."""
        return self.filter(organisation=organisation).order_by("order", "pk")


class TeamMember(models.Model):
    """A person shown on an organisation's microsite (not necessarily a portal user)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="team_members"
    )
    name = models.CharField(_("name"), max_length=150)
    role_title = models.CharField(_("role"), max_length=150)
    biography = models.TextField(_("short biography"), max_length=600, blank=True)
    # Checked and re-encoded (EXIF stripped) by members.images before it is stored.
    photo = models.ImageField(_("photo"), upload_to="organisations/team/", blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    objects = TeamMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        ordering = ["organisation", "order", "pk"]
        indexes = [models.Index(fields=["organisation", "order"])]

    def __str__(self):
        return f"{self.name} ({self.organisation})"


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
