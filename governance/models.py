"""The governing organs of the body: sessions, agenda, documents, decisions, delegations."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models import Organisation
from members.private_files import private_storage

GENERAL_ASSEMBLY_CODE = "GA"

# The body's symbols: OEC/<organ>/<session>/<number>, an optional series (INF for information
# documents, L for limited drafts, DEC/RES for decisions) and a revision, addendum or corrigendum.
SYMBOL_PATTERN = (
    r"^OEC/(?P<organ>[A-Z]{2,4})/(?P<session>\d{1,3})/(?:(?P<series>INF|L|CRP|DEC|RES)/)?"
    r"(?P<number>\d{1,3})(?P<revision>/(?:Rev|Add|Corr)\.\d{1,2})?$"
)
SYMBOL_RE = re.compile(SYMBOL_PATTERN)
symbol_validator = RegexValidator(
    SYMBOL_PATTERN,
    _("Write the symbol as the body does, e.g. OEC/GA/1/5 or OEC/GA/1/5/Rev.1."),
    code="symbol",
)


def symbol_to_slug(symbol):
    """The URL form of a symbol: OEC/GA/1/5/Rev.1 is OEC-GA-1-5-Rev.1 (symbols hold no '-')."""
    return symbol.replace("/", "-")


def slug_to_symbol(slug):
    return slug.replace("-", "/")


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

    def get_absolute_url(self):
        return reverse("governance:session_detail", kwargs={"number": self.number})

    @property
    def registration_is_open(self):
        """Focal points may still change their delegation (the secretariat always may)."""
        if self.status == self.Status.CLOSED:
            return False
        return self.registration_deadline is None or timezone.now() <= self.registration_deadline


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


class DocumentQuerySet(models.QuerySet):
    def with_files(self):
        """What a list item shows (_document_item.html): the available languages, no joins."""
        return self.prefetch_related(
            models.Prefetch("files", queryset=DocumentFile.objects.order_by("language"))
        )

    def with_related(self):
        """What a document's page shows: session, agenda item and the available languages."""
        return self.select_related("session__organ", "agenda_item").with_files()

    def in_language(self, language):
        """Documents with a file in this language."""
        return self.filter(
            Exists(DocumentFile.objects.filter(document=OuterRef("pk"), language=language))
        )

    def search(self, query, language):
        """Documents whose symbol (or its start) or title in `language` matches `query`."""
        from members.search import search

        query = (query or "").strip()
        if not query:
            return self.none()
        fields = [f"title_{language}"] if language != "en" else []
        fields.append("title_en")
        by_title = search(self.model.objects.all(), query, fields=fields, language=language)
        return self.filter(
            Q(symbol__istartswith=query)
            | Q(symbol__icontains=query)
            | Q(pk__in=by_title.values("pk"))
        )


class Document(models.Model):
    class Type(models.TextChoices):
        REPORT = "report", _("Report")
        WORKING_PAPER = "working_paper", _("Working paper")
        PROGRAMME_AND_BUDGET = "programme_budget", _("Programme and budget")
        STRATEGIC_PLAN = "strategic_plan", _("Strategic plan")
        INFORMATION = "information", _("Information document")
        RESOLUTION_TEXT = "resolution_text", _("Text of a draft resolution")

    class Access(models.TextChoices):
        PUBLIC = "public", _("Public")
        MEMBERS = "members", _("Members")
        RESTRICTED = "restricted", _("Restricted to some organisations")
        SECRETARIAT = "secretariat", _("Secretariat only")

    symbol = models.CharField(
        _("symbol"), max_length=40, unique=True, validators=[symbol_validator]
    )
    revises = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="revisions",
        verbose_name=_("revises"),
        help_text=_("For a /Rev., /Add. or /Corr. symbol: the document it revises."),
    )
    title = models.CharField(_("title"), max_length=300)
    type = models.CharField(_("type"), max_length=20, choices=Type.choices)
    session = models.ForeignKey(
        AssemblySession,
        on_delete=models.PROTECT,
        related_name="documents",
        verbose_name=_("session"),
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("agenda item"),
    )
    publication_date = models.DateField(_("publication date"), default=timezone.localdate)
    access = models.CharField(
        _("access"), max_length=12, choices=Access.choices, default=Access.MEMBERS
    )
    # The owner: the body (the host organisation), per the tenancy rule.
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="documents", verbose_name=_("owner")
    )
    restricted_to = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="restricted_documents",
        verbose_name=_("restricted to"),
        help_text=_("For the restricted access class: the organisations that may read it."),
    )
    created_at = models.DateTimeField(_("entered in the register"), default=timezone.now)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-publication_date", "symbol"]
        indexes = [
            models.Index(fields=["access", "-publication_date"]),
            # The register's order and the dashboard's "new since": an index scan in that
            # order stops after one page instead of sorting every visible document.
            models.Index(fields=["-publication_date", "symbol"], name="governance_doc_register"),
            models.Index(fields=["-created_at", "symbol"], name="governance_doc_new"),
        ]

    def __str__(self):
        return self.symbol

    def get_absolute_url(self):
        return reverse("governance:document_detail", kwargs={"symbol": self.slug})

    @property
    def slug(self):
        return symbol_to_slug(self.symbol)

    def clean(self):
        match = SYMBOL_RE.match(self.symbol or "")
        if not match:
            return
        if match["revision"]:
            base = self.symbol[: -len(match["revision"])]
            if self.revises is None or self.revises.symbol != base:
                raise ValidationError(
                    {"revises": _("A revision of %(base)s must revise %(base)s.") % {"base": base}}
                )
        elif self.revises is not None:
            raise ValidationError(
                {"revises": _("Only a /Rev., /Add. or /Corr. symbol revises another document.")}
            )
        if self.agenda_item_id and self.agenda_item.session_id != self.session_id:
            raise ValidationError({"agenda_item": _("The agenda item belongs to another session.")})


class Language(models.TextChoices):
    EN = "en", _("English")
    FR = "fr", _("French")
    ES = "es", _("Spanish")
    AR = "ar", _("Arabic")


class DocumentFile(models.Model):
    """One language version of a document, in the private store under a server-made name."""

    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="files", verbose_name=_("document")
    )
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    file = models.FileField(
        _("file"), storage=private_storage, upload_to="documents/", max_length=200
    )
    original_filename = models.CharField(_("original file name"), max_length=200, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    content_type = models.CharField(_("content type"), max_length=120, blank=True)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("document file")
        verbose_name_plural = _("document files")
        ordering = ["document", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "language"], name="governance_one_file_per_language"
            )
        ]

    def __str__(self):
        return f"{self.document.symbol} ({self.language})"

    def get_absolute_url(self):
        return reverse(
            "governance:document_download",
            kwargs={"symbol": self.document.slug, "language": self.language},
        )

    @property
    def download_filename(self):
        extension = self.file.name.rsplit(".", 1)[-1]
        return self.original_filename or f"{self.document.slug}-{self.language}.{extension}"

    def private_file_url(self, field_name):
        """The audited download view of the file (private files have no URL of their own)."""
        return self.get_absolute_url()

    def private_file_download_name(self, field_name):
        return self.download_filename


class DownloadRecord(models.Model):
    """The audit fields of a download from the private store: who, acting for which
    organisation, when, from where. Kept when the file is replaced or goes."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # The downloader's acting organisation; none for an anonymous visitor (public files).
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    ip = models.GenericIPAddressField(_("IP address"), null=True)

    class Meta:
        abstract = True
        ordering = ["-at"]

    def __str__(self):
        return f"{self.file_label} · {self.user or '-'} · {self.at:%Y-%m-%d %H:%M}"


class DocumentDownload(DownloadRecord):
    """Audit: who downloaded which language file of a document."""

    document_file = models.ForeignKey(
        DocumentFile, on_delete=models.SET_NULL, null=True, related_name="downloads"
    )
    symbol = models.CharField(_("symbol"), max_length=40)
    language = models.CharField(_("language"), max_length=2)

    class Meta(DownloadRecord.Meta):
        verbose_name = _("document download")
        verbose_name_plural = _("document downloads")

    @property
    def file_label(self):
        return f"{self.symbol} ({self.language})"


class PrivateFileDownload(DownloadRecord):
    """Audit of a download of another file of the private store than a document's (those are
    DocumentDownload rows): a credentials letter, a partnership application's statutes or
    activity report, a partner's activity or publication file."""

    # "<app>.<model>.<field>" and the row's id: which file of which row.
    what = models.CharField(_("file of"), max_length=100)
    object_id = models.PositiveBigIntegerField(_("object id"))
    file_name = models.CharField(_("stored file"), max_length=200)
    # Whose file it is (the tenant of the row); `organisation` is the downloader's.
    owner = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("organisation of the file"),
    )

    class Meta(DownloadRecord.Meta):
        verbose_name = _("file download")
        verbose_name_plural = _("file downloads")

    @property
    def file_label(self):
        return f"{self.what} #{self.object_id}"


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
        if self.agenda_item_id and self.agenda_item.session_id != self.session_id:
            raise ValidationError({"agenda_item": _("The agenda item belongs to another session.")})


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


class DelegationQuerySet(models.QuerySet):
    def accredited(self):
        return self.filter(status=Delegation.Status.ACCREDITED)


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
    def email(self):
        return self.user.email if self.user_id else self.guest_email


class OfficeHolder(models.Model):
    class Post(models.TextChoices):
        SECRETARY_GENERAL = "secretary_general", _("Secretary-General")
        DEPUTY_SECRETARY_GENERAL = "deputy_secretary_general", _("Deputy Secretary-General")
        ASSEMBLY_PRESIDENT = "assembly_president", _("President of the General Assembly")

    post = models.CharField(_("post"), max_length=30, choices=Post.choices)
    person_name = models.CharField(_("name"), max_length=200)
    title = models.CharField(
        _("title"), max_length=200, blank=True, help_text=_("e.g. His Excellency")
    )
    term_start = models.DateField(_("term starts"))
    term_end = models.DateField(_("term ends"), null=True, blank=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="office_holders"
    )

    class Meta:
        verbose_name = _("office holder")
        verbose_name_plural = _("office holders")
        ordering = ["post", "-term_start"]

    def __str__(self):
        return f"{self.get_post_display()}: {self.person_name}"

    @property
    def is_current(self):
        today = timezone.localdate()
        return self.term_start <= today and (self.term_end is None or self.term_end >= today)
