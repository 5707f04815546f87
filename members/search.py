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
from django.db.models import Expression, Q
from django.db.models.constants import LOOKUP_SEP

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
    `stored_vector` names a generated tsvector column over those fields, on PostgreSQL, of the
    model's table ("search_en": news' migration 0003) or of a related one's
    ("organisation__name_search_en": members' 0011), so that counting and ranking read it
    instead of parsing every matching row's text again.
    """
    query = (query or "").strip()
    if not query:
        return queryset.none()
    if connection.vendor == "postgresql":
        if stored_vector:
            vector = StoredVector(stored_vector)
        else:
            vector = search_vector(fields, language)
        ts_query = SearchQuery(query, config=search_config(language), search_type="websearch")
        # Filtering on the same expression as the model's GinIndex lets PostgreSQL use it.
        return (
            queryset.annotate(search_document=vector)
            .filter(search_document=ts_query)
            .annotate(search_rank=SearchRank(vector, ts_query))
            # Equal ranks in a stable order, or page 2 could repeat a row of page 1.
            .order_by("-search_rank", "pk")
        )
    condition = Q()
    for field in fields:
        condition |= Q(**{f"{field}__icontains": query})
    return queryset.filter(condition)


class StoredVector(Expression):
    """A tsvector column that migrations add on PostgreSQL but the model does not declare
    (SQLite has none), of the queried model ("search_en") or of a related one
    ("organisation__name_search_en"): read from wherever the query joins its table."""

    output_field = SearchVectorField()

    def __init__(self, path, alias=None):
        super().__init__()
        self.path, self.alias = path, alias

    def resolve_expression(self, query=None, allow_joins=True, reuse=None, *args, **kwargs):
        if self.alias:
            return self  # Resolved in its own query (which is now another's subquery).
        *relations, _column = self.path.split(LOOKUP_SEP)
        alias = query.get_initial_alias()
        if relations:
            # The join an F("organisation__…") would take: the query's own if it has one.
            joined = query.setup_joins(relations, query.get_meta(), alias, can_reuse=reuse)
            alias = joined.joins[-1]
        return StoredVector(self.path, alias)

    def relabeled_clone(self, change_map):
        # The query renames its tables when it becomes a subquery of another.
        return StoredVector(self.path, change_map.get(self.alias, self.alias))

    def as_sql(self, compiler, connection):
        # Names from code (the query's alias, the caller's column), never from input.
        column = self.path.split(LOOKUP_SEP)[-1]
        alias = compiler.quote_name_unless_alias(self.alias)
        return f"{alias}.{connection.ops.quote_name(column)}", []
