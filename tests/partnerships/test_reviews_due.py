"""The daily reminder of periodic reviews, and its beat schedule."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.utils import timezone, translation
from django.utils.formats import date_format
from django_celery_beat.models import PeriodicTask

from members.models import Role
from partnerships.tasks import email_reviews_due
from tests.factories import PartnerOrganisationFactory, PartnershipFactory, user_with_role

# Its subject is a date: make test runs it again at awkward days (tests/clock.py).
pytestmark = pytest.mark.clock

D = datetime.date


def partner_due(name, next_review_on, status="consultative"):
    organisation = PartnerOrganisationFactory(name=name, slug=name.lower())
    return PartnershipFactory(
        organisation=organisation, next_review_on=next_review_on, status=status
    )


def test_reviews_due_in_60_days_are_mailed_to_partnerships_officers(
    partnerships_officer, secretariat_editor
):
    today = timezone.localdate()
    partner_due("Soon", today + datetime.timedelta(days=10))
    partner_due("Edge", today + datetime.timedelta(days=60))
    partner_due("Later", today + datetime.timedelta(days=61))
    partner_due("Past", today - datetime.timedelta(days=1))
    partner_due("Ended", today + datetime.timedelta(days=5), status="ended")
    partner_due("Applicant", today + datetime.timedelta(days=5), status="applicant")
    assert email_reviews_due.delay().get() == 2
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["partnerships@oec.example"]
    assert message.subject == "Partnership reviews due in the next 60 days: 2"
    lines = [line for line in message.body.splitlines() if line.startswith("- ")]
    assert [line.split(": ")[1].split(" (")[0] for line in lines] == ["Soon", "Edge"]
    # The date as the portal writes it in English (the officers' working language), not ISO.
    soon = date_format(today + datetime.timedelta(days=10), "DATE_FORMAT")
    assert lines[0].startswith(f"- {soon}: Soon (")


def test_reviews_due_mail_is_in_english_whatever_language_is_active(partnerships_officer):
    partner_due("Soon", D(2027, 1, 15))
    with time_machine.travel(datetime.datetime(2026, 12, 7, 9, tzinfo=datetime.UTC)):
        with translation.override("ar"):
            email_reviews_due.delay().get()
    assert "- 15 January 2027: Soon (" in mail.outbox[0].body


def test_no_mail_when_no_review_is_due(partnerships_officer):
    partner_due("Later", timezone.localdate() + datetime.timedelta(days=90))
    assert email_reviews_due.delay().get() == 0
    assert mail.outbox == []


def test_no_mail_when_there_is_no_partnerships_officer(host):
    user_with_role(host, Role.COMMUNICATIONS, email="comms@oec.example")
    partner_due("Soon", timezone.localdate() + datetime.timedelta(days=3))
    assert email_reviews_due.delay().get() == 0
    assert mail.outbox == []


def test_reviews_task_is_scheduled_daily_at_seven_in_geneva(db):
    from importlib import import_module

    from django.apps import apps

    # Run again here: a browser test earlier in the session may have flushed the database.
    import_module("partnerships.migrations.0003_reviews_due_schedule").schedule(apps, None)
    task = PeriodicTask.objects.get(task="partnerships.tasks.email_reviews_due")
    crontab = task.crontab
    assert (crontab.minute, crontab.hour, crontab.day_of_week, str(crontab.timezone)) == (
        "0",
        "7",
        "*",
        "Europe/Zurich",
    )
    assert task.enabled is True


def test_schedule_migration_is_idempotent(db):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("partnerships.migrations.0003_reviews_due_schedule")
    migration.schedule(apps, None)
    migration.schedule(apps, None)
    assert PeriodicTask.objects.filter(task="partnerships.tasks.email_reviews_due").count() == 1
