"""What the privacy notice promises about how long personal records are kept is done, every
night, by a beat task (members/retention.py)."""

import datetime
from importlib import import_module

import pytest
import time_machine
from django.apps import apps
from django.contrib.sessions.models import Session
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from governance.models import DocumentDownload
from members.models import PrivateFileDownload
from members.retention import apply_retention_periods, years_before
from members.tasks import apply_retention

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2031, 3, 1, 4, 0, tzinfo=datetime.UTC)


def _document_download(at):
    return DocumentDownload.objects.create(symbol="OEC/GA/1/1", language="en", at=at)


def _file_download(at):
    return PrivateFileDownload.objects.create(
        what="governance.delegation.credentials_letter", object_id=1, file_name="x.pdf", at=at
    )


def test_download_records_are_kept_five_years_then_deleted():
    just_kept = _document_download(NOW - datetime.timedelta(days=5 * 365))
    too_old = _document_download(NOW - datetime.timedelta(days=5 * 365 + 2))
    file_kept = _file_download(NOW - datetime.timedelta(days=30))
    file_too_old = _file_download(NOW - datetime.timedelta(days=6 * 365))

    deleted = apply_retention_periods(NOW)

    assert deleted == {"governance.DocumentDownload": 1, "members.PrivateFileDownload": 1}
    assert set(DocumentDownload.objects.values_list("pk", flat=True)) == {just_kept.pk}
    assert set(PrivateFileDownload.objects.values_list("pk", flat=True)) == {file_kept.pk}
    assert not DocumentDownload.objects.filter(pk=too_old.pk).exists()
    assert not PrivateFileDownload.objects.filter(pk=file_too_old.pk).exists()


def test_five_years_before_a_29_february_is_the_28th():
    leap_day = datetime.datetime(2028, 2, 29, 12, 0, tzinfo=datetime.UTC)
    assert years_before(leap_day, 5) == datetime.datetime(2023, 2, 28, 12, 0, tzinfo=datetime.UTC)


def test_expired_sessions_are_deleted_from_the_database():
    Session.objects.create(
        session_key="a" * 32, session_data="", expire_date=timezone.now() - datetime.timedelta(1)
    )
    Session.objects.create(
        session_key="b" * 32, session_data="", expire_date=timezone.now() + datetime.timedelta(1)
    )
    apply_retention_periods()
    assert list(Session.objects.values_list("session_key", flat=True)) == ["b" * 32]


def test_the_task_runs_every_night_on_the_beat():
    # Run again here: a browser test earlier in the session may have flushed the database.
    import_module("members.migrations.0010_retention_schedule").schedule(apps, None)
    task = PeriodicTask.objects.get(task="members.tasks.apply_retention")
    assert (task.crontab.hour, task.crontab.minute, str(task.crontab.timezone)) == (
        "3",
        "30",
        "Europe/Zurich",
    )
    with time_machine.travel(NOW, tick=False):
        old = _document_download(NOW - datetime.timedelta(days=6 * 365))
        assert apply_retention.delay().get() == {
            "governance.DocumentDownload": 1,
            "members.PrivateFileDownload": 0,
        }
    assert not DocumentDownload.objects.filter(pk=old.pk).exists()
