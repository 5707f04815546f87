"""Register the bulletin's schedule with celery beat (idempotent; editable in the admin after).

The bulletin goes out on the first working day of the month at 08:00 in Geneva. A crontab cannot
say "first working day", so the task runs on days 1-3 and the service decides (services.
bulletin_is_due). The sweeper re-enqueues deliveries a broker outage left pending.
"""

from django.db import migrations

COMPOSE_TASK_NAME = "bulletins: compose the monthly bulletin"
SWEEP_TASK_NAME = "bulletins: re-enqueue pending deliveries"


def schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    crontab, _created = CrontabSchedule.objects.get_or_create(
        minute="0",
        hour="8",
        day_of_week="*",
        day_of_month="1-3",
        month_of_year="*",
        timezone="Europe/Zurich",
    )
    # get_or_create: a schedule the secretariat edited in the admin is not overwritten.
    PeriodicTask.objects.get_or_create(
        name=COMPOSE_TASK_NAME,
        defaults={"task": "bulletins.tasks.compose_monthly_bulletin", "crontab": crontab},
    )
    every_five_minutes, _created = IntervalSchedule.objects.get_or_create(
        every=5, period="minutes"
    )
    PeriodicTask.objects.get_or_create(
        name=SWEEP_TASK_NAME,
        defaults={
            "task": "bulletins.tasks.sweep_pending_deliveries",
            "interval": every_five_minutes,
        },
    )


def unschedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(
        name__in=[COMPOSE_TASK_NAME, SWEEP_TASK_NAME]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("bulletins", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(schedule, unschedule)]
