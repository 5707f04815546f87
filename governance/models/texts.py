"""The text inside each language file of a document, for full-text search (issue 18).

A file's text is read once, when the file is stored (governance.services), and kept here, one
row per language file, apart from the file's own row: lists load files often and their text
never. On PostgreSQL `search_vector` holds the text parsed in the file's language's
configuration (members.search: english, french, spanish, arabic; PostgreSQL 15 ships an
`arabic` Snowball stemmer, which also folds the short vowels, the tatweel and the hamza forms
of alif), written by the same service and indexed with GIN (migration 0006). The embedded
SQLite default has no text search: there the text is matched by substring.
"""

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchVector,
    SearchVectorField,
)
from django.db import connection, models
from django.db.models import Case, Q, Value, When
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from members.search import TEXT_SEARCH_CONFIGS, search_config

# The highlights ts_headline puts around the words found: control characters that extraction
# removes from every text, so that the passage can be escaped whole and only these become
# <mark> (a PDF may well contain "<script>").
_START, _STOP = "\x02", "\x03"


class TextStatus(models.TextChoices):
    PENDING = "pending", _("Text not read yet")
    SEARCHABLE = "searchable", _("Text searchable")
    SCANNED = "scanned", _("Scanned: no text to search")
    UNSUPPORTED = "unsupported", _("Text not searched in this format")
    FAILED = "failed", _("Text could not be read")


def text_search_config(language_field="language"):
    """The row's text-search configuration, from its language column (for ts_headline)."""
    return Case(
        *[
            When(**{language_field: code}, then=Value(config))
            for code, config in TEXT_SEARCH_CONFIGS.items()
        ],
        default=Value("simple"),
    )


def highlighted(headline):
    """A ts_headline passage as safe HTML: all of it escaped, then only <mark> let in."""
    html = escape(" ".join(headline.split()))
    return mark_safe(html.replace(_START, "<mark>").replace(_STOP, "</mark>"))  # noqa: S308


class DocumentTextQuerySet(models.QuerySet):
    def matching(self, query, *, languages=None):
        """Texts in which `query` is found, each in its own language's configuration.

        PostgreSQL: one condition per language (`language = 'fr' AND search_vector @@
        websearch_to_tsquery('french', ...)`), each of which the GIN index answers.
        SQLite: a case-insensitive substring of the text.
        """
        query = (query or "").strip()
        codes = languages or list(TEXT_SEARCH_CONFIGS)
        if not query:
            return self.none()
        if connection.vendor != "postgresql":
            return self.filter(language__in=codes, text__icontains=query)
        condition = Q()
        for code in codes:
            condition |= Q(language=code, search_vector=self._ts_query(query, code))
        return self.filter(condition)

    @staticmethod
    def _ts_query(query, code):
        return SearchQuery(query, config=search_config(code), search_type="websearch")

    def with_passage(self, query):
        """Adds `passage`: up to two fragments around the words found, highlights marked with
        control characters (see `highlighted`). PostgreSQL only: see `passages`."""
        config = text_search_config()
        return self.annotate(
            passage=SearchHeadline(
                "text",
                SearchQuery(query, config=config, search_type="websearch"),
                config=config,
                start_sel=_START,
                stop_sel=_STOP,
                max_words=24,
                min_words=12,
                max_fragments=2,
                fragment_delimiter=" … ",
            )
        )

    def passages(self, query, *, languages=None):
        """[(document id, language, safe HTML passage)] of the texts matching `query`, in one
        query (PostgreSQL highlights with ts_headline, SQLite by substring).
        """
        query = (query or "").strip()
        rows = self.matching(query, languages=languages)
        if connection.vendor == "postgresql":
            found = rows.with_passage(query).values_list(
                "document_file__document_id", "language", "passage"
            )
        else:
            found = [
                (document_id, language, _substring_passage(text, query))
                for document_id, language, text in rows.values_list(
                    "document_file__document_id", "language", "text"
                )
            ]
        return [
            (document_id, language, highlighted(passage))
            for document_id, language, passage in found
            if passage
        ]


def _substring_passage(text, query, width=90):
    """SQLite's passage: the words around the first place the query occurs, marked."""
    at = text.lower().find(query.lower())
    if at < 0:
        return ""
    start, end = max(at - width, 0), min(at + len(query) + width, len(text))
    # Whole words only at the edges.
    if start:
        start = next((i + 1 for i in range(start, at) if text[i].isspace()), at)
    if end < len(text):
        end = next((i for i in range(end, at + len(query), -1) if text[i].isspace()), end)
    before = ("… " if start else "") + text[start:at]
    after = text[at + len(query) : end] + (" …" if end < len(text) else "")
    return before + _START + text[at : at + len(query)] + _STOP + after


class DocumentText(models.Model):
    """The text of one language file (see the module docstring)."""

    document_file = models.OneToOneField(
        "governance.DocumentFile",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="extracted_text",
        verbose_name=_("document file"),
    )
    # The file's language when its text was read: the configuration the vector was made in.
    language = models.CharField(_("language"), max_length=2)
    text = models.TextField(_("text"), blank=True)
    # PostgreSQL only: SQLite keeps NULL here and never reads it.
    search_vector = SearchVectorField(_("search vector"), null=True, editable=False)
    source_name = models.CharField(
        _("read from"),
        max_length=200,
        help_text=_("The stored file the text was read from: the same file is not read twice."),
    )
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    truncated = models.BooleanField(
        _("truncated"), default=False, help_text=_("Only the first pages or characters were kept.")
    )
    extracted_at = models.DateTimeField(_("read at"))

    objects = DocumentTextQuerySet.as_manager()

    class Meta:
        verbose_name = _("document text")
        verbose_name_plural = _("document texts")

    def __str__(self):
        return str(self.document_file_id)

    @classmethod
    def vector_of_text(cls, language):
        """What `search_vector` holds for a row in `language` (the service writes it)."""
        return SearchVector("text", config=search_config(language))
