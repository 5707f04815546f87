"""Full-text search of any model's translated fields, for every app (members is the ground floor).

PostgreSQL: a language-aware text-search configuration (english, french, spanish, arabic) with
`websearch` query syntax and ranking; a model that wants the search fast declares a GIN index
on the same expression (see `search_vector`). The embedded SQLite default falls back to a
case-insensitive substring match over the same fields.
"""

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorField,
)
from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL

TEXT_SEARCH_CONFIGS = {"en": "english", "fr": "french", "es": "spanish", "ar": "arabic"}


def search_config(language):
    return TEXT_SEARCH_CONFIGS.get(language, "simple")


def search_vector(fields, language):
    """The tsvector expression over `fields` in `language`; use the same one in a GinIndex."""
    return SearchVector(*fields, config=search_config(language))


def search(queryset, query, *, fields, language, stored_vector=None):
    """Rows of `queryset` matching `query` in `fields`, best first (PostgreSQL ranks them).

    `fields` are concrete column names, e.g. ["title_fr", "body_fr"]. An empty query finds
    nothing. Visibility is the caller's: pass a queryset already limited to what the user may
    see (the app's selector, e.g. `pages_visible_to(user)`).
    `stored_vector` names a generated tsvector column of the model's table over those fields,
    on PostgreSQL (a table of many long rows keeps one: see news' migration 0003), so that
    ranking reads it instead of parsing every matching row's text again.
    """
    query = (query or "").strip()
    if not query:
        return queryset.none()
    if connection.vendor == "postgresql":
        if stored_vector:
            # Names from code (the model's table, the caller's column), never from input.
            column = f'"{queryset.model._meta.db_table}"."{stored_vector}"'
            vector = RawSQL(column, [], output_field=SearchVectorField())  # noqa: S611
        else:
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
