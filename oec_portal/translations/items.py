"""The kinds of translatable items: which rows, which fields, how each is named."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from bulletins.models import Bulletin
from governance.models import AgendaItem, AssemblySession, Decision, Document
from members.models import Organisation
from news.models import Article
from pages.models import Page
from partnerships.models import Partnership

SOURCE_SUFFIX = "_en"


@dataclass(frozen=True)
class ItemType:
    key: str  # in URLs and XLIFF ids: never change one
    label: str
    model: type
    fields: tuple
    rows: Callable  # () -> the queryset of the items, with what `name` reads
    name: Callable  # (row) -> how the overview names the row
    rich_text: frozenset = field(default_factory=frozenset)

    @property
    def content_type(self):
        return ContentType.objects.get_for_model(self.model)

    def get(self, pk):
        return self.rows().filter(pk=pk).first()


def _source(row, name):
    return getattr(row, f"{name}{SOURCE_SUFFIX}") or ""


ITEM_TYPES = (
    ItemType(
        key="mission-page",
        label=_("Mission pages"),
        model=Page,
        fields=("title", "meta_description", "body"),
        rich_text=frozenset({"body"}),
        rows=lambda: Page.objects.of_host().select_related("organisation"),
        name=lambda row: _source(row, "title"),
    ),
    ItemType(
        key="microsite-page",
        label=_("Member microsite pages"),
        model=Page,
        fields=("title", "meta_description", "body"),
        rich_text=frozenset({"body"}),
        rows=lambda: Page.objects.filter(
            organisation__kind__in=Organisation.MEMBER_KINDS
        ).select_related("organisation"),
        name=lambda row: f"{row.organisation.name_en}: {_source(row, 'title')}",
    ),
    ItemType(
        key="news",
        label=_("News"),
        model=Article,
        fields=("title", "summary", "body", "image_alt"),
        rich_text=frozenset({"body"}),
        rows=lambda: Article.objects.order_by("-created_at", "pk"),
        name=lambda row: _source(row, "title"),
    ),
    ItemType(
        key="session",
        label=_("Sessions"),
        model=AssemblySession,
        fields=("venue", "description"),
        rows=lambda: AssemblySession.objects.select_related("organ"),
        name=lambda row: f"{row.organ.name_en}, {row.number}",
    ),
    ItemType(
        key="agenda-item",
        label=_("Agenda items"),
        model=AgendaItem,
        fields=("title",),
        rows=lambda: AgendaItem.objects.select_related("session__organ").order_by(
            "-session__start_date", "pk"
        ),
        name=lambda row: (
            f"{row.session.organ.name_en} {row.session.number}, "
            f"{row.number}. {_source(row, 'title')}"
        ),
    ),
    ItemType(
        key="document",
        label=_("Document titles"),
        model=Document,
        fields=("title",),
        rows=lambda: Document.objects.order_by("symbol"),
        name=lambda row: f"{row.symbol} {_source(row, 'title')}",
    ),
    ItemType(
        key="decision",
        label=_("Decisions"),
        model=Decision,
        fields=("title", "text"),
        rows=lambda: Decision.objects.order_by("symbol"),
        name=lambda row: f"{row.symbol} {_source(row, 'title')}",
    ),
    ItemType(
        key="partner-profile",
        label=_("Partner profiles"),
        model=Partnership,
        fields=("description",),
        rows=lambda: Partnership.objects.select_related("organisation"),
        name=lambda row: row.organisation.name_en,
    ),
    ItemType(
        key="bulletin",
        label=_("Bulletin introductions"),
        model=Bulletin,
        fields=("introduction",),
        rich_text=frozenset({"introduction"}),
        rows=lambda: Bulletin.objects.order_by("-month"),
        name=lambda row: str(row),
    ),
)
ITEM_TYPES_BY_KEY = {item_type.key: item_type for item_type in ITEM_TYPES}


def item_type_choices():
    return [(item_type.key, item_type.label) for item_type in ITEM_TYPES]


def item_type_of(key):
    """The ItemType for `key`, or None."""
    return ITEM_TYPES_BY_KEY.get(key)
