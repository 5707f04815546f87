"""The tenants: the body itself, its member states and associate members, and partner NGOs."""

import functools

from django.conf import settings
from django.db import connection, connections, models
from django.db.models import Q
from django.db.models.expressions import RawSQL
from django.db.models.functions import Collate
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from ..emblems import emblem_initials, emblem_tone
from ..regions import country_names, region_for_country


@functools.cache
def _directory_sort_name_sql(language):
    """(sql, params) of the directory's sort name in `language`: a founding state's country's
    common name, else the organisation's name in `language` or in English.

    Written out once per language rather than as a Case of ~250 When(): building and compiling
    those cost a rebuilt directory page (a cache miss) ~15 ms of CPU (issue 19); on PostgreSQL
    with the names in the text rather than as parameters."""
    table = connection.ops.quote_name(Organisation._meta.db_table)
    column = f"{table}.{{}}".format
    name = (
        f"COALESCE(NULLIF({column(connection.ops.quote_name('name_' + language))}, ''), "
        f"{column(connection.ops.quote_name('name_en'))})"
    )
    common_names = country_names(language)
    branches = " ".join("WHEN %s THEN %s" for _code in common_names)
    sql = (
        f"CASE WHEN {column(connection.ops.quote_name('kind'))} = %s "
        f"THEN (CASE {column(connection.ops.quote_name('country'))} {branches} ELSE {name} END) "
        f"ELSE {name} END"
    )
    params = [Organisation.Kind.FOUNDING_STATE.value]
    for code, common in common_names:
        params += [code, common]
    if connection.vendor == "postgresql":
        # The ~500 names written into the text once: the driver no longer reads and quotes
        # them on each query (~2 ms of a rebuilt directory page). "%" is the driver's sign.
        return connection.ops.compose_sql(sql, params).replace("%", "%%"), []
    return sql, params


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
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        # Names and codes are parameters; the column names are the model's own, quoted.
        sort_name = RawSQL(  # noqa: S611
            *_directory_sort_name_sql(language), output_field=models.CharField()
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
    def is_public(self):
        """What a visitor may see (`public()`): a suspended organisation is seen by the
        secretariat only, without its public ways in (join form, news feeds)."""
        return self.status == self.Status.ACTIVE

    @property
    def is_host(self):
        return self.kind == self.Kind.HOST

    @property
    def is_member(self):
        return self.kind in self.MEMBER_KINDS

    @property
    def is_partner(self):
        return self.kind == self.Kind.PARTNER_NGO

    @property
    def is_admitted_partner(self):
        """A partner NGO in official partnership now: the decisions keep the organisation
        active while its partnership is consultative or associate, and only then
        (partnerships.services.decisions); an applicant is pending, a suspended or ended
        partner is not active."""
        return self.is_partner and self.status == self.Status.ACTIVE

    @property
    def emblem_url(self):
        """The URL of the organisation's own picture (its logo), "" when it has none.

        Pages show a designed cover instead (the `organisation_emblem` tag); a share image
        (og:image) falls back to the portal's own.
        """
        return self.logo.url if self.logo else ""

    @property
    def emblem_initials(self):
        """The letters of its designed cover: a state's from its country's common name in the
        active language ("Sri Lanka", not "Democratic Socialist Republic of ...")."""
        if self.kind == self.Kind.FOUNDING_STATE and self.country:
            return emblem_initials(self.country.name)
        return emblem_initials(self.name)

    @property
    def emblem_tone(self):
        """The palette tone of its designed cover, from the slug: the same in every language."""
        return emblem_tone(self.slug)
