"""Full-text search of any model's translated fields, for every app (members is the ground floor).

PostgreSQL: a language-aware text-search configuration (english, french, spanish, arabic) with
`websearch` query syntax and ranking; a model that wants the search fast declares a GIN index
on the same expression (see `search_vector`). The embedded SQLite default falls back to a
case-insensitive substring match over the same fields.
"""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Q

TEXT_SEARCH_CONFIGS = {"en": "english", "fr": "french", "es": "spanish", "ar": "arabic"}


def search_config(language):
    return TEXT_SEARCH_CONFIGS.get(language, "simple")


def search_vector(fields, language):
    """The tsvector expression over `fields` in `language`; use the same one in a GinIndex."""
    return SearchVector(*fields, config=search_config(language))


def search(queryset, query, *, fields, language):
    """Rows of `queryset` matching `query` in `fields`, best first (PostgreSQL ranks them).

    `fields` are concrete column names, e.g. ["title_fr", "body_fr"]. An empty query finds
    nothing. Visibility is the caller's: pass a queryset that is already `visible_to(user)`.
    """
    query = (query or "").strip()
    if not query:
        return queryset.none()
    if connection.vendor == "postgresql":
        vector = search_vector(fields, language)
        ts_query = SearchQuery(query, config=search_config(language), search_type="websearch")
        # Filtering on the same expression as the model's GinIndex lets PostgreSQL use it.
        return (
            queryset.annotate(search_document=vector)
            .filter(search_document=ts_query)
            .annotate(search_rank=SearchRank(vector, ts_query))
            .order_by("-search_rank")
        )
    condition = Q()
    for field in fields:
        condition |= Q(**{f"{field}__icontains": query})
    return queryset.filter(condition)
