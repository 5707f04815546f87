"""Notification mails: the one-click stop (RFC 8058), the daily digest, each person's choice."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django_celery_beat.models import PeriodicTask

from members.models import Notification, NotificationDigest, Role, Suppression
from members.notifications import notify
from members.notifications.tasks import send_daily_digests
from members.notifications.tokens import stop_mail_token

ZURICH = datetime.timezone(datetime.timedelta(hours=1))


def join_request_event(organisation, name="Amadou"):
    return notify(event="members.join_request_received", organisation=organisation,
                  roles=[Role.FOCAL_POINT], context={"name": name})  # fmt: skip


def test_the_mail_carries_one_click_unsubscribe_headers(
    client, member_a, focal_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        join_request_event(member_a)
    message = mail.outbox[0]
    stop_url = message.extra_headers["List-Unsubscribe"].strip("<>")

    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert stop_url.startswith("http://testserver/notifications/stop/") or stop_url.startswith(
        "http"
    )
    assert stop_url in message.body
    assert stop_url in message.alternatives[0][0]
    # What the mail client does: a POST with no session and no CSRF token.
    path = stop_url.split("://", 1)[1].split("/", 1)[1]
    response = client.post("/" + path)

    assert response.status_code == 200
    focal_a.refresh_from_db()
    assert focal_a.notification_mail == "portal_only"


def test_the_stop_link_asks_first_on_get_and_changes_nothing(client, focal_a):
    response = client.get(reverse("notifications_stop_mail", args=[stop_mail_token(focal_a)]))

    assert response.status_code == 200
    assert "Stop these e-mails" in response.content.decode()
    focal_a.refresh_from_db()
    assert focal_a.notification_mail == "immediately"


def test_the_stop_page_speaks_the_persons_language(client, focal_a):
    focal_a.language = "fr"
    focal_a.save(update_fields=["language"])
    response = client.get(reverse("notifications_stop_mail", args=[stop_mail_token(focal_a)]))

    assert response.headers["Content-Language"] == "fr"
    assert '<html lang="fr"' in response.content.decode()


@pytest.mark.parametrize("token", ["nonsense", "eyJ1c2VyIjoxfQ:1x:forged"])
def test_a_forged_stop_link_is_refused(client, focal_a, token):
    response = client.post(reverse("notifications_stop_mail", args=[token]))

    assert response.status_code == 400
    focal_a.refresh_from_db()
    assert focal_a.notification_mail == "immediately"


def test_a_stop_link_dies_when_the_address_changes(client, focal_a):
    token = stop_mail_token(focal_a)
    focal_a.email = "new@member-a.example"
    focal_a.save(update_fields=["email"])

    assert client.post(reverse("notifications_stop_mail", args=[token])).status_code == 400


def test_a_bulletin_unsubscribe_token_does_not_stop_notifications(client, focal_a):
    from bulletins.tokens import unsubscribe_token

    token = unsubscribe_token(focal_a.email)
    assert client.post(reverse("notifications_stop_mail", args=[token])).status_code == 400


@pytest.fixture
def digest_reader(focal_a):
    focal_a.notification_mail = "daily_digest"
    focal_a.language = "fr"
    focal_a.save(update_fields=["notification_mail", "language"])
    return focal_a


def test_the_daily_digest_collects_the_days_notifications_once(
    member_a, digest_reader, django_capture_on_commit_callbacks
):
    with time_machine.travel(datetime.datetime(2026, 12, 7, 9, 0, tzinfo=ZURICH), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            join_request_event(member_a, name="Amadou")
            join_request_event(member_a, name="Fatou")
        assert mail.outbox == []  # nothing at once: the reader chose the digest

    with time_machine.travel(datetime.datetime(2026, 12, 7, 18, 0, tzinfo=ZURICH), tick=False):
        send_daily_digests.apply().get()
        send_daily_digests.apply().get()  # beat fired twice: nothing more

    assert [message.to for message in mail.outbox] == [["focal@member-a.example"]]
    message = mail.outbox[0]
    assert message.subject == "Vos 2 notifications du jour sur le portail de l’OEC"
    assert "Amadou" in message.body and "Fatou" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    digest = NotificationDigest.objects.get()
    assert (digest.day, digest.status) == (datetime.date(2026, 12, 7), "sent")
    assert set(Notification.objects.values_list("mail_status", "digest")) == {
        ("in_digest", digest.pk)
    }


def test_what_comes_after_the_digest_waits_for_the_next_day(
    member_a, digest_reader, django_capture_on_commit_callbacks
):
    with time_machine.travel(datetime.datetime(2026, 12, 7, 18, 0, tzinfo=ZURICH), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            join_request_event(member_a)
        send_daily_digests.apply().get()
        with django_capture_on_commit_callbacks(execute=True):
            join_request_event(member_a, name="Late")
        send_daily_digests.apply().get()
    assert len(mail.outbox) == 1

    with time_machine.travel(datetime.datetime(2026, 12, 8, 18, 0, tzinfo=ZURICH), tick=False):
        send_daily_digests.apply().get()
    assert len(mail.outbox) == 2
    assert "Late" in mail.outbox[1].body


def test_a_suppressed_address_gets_no_digest(
    member_a, digest_reader, django_capture_on_commit_callbacks
):
    Suppression.objects.create(email=digest_reader.email, reason="complaint")
    with django_capture_on_commit_callbacks(execute=True):
        join_request_event(member_a)
    send_daily_digests.apply().get()

    assert mail.outbox == []
    assert NotificationDigest.objects.get().status == "skipped"


def test_the_digest_is_scheduled_with_celery_beat(db):
    from importlib import import_module

    from django.apps import apps

    # Run again here: a test with a flushed database (browser, migrations) may have come first;
    # running it twice also shows it idempotent.
    schedule = import_module("members.migrations.0008_notification_mail_schedule").schedule
    schedule(apps, None)
    schedule(apps, None)
    task = PeriodicTask.objects.get(task="members.notifications.tasks.send_daily_digests")
    assert (task.crontab.hour, task.crontab.minute, str(task.crontab.timezone)) == (
        "18",
        "0",
        "Europe/Zurich",
    )
    sweep = PeriodicTask.objects.get(task="members.notifications.tasks.sweep_notification_mails")
    assert (sweep.interval.every, sweep.interval.period) == (10, "minutes")


def test_a_choice_changed_before_the_task_runs_is_respected(
    member_a, focal_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        join_request_event(member_a)
    focal_a.notification_mail = "portal_only"
    focal_a.save(update_fields=["notification_mail"])
    callbacks[0]()

    assert mail.outbox == []
    assert Notification.objects.get().mail_status == "portal_only"


def _event_kinds():
    """Every event that has its texts, from the templates' folders."""
    from django.conf import settings

    roots = [settings.BASE_DIR / "templates"] + [
        settings.BASE_DIR / app / "templates" for app in ("members", "news", "governance",
                                                           "partnerships", "bulletins")
    ]  # fmt: skip
    return sorted(
        f"{path.parent.name}.{path.name.removesuffix('_body.txt')}"
        for root in roots
        for path in root.glob("notifications/*/*_body.txt")
    )


@pytest.mark.parametrize("kind", _event_kinds())
def test_each_mail_gives_its_link_once_as_a_button(
    kind, member_a, focal_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notify(event=kind, organisation=member_a, roles=[Role.FOCAL_POINT],
               url="/fr/dashboard/the-work/",
               context={"title": "A title", "item": "A page", "language": "fr"})  # fmt: skip
    message = mail.outbox[0]
    link = next(word for word in message.body.split() if word.endswith("/dashboard/the-work/"))

    # In the text: the link alone on its line, once (the body says what to do with it).
    assert message.body.count(link) == 1
    assert f"\n{link}\n" in message.body
    # In the HTML: one button (and the address printed small under it, for old clients).
    html = message.alternatives[0][0]
    assert html.count(f'href="{link}"') == 2
    assert html.count(">Open it in the portal</a>") == 1
