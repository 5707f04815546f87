# PrivateFileDownload moves here from governance (governance 0005): the state only, the table
# governance_privatefiledownload (made by governance 0003) and its rows stay as they are.

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0004_organisation_name_search"),
        ("governance", "0005_private_file_download_to_members"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="PrivateFileDownload",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "at",
                            models.DateTimeField(
                                default=django.utils.timezone.now, verbose_name="at"
                            ),
                        ),
                        ("ip", models.GenericIPAddressField(null=True, verbose_name="IP address")),
                        ("what", models.CharField(max_length=100, verbose_name="file of")),
                        ("object_id", models.PositiveBigIntegerField(verbose_name="object id")),
                        ("file_name", models.CharField(max_length=200, verbose_name="stored file")),
                        (
                            "organisation",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="members.organisation",
                            ),
                        ),
                        (
                            "owner",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="members.organisation",
                                verbose_name="organisation of the file",
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "file download",
                        "verbose_name_plural": "file downloads",
                        "db_table": "governance_privatefiledownload",
                        "ordering": ["-at"],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
