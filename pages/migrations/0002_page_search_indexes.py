"""Full-text GIN indexes on each language's title and body, on PostgreSQL only.

They index the very expression members.search filters on (`search_vector`), so PostgreSQL
uses them. SQLite (the embedded default) has no GIN indexes and searches by substring, and a
GinIndex in Meta.indexes would break its table rebuilds, hence a migration guarded by vendor.
"""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

LANGUAGES = ("en", "fr", "es", "ar")


def _indexes():
    from members.search import search_vector

    return [
        GinIndex(
            search_vector([f"title_{code}", f"body_{code}"], code),
            name=f"pages_page_search_{code}",
        )
        for code in LANGUAGES
    ]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    page = apps.get_model("pages", "Page")
    for index in _indexes():
        schema_editor.add_index(page, index)


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    page = apps.get_model("pages", "Page")
    for index in _indexes():
        schema_editor.remove_index(page, index)


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
