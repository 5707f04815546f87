# The dashboard's last visit is the portal's (oec_portal composes the dashboard): the model
# leaves governance's state; its table stays where it is and oec_portal's 0001 takes it over.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0003_private_file_download"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="DashboardVisit")],
            database_operations=[],
        ),
    ]
