"""The search text of every article, parsed once when it is saved (PostgreSQL only).

0002 indexed the expression `to_tsvector(title || summary || body)`: finding rows used the
index, but ranking them parsed the text of every matching article again, at every search. A
word on most articles ("education", on this portal) then costs some 300 ms on 10,000 articles.
Here each language gets a generated column (PostgreSQL keeps it up to date on every write, so
no code has to) with a GIN index; title words weigh more than the summary's, the summary's more
than the body's. The model does not declare the columns: SQLite (the embedded default) has no
tsvector and searches by substring (members.search).
"""

from django.db import migrations

LANGUAGES = {"en": "english", "fr": "french", "es": "spanish", "ar": "arabic"}


def _vector(code, config):
    return " || ".join(
        f"setweight(to_tsvector('{config}'::regconfig, coalesce({column}_{code}, '')), '{weight}')"
        for column, weight in (("title", "A"), ("summary", "B"), ("body", "C"))
    )


def add_columns(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for code, config in LANGUAGES.items():
        schema_editor.execute(f"DROP INDEX IF EXISTS news_article_search_{code}")
        schema_editor.execute(
            f"ALTER TABLE news_article ADD COLUMN search_{code} tsvector "
            f"GENERATED ALWAYS AS ({_vector(code, config)}) STORED"
        )
        schema_editor.execute(
            f"CREATE INDEX news_article_search_{code} ON news_article USING gin (search_{code})"
        )


def remove_columns(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for code in LANGUAGES:
        # Dropping the column drops its index; 0002's reverse step expects its own indexes back.
        schema_editor.execute(f"ALTER TABLE news_article DROP COLUMN search_{code}")
    from importlib import import_module

    previous = import_module("news.migrations.0002_search_indexes")
    previous.add_indexes(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("news", "0002_search_indexes")]

    operations = [migrations.RunPython(add_columns, remove_columns)]
