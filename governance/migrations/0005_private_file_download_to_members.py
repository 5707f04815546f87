# The audit trail of private file downloads is the ground floor's, beside the private store
# (members.PrivateFileDownload): the model leaves governance's state; its table
# governance_privatefiledownload stays where it is with its rows, and members' 0005 takes it over.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0004_dashboard_visit_to_portal"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="PrivateFileDownload")],
            database_operations=[],
        ),
    ]
