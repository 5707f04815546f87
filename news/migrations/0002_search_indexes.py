"""GIN indexes for full-text search, one per language, on PostgreSQL only.

The expression is built by members.search.search_vector, the same one the search filters on, so
PostgreSQL can use the index. SQLite (the embedded default) has no GIN and skips this step.
"""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

from members.search import search_vector

LANGUAGES = ("en", "fr", "es", "ar")


def _indexes():
    return [
        GinIndex(
            search_vector([f"title_{code}", f"summary_{code}", f"body_{code}"], code),
            name=f"news_article_search_{code}",
        )
        for code in LANGUAGES
    ]


def add_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    article = apps.get_model("news", "Article")
    for index in _indexes():
        schema_editor.add_index(article, index)


def remove_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    article = apps.get_model("news", "Article")
    for index in _indexes():
        schema_editor.remove_index(article, index)


class Migration(migrations.Migration):
    dependencies = [("news", "0001_initial")]

    operations = [migrations.RunPython(add_indexes, remove_indexes)]
