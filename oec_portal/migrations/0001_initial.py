# DashboardVisit moves here from governance (governance 0004): the state only, the table and
# its rows stay as they are.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("governance", "0004_dashboard_visit_to_portal"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="DashboardVisit",
                    fields=[
                        (
                            "user",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                primary_key=True,
                                related_name="+",
                                serialize=False,
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        ("last_visit_at", models.DateTimeField()),
                    ],
                    options={
                        "verbose_name": "dashboard visit",
                        "verbose_name_plural": "dashboard visits",
                        "db_table": "governance_dashboardvisit",
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
