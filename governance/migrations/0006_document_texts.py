"""The text inside each language file, for full-text search (issue 18).

The tsvector column gets its GIN index on PostgreSQL only: SQLite (the embedded default) has
none and searches the text by substring, and a GinIndex in Meta.indexes would break its table
rebuilds. Existing files stay "pending" until `manage.py extract_document_texts` reads them.
"""

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

INDEX = "governance_doctext_search"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX {INDEX} ON governance_documenttext USING gin (search_vector)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0005_private_file_download_to_members"),
    ]

    operations = [
        migrations.CreateModel(
            name="DocumentText",
            fields=[
                (
                    "document_file",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="extracted_text",
                        serialize=False,
                        to="governance.documentfile",
                        verbose_name="document file",
                    ),
                ),
                ("language", models.CharField(max_length=2, verbose_name="language")),
                ("text", models.TextField(blank=True, verbose_name="text")),
                (
                    "search_vector",
                    django.contrib.postgres.search.SearchVectorField(
                        editable=False, null=True, verbose_name="search vector"
                    ),
                ),
                (
                    "source_name",
                    models.CharField(
                        help_text="The stored file the text was read from: the same file is not read twice.",
                        max_length=200,
                        verbose_name="read from",
                    ),
                ),
                ("pages", models.PositiveIntegerField(blank=True, null=True, verbose_name="pages")),
                (
                    "truncated",
                    models.BooleanField(
                        default=False,
                        help_text="Only the first pages or characters were kept.",
                        verbose_name="truncated",
                    ),
                ),
                ("extracted_at", models.DateTimeField(verbose_name="read at")),
            ],
            options={
                "verbose_name": "document text",
                "verbose_name_plural": "document texts",
            },
        ),
        migrations.AddField(
            model_name="documentfile",
            name="text_status",
            field=models.CharField(
                choices=[
                    ("pending", "Text not read yet"),
                    ("searchable", "Text searchable"),
                    ("scanned", "Scanned: no text to search"),
                    ("unsupported", "Text not searched in this format"),
                    ("failed", "Text could not be read"),
                ],
                default="pending",
                max_length=12,
                verbose_name="text",
            ),
        ),
        migrations.RunPython(create_index, drop_index),
    ]
