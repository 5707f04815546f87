"""The suppressed addresses move from bulletins to members (the ground floor): every row is
copied with its reason and date; bulletins 0006 then drops the old table."""

from django.db import migrations


def copy_from_bulletins(apps, schema_editor):
    Old = apps.get_model("bulletins", "Suppression")
    New = apps.get_model("members", "Suppression")
    rows = [New(email=row.email, reason=row.reason) for row in Old.objects.all()]
    New.objects.bulk_create(rows, ignore_conflicts=True)
    # `at` is auto_now_add: written again after the insert, so the date of each report stays.
    for row in Old.objects.all():
        New.objects.filter(email=row.email).update(at=row.at)


def copy_back(apps, schema_editor):
    Old = apps.get_model("bulletins", "Suppression")
    New = apps.get_model("members", "Suppression")
    for row in New.objects.all():
        Old.objects.update_or_create(email=row.email, defaults={"reason": row.reason})
        Old.objects.filter(email=row.email).update(at=row.at)


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0006_notifications_suppressions_preferences"),
        ("bulletins", "0005_delivery_provider_reports"),
    ]

    operations = [migrations.RunPython(copy_from_bulletins, copy_back)]
