"""Site search: one box over what the visitor may see, in their language, grouped by type.

Each group is a `SearchGroup`: a label and a function `find(user, query, language)` that returns
a queryset which ALREADY applies visibility (the app's selector, e.g. `pages_visible_to(user)`,
or `published()`), searched with the app's `search(query, language)` (members.search
underneath: PostgreSQL full-text search with the language's configuration, substring match on
SQLite). Another app plugs in by adding one entry to `SEARCH_GROUPS`, e.g.

    SearchGroup("news", _("News"), lambda user, q, lang:
        articles_visible_to(user).published().with_related().search(q, lang))
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.shortcuts import render
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from governance.selectors import decisions_visible_to, documents_visible_to, with_passages
from members.content_cache import cached_until_content_changes, reads_query_parameters
from members.models import Organisation
from members.permissions import audience
from members.private_page_cache import cached_per_signed_in_user
from members.search import search
from news.models import Article
from pages.selectors import pages_visible_to
from partnerships.models import Partnership

MAX_QUERY_LENGTH = 200
RESULTS_PER_GROUP = 10


def describe(obj):
    """What a result shows by default: its name, its address, a short summary if it has one."""
    summary = getattr(obj, "summary", "") or ""
    return {
        "title": str(obj),
        "url": obj.get_absolute_url(),
        "summary": Truncator(strip_tags(summary)).words(30),
    }


# Block tags end a phrase: their text must not run into the next one in a summary.
_BLOCK_TAG = re.compile(r"</?(?:p|li|ul|ol|h2|h3|h4|blockquote|br)\b")


def plain_text(html):
    return " ".join(strip_tags(_BLOCK_TAG.sub(lambda match: " " + match.group(0), html)).split())


def describe_page(page):
    text = page.meta_description or plain_text(page.body)
    return {
        "title": page.title,
        "url": page.get_absolute_url(),
        "summary": Truncator(text).words(30),
    }


def find_pages(user, query, language):
    """Published pages the user may see; never a draft, whoever asks."""
    return pages_visible_to(user).published().select_related("organisation").search(query, language)


def find_organisations(user, query, language):
    """Public founding states and associate members, by name (in this language or English)."""
    fields = list(dict.fromkeys([f"name_{language}", "name_en", "short_name"]))
    return search(Organisation.objects.public().members(), query, fields=fields, language=language)


def find_news(user, query, language):
    """The Organisation's own news only (members' articles once accepted): drafts stay out
    even for their editors."""
    return Article.objects.portal_news().select_related("organisation").search(query, language)


def find_documents(user, query, language):
    """Documents of the register the user may read (public ones for a visitor)."""
    return documents_visible_to(user).search(query, language)


def find_decisions(user, query, language):
    fields = list(dict.fromkeys([f"title_{language}", "title_en", "symbol"]))
    return search(decisions_visible_to(user), query, fields=fields, language=language)


def find_partners(user, query, language):
    """Official partners of the public database, by name or description."""
    fields = list(
        dict.fromkeys(
            [f"organisation__name_{language}", "organisation__name_en", f"description_{language}"]
        )
    )
    partners = Partnership.objects.public().select_related("organisation")
    return search(partners, query, fields=fields, language=language)


def describe_document(document):
    return {
        "title": f"{document.symbol} — {document.title}",
        "url": document.get_absolute_url(),
        "summary": "",
        # Words found inside its files (plain data with safe HTML: kept in the cache as is).
        "passages": getattr(document, "passages", []),
    }


def document_passages(documents, query, language):
    """The documents shown, each with where the words occur inside its files (one query)."""
    return with_passages(documents, query, language=language)


def describe_partner(partnership):
    return {
        "title": partnership.organisation.name,
        "url": partnership.get_absolute_url(),
        "summary": Truncator(strip_tags(partnership.description or "")).words(30),
    }


@dataclass(frozen=True)
class SearchGroup:
    key: str
    label: str
    find: Callable
    present: Callable = field(default=describe)
    # Optional: `prepare(rows, query, language)` gives the rows shown what `present` needs
    # besides the row itself, for all of them at once (one query, not one per row).
    prepare: Callable | None = None


SEARCH_GROUPS = [
    SearchGroup("pages", _("Pages"), find_pages, describe_page),
    SearchGroup("news", _("News"), find_news),
    SearchGroup("documents", _("Documents"), find_documents, describe_document, document_passages),
    SearchGroup("decisions", _("Decisions"), find_decisions, describe_document),
    SearchGroup("organisations", _("Members"), find_organisations),
    SearchGroup("partners", _("Partner NGOs"), find_partners, describe_partner),
]


def run_search(user, query, language, groups=None):
    """[{key, label, results: [{title, url, summary}], has_more}] for the groups with results.

    One query per group: each fetches one row more than it shows, to know whether there are more.
    """
    found = []
    for group in groups if groups is not None else SEARCH_GROUPS:
        rows = list(group.find(user, query, language)[: RESULTS_PER_GROUP + 1])
        if rows and group.prepare is not None:
            rows = group.prepare(rows, query, language)
        if rows:
            found.append(
                {
                    "key": group.key,
                    "label": str(group.label),  # plain text: a lazy string unpickles slowly
                    "results": [group.present(row) for row in rows[:RESULTS_PER_GROUP]],
                    "has_more": len(rows) > RESULTS_PER_GROUP,
                }
            )
    return found


@reads_query_parameters("q")
@cached_per_signed_in_user
def site_search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    groups = []
    if query:
        # Results depend only on what the viewer may see: shared by viewers of one audience.
        groups = cached_until_content_changes(
            "site-search",
            audience(request.user),
            query,
            compute=lambda: run_search(request.user, query, get_language()),
        )
    return render(
        request,
        "search.html",
        {"search_query": query, "groups": groups, "searched": bool(query)},
    )
