"""The register of documents and their language files (in the private store)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Exists, OuterRef, Q, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models import Organisation
from members.private_files import private_storage

from .sessions import AgendaItem, AssemblySession, validate_agenda_item_of_session
from .symbols import SYMBOL_RE, symbol_to_slug, symbol_validator
from .texts import TextStatus


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

    def search(self, query, language, *, file_language=None):
        """Documents whose symbol, title in `language` or the text of a language file (of
        `file_language` only, if given) matches `query`.

        The exact symbol comes first, then the symbols that start with the query, those that
        hold it, the titles, the texts; newest first within each. Each file's text is searched
        in its own language's configuration (governance.models.texts).
        """
        from members.search import search

        from .texts import DocumentText

        query = (query or "").strip()
        if not query:
            return self.none()
        fields = [f"title_{language}"] if language != "en" else []
        fields.append("title_en")
        by_title = search(self.model.objects.all(), query, fields=fields, language=language)
        by_title = by_title.values("pk")
        in_text = DocumentText.objects.matching(
            query, languages=[file_language] if file_language else None
        ).values("document_file__document_id")
        return (
            self.filter(Q(symbol__icontains=query) | Q(pk__in=by_title) | Q(pk__in=in_text))
            .annotate(
                search_order=Case(
                    When(symbol__iexact=query, then=0),
                    When(symbol__istartswith=query, then=1),
                    When(symbol__icontains=query, then=2),
                    When(pk__in=by_title, then=3),
                    default=4,
                )
            )
            .order_by("search_order", "-publication_date", "symbol")
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
    # When the document was first readable beyond the secretariat: its followers were told then,
    # and never again (alerts.document_issue). Empty while it is the secretariat's only.
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True, editable=False)

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

    @property
    def series_id(self):
        """The pk of the series' base document: the one a /Rev., /Add. or /Corr. revises."""
        return self.revises_id or self.pk

    @property
    def issue_kind(self):
        """ "new", "revision", "addendum" or "corrigendum", read from the symbol."""
        match = SYMBOL_RE.match(self.symbol or "")
        revision = (match["revision"] or "") if match else ""
        for prefix, kind in (
            ("/Rev.", "revision"),
            ("/Add.", "addendum"),
            ("/Corr.", "corrigendum"),
        ):
            if revision.startswith(prefix):
                return kind
        return "new"

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
        validate_agenda_item_of_session(self)


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
    # Whether the file's text could be read for full-text search (the text itself is kept apart,
    # in DocumentText: a list of files never loads it).
    text_status = models.CharField(
        _("text"), max_length=12, choices=TextStatus.choices, default=TextStatus.PENDING
    )

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

    @property
    def is_scanned(self):
        return self.text_status == TextStatus.SCANNED

    def private_file_url(self, field_name):
        """The audited download view of the file (private files have no URL of their own)."""
        return self.get_absolute_url()

    def private_file_download_name(self, field_name):
        return self.download_filename
