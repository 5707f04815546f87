"""Full-text GIN indexes on organisation names per language, on PostgreSQL only.

They index the expression the partner database and the site search filter on
(`members.search.search_vector` over the name in the language, the English name and the short
name), so PostgreSQL reads them instead of every name. SQLite searches by substring.
"""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

LANGUAGES = ("en", "fr", "es", "ar")


def _indexes():
    from members.search import search_vector

    return [
        GinIndex(
            search_vector(list(dict.fromkeys([f"name_{code}", "name_en", "short_name"])), code),
            name=f"members_org_name_search_{code}",
        )
        for code in LANGUAGES
    ]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    organisation = apps.get_model("members", "Organisation")
    for index in _indexes():
        schema_editor.add_index(organisation, index)


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    organisation = apps.get_model("members", "Organisation")
    for index in _indexes():
        schema_editor.remove_index(organisation, index)


class Migration(migrations.Migration):
    dependencies = [("members", "0003_organisation_logo_joinrequest_teammember")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
