"""The suppressed addresses moved from bulletins to members with their reason and date."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("members", "0006_notifications_suppressions_preferences"),
    ("bulletins", "0005_delivery_provider_reports"),
]
AFTER = [
    ("members", "0008_notification_mail_schedule"),
    ("bulletins", "0006_suppression_moved_to_members"),
]


@pytest.mark.django_db(transaction=True)
def test_every_suppressed_address_is_copied_with_its_reason_and_date():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old_apps = executor.loader.project_state(BEFORE).apps
    old_suppression = old_apps.get_model("bulletins", "Suppression")
    old_suppression.objects.create(email="gone@ngo.example", reason="hard_bounce")
    old_suppression.objects.create(email="left@public.example", reason="unsubscribed")
    reported = datetime.datetime(2026, 3, 1, 9, 0, tzinfo=datetime.UTC)
    old_suppression.objects.filter(email="gone@ngo.example").update(at=reported)

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new_apps = executor.loader.project_state(AFTER).apps
    suppression = new_apps.get_model("members", "Suppression")

    assert sorted(suppression.objects.values_list("email", "reason")) == [
        ("gone@ngo.example", "hard_bounce"),
        ("left@public.example", "unsubscribed"),
    ]
    assert suppression.objects.get(email="gone@ngo.example").at == reported
    assert "bulletins_suppression" not in connection.introspection.table_names()
