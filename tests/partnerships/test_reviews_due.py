"""The daily announcement of periodic reviews (once per review date), and its beat schedule."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.utils import timezone, translation
from django_celery_beat.models import PeriodicTask

from members.models import Role
from partnerships.tasks import email_reviews_due
from tests.factories import PartnerOrganisationFactory, PartnershipFactory, user_with_role

D = datetime.date


def partner_due(name, next_review_on, status="consultative"):
    organisation = PartnerOrganisationFactory(name=name, slug=name.lower())
    return PartnershipFactory(
        organisation=organisation, next_review_on=next_review_on, status=status
    )


@pytest.mark.clock
def test_reviews_due_in_60_days_are_announced_to_partnerships_officers(
    partnerships_officer, secretariat_editor, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    partner_due("Soon", today + datetime.timedelta(days=10))
    partner_due("Edge", today + datetime.timedelta(days=60))
    partner_due("Later", today + datetime.timedelta(days=61))
    partner_due("Past", today - datetime.timedelta(days=1))
    partner_due("Ended", today + datetime.timedelta(days=5), status="ended")
    partner_due("Applicant", today + datetime.timedelta(days=5), status="applicant")
    with django_capture_on_commit_callbacks(execute=True):
        assert email_reviews_due.delay().get() == 2
    assert [message.to for message in mail.outbox] == [["partnerships@oec.example"]] * 2
    soon = (today + datetime.timedelta(days=10)).isoformat()
    edge = (today + datetime.timedelta(days=60)).isoformat()
    assert [message.subject for message in mail.outbox] == [
        f"Periodic review coming for Soon ({soon})",
        f"Periodic review coming for Edge ({edge})",
    ]
    assert "/admin/partnerships/partnership/" in mail.outbox[0].body


def test_reviews_due_mail_is_in_the_officers_language_whatever_language_is_active(
    partnerships_officer, django_capture_on_commit_callbacks
):
    partner_due("Soon", D(2027, 1, 15))
    with time_machine.travel(datetime.datetime(2026, 12, 7, 9, tzinfo=datetime.UTC)):
        with translation.override("ar"), django_capture_on_commit_callbacks(execute=True):
            email_reviews_due.delay().get()
    assert mail.outbox[0].subject == "Periodic review coming for Soon (2027-01-15)"


@pytest.mark.clock
def test_a_review_date_is_announced_once(partnerships_officer):
    partner_due("Soon", timezone.localdate() + datetime.timedelta(days=3))
    assert email_reviews_due.delay().get() == 1
    assert email_reviews_due.delay().get() == 0


@pytest.mark.clock
def test_no_mail_when_no_review_is_due(partnerships_officer):
    partner_due("Later", timezone.localdate() + datetime.timedelta(days=90))
    assert email_reviews_due.delay().get() == 0
    assert mail.outbox == []


def test_no_mail_when_there_is_no_partnerships_officer(host, django_capture_on_commit_callbacks):
    user_with_role(host, Role.COMMUNICATIONS, email="comms@oec.example")
    partner_due("Soon", timezone.localdate() + datetime.timedelta(days=3))
    with django_capture_on_commit_callbacks(execute=True):
        email_reviews_due.delay().get()
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
