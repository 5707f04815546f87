"""Each organisation's name search text, parsed once when it is saved (PostgreSQL only; issue 19).

0004 indexed the expression the partner database searches: finding rows used the index, but
the count and the ranking parsed every matching name again, at every search. A word in most
names ("education") then costs some 60 ms on 3,000 partners. As news' 0003 does for articles,
each language gets a generated column (PostgreSQL keeps it up to date on every write, so no
code has to) holding the very vector 0004 indexed, so ranks stay the same, and the GIN index of
0004's name now indexes the column. The model does not declare the columns: SQLite (the
embedded default) has no tsvector and searches by substring (members.search).
"""

from django.db import migrations

LANGUAGES = {"en": "english", "fr": "french", "es": "spanish", "ar": "arabic"}


def _vector(code, config):
    # members.search.search_vector's expression over partnerships.filters.name_search_fields.
    columns = dict.fromkeys([f"name_{code}", "name_en", "short_name"])
    text = " || ' ' || ".join(f"COALESCE({column}, '')" for column in columns)
    return f"to_tsvector('{config}'::regconfig, {text})"


def add_columns(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for code, config in LANGUAGES.items():
        schema_editor.execute(f"DROP INDEX IF EXISTS members_org_name_search_{code}")
        schema_editor.execute(
            f"ALTER TABLE members_organisation ADD COLUMN name_search_{code} tsvector "
            f"GENERATED ALWAYS AS ({_vector(code, config)}) STORED"
        )
        schema_editor.execute(
            f"CREATE INDEX members_org_name_search_{code} ON members_organisation "
            f"USING gin (name_search_{code})"
        )


def remove_columns(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for code in LANGUAGES:
        # Dropping the column drops its index; 0004's reverse step expects its own indexes back.
        schema_editor.execute(f"ALTER TABLE members_organisation DROP COLUMN name_search_{code}")
    from importlib import import_module

    previous = import_module("members.migrations.0004_organisation_name_search")
    previous.create_indexes(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("members", "0010_retention_schedule")]

    operations = [migrations.RunPython(add_columns, remove_columns)]
