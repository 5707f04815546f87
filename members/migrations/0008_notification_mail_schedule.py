"""Register the notifications' daily digest and their sweeper with celery beat (idempotent)."""

from django.db import migrations

DIGEST_TASK_NAME = "members: daily digest of notifications"
SWEEP_TASK_NAME = "members: re-enqueue notification mails"


def schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    crontab, _created = CrontabSchedule.objects.get_or_create(
        minute="0",
        hour="18",
        day_of_week="*",
        day_of_month="*",
        month_of_year="*",
        timezone="Europe/Zurich",
    )
    PeriodicTask.objects.update_or_create(
        name=DIGEST_TASK_NAME,
        defaults={"task": "members.notifications.tasks.send_daily_digests", "crontab": crontab},
    )
    every, _created = IntervalSchedule.objects.get_or_create(every=10, period="minutes")
    PeriodicTask.objects.update_or_create(
        name=SWEEP_TASK_NAME,
        defaults={"task": "members.notifications.tasks.sweep_notification_mails", "interval": every},
    )


def unschedule(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name__in=[DIGEST_TASK_NAME, SWEEP_TASK_NAME]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0007_suppressions_from_bulletins"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(schedule, unschedule)]
