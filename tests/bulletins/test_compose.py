"""Composing the bulletin: the past month's content, editions per language, one per month."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from bulletins import services
from bulletins.models import Bulletin, BulletinEdition, Delivery
from bulletins.tasks import compose_monthly_bulletin
from tests.factories import (
    ArticleFactory,
    AssemblySessionFactory,
    BulletinFactory,
    CooperationActivityFactory,
    DecisionFactory,
    DocumentFactory,
    PartnershipFactory,
    bulletin_contact,
)

DECEMBER = datetime.date(2026, 12, 1)


@pytest.fixture
def november_content(host_org, travel_to):
    """Items of November 2026 (reported by December's bulletin), and some that are not."""
    travel_to("2026-11-24T10:00")
    now = timezone.now()
    ArticleFactory(title_en="Reading week", title_fr="Semaine de la lecture", slug="reading-week")
    ArticleFactory(title_en="Old news", slug="old-news", publish_at=now - datetime.timedelta(90))
    ArticleFactory(title_en="Draft news", slug="draft-news", status="draft", publish_at=None)
    AssemblySessionFactory(
        number=2,
        start_date=datetime.date(2027, 1, 10),
        end_date=datetime.date(2027, 1, 12),
        venue_en="Muscat",
        status="planned",
    )
    DocumentFactory(symbol="OEC/GA/2/3", title_en="Budget outline", access="public")
    DocumentFactory(symbol="OEC/GA/2/4", title_en="Members-only paper", access="members")
    DecisionFactory(
        symbol="OEC/GA/2/DEC/1", title_en="On literacy", adopted_on=datetime.date(2026, 11, 5)
    )
    DecisionFactory(
        symbol="OEC/GA/2/DEC/2",
        title_en="Closed-door decision",
        adopted_on=datetime.date(2026, 11, 6),
        is_public=False,
    )
    partnership = PartnershipFactory()
    CooperationActivityFactory(
        organisation=partnership.organisation, title_en="Teacher exchanges", reviewed_at=now
    )
    CooperationActivityFactory(
        organisation=partnership.organisation,
        title_en="Unapproved plan",
        status="submitted",
        reviewed_at=now,
    )


def test_compose_gathers_the_past_months_public_items(november_content):
    bulletin = services.bulletin_compose(month=DECEMBER)

    english = bulletin.editions.get(language="en")
    assert english.subject == "OEC partner bulletin, December 2026"
    for shown in ("Reading week", "Muscat", "OEC/GA/2/3", "OEC/GA/2/DEC/1", "Teacher exchanges"):
        assert shown in english.html
        assert shown in english.text
    for hidden in ("Old news", "Draft news", "Members-only", "Closed-door", "Unapproved plan"):
        assert hidden not in english.html
    assert "https://" in english.html or "http://" in english.html
    assert "/en/news/reading-week/" in english.html


def test_compose_writes_an_edition_per_language_with_english_fallback(november_content):
    bulletin = services.bulletin_compose(month=DECEMBER)

    assert list(bulletin.editions.values_list("language", flat=True)) == ["ar", "en", "es", "fr"]
    french = bulletin.editions.get(language="fr")
    assert "Semaine de la lecture" in french.html
    assert "/fr/news/reading-week/" in french.html
    assert "décembre 2026" in french.subject
    spanish = bulletin.editions.get(language="es")
    assert "Reading week" in spanish.html  # no Spanish title: English
    assert "/es/news/reading-week/" in spanish.html


def test_compose_includes_the_officers_introduction(host_org):
    BulletinFactory(
        month=DECEMBER, introduction_en="<p>Dear partners</p>", introduction_fr="<p>Chers</p>"
    )

    bulletin = services.bulletin_compose(month=DECEMBER)

    assert "<p>Dear partners</p>" in bulletin.editions.get(language="en").html
    assert "<p>Chers</p>" in bulletin.editions.get(language="fr").html
    assert "<p>Dear partners</p>" in bulletin.editions.get(language="ar").html


def test_introduction_is_sanitised(host_org):
    bulletin = BulletinFactory(
        month=DECEMBER, introduction_en='<p onclick="x()">Hi<script>alert(1)</script></p>'
    )

    assert bulletin.introduction_en == "<p>Hi</p>"


def test_introduction_of_only_an_empty_paragraph_is_stored_empty(host_org):
    bulletin = BulletinFactory(
        month=DECEMBER, introduction_en="<p>Dear partners</p>", introduction_fr="<p><br></p>"
    )

    bulletin.refresh_from_db()
    assert bulletin.introduction_en == "<p>Dear partners</p>"
    assert bulletin.introduction_fr == ""


@pytest.mark.clock
def test_compose_is_idempotent_and_waits_for_approval_by_default(host_org):
    bulletin_contact(email="reader@ngo.example")

    first = services.bulletin_compose(month=DECEMBER)
    again = services.bulletin_compose(month=DECEMBER.replace(day=15))

    assert first.pk == again.pk
    assert Bulletin.objects.count() == 1
    assert BulletinEdition.objects.count() == 4
    assert again.status == Bulletin.Status.AWAITING_APPROVAL
    assert Delivery.objects.count() == 0


def test_approve_writes_every_delivery_row_before_enqueueing_after_commit(
    host_org, django_capture_on_commit_callbacks, monkeypatch
):
    bulletin_contact(email="a@ngo.example")
    bulletin_contact(email="b@ngo.example", language="fr")
    bulletin = services.bulletin_compose(month=DECEMBER)
    sent = []
    monkeypatch.setattr("bulletins.tasks.send_delivery_chunk.delay", lambda ids: sent.append(ids))

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.bulletin_approve(bulletin=bulletin, by=None)
        assert sent == []  # E3: nothing is enqueued inside the transaction

    assert list(Delivery.objects.values_list("email", "language", "status")) == [
        ("a@ngo.example", "en", "pending"),
        ("b@ngo.example", "fr", "pending"),
    ]
    for callback in callbacks:  # the commit (other apps may have callbacks of their own)
        callback()
    assert sent == [list(Delivery.objects.order_by("pk").values_list("pk", flat=True))]


def test_rows_are_enqueued_in_chunks_of_the_configured_size(
    host_org, django_capture_on_commit_callbacks, monkeypatch, settings
):
    settings.OEC_BULLETIN_CHUNK_SIZE = 2
    for number in range(5):
        bulletin_contact(email=f"r{number}@ngo.example")
    bulletin = services.bulletin_compose(month=DECEMBER)
    sent = []
    monkeypatch.setattr("bulletins.tasks.send_delivery_chunk.delay", lambda ids: sent.append(ids))

    with django_capture_on_commit_callbacks(execute=True):
        services.bulletin_approve(bulletin=bulletin, by=None)

    assert [len(chunk) for chunk in sent] == [2, 2, 1]
    assert Delivery.objects.filter(queued_at__isnull=True).count() == 0


def test_broker_down_leaves_rows_pending_for_the_sweeper(
    host_org, django_capture_on_commit_callbacks, monkeypatch
):
    bulletin_contact(email="a@ngo.example")
    bulletin = services.bulletin_compose(month=DECEMBER)

    def broker_down(ids):
        raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr("bulletins.tasks.send_delivery_chunk.delay", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        services.bulletin_approve(bulletin=bulletin, by=None)

    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.queued_at) == ("pending", None)
    sent = []
    monkeypatch.setattr("bulletins.tasks.send_delivery_chunk.delay", lambda ids: sent.append(ids))
    assert services.bulletin_sweep(older_than=datetime.timedelta(minutes=15)) == 1
    assert sent == [[delivery.pk]]
    # Just queued: the next sweep leaves it to its task.
    assert services.bulletin_sweep(older_than=datetime.timedelta(minutes=15)) == 0


def test_one_bulletin_per_month_is_enforced_by_the_database(host_org):
    BulletinFactory(month=DECEMBER)

    with pytest.raises(IntegrityError), transaction.atomic():
        Bulletin.objects.create(organisation=host_org, month=DECEMBER)


def test_bulletin_month_must_be_a_first_day(host_org):
    with pytest.raises(IntegrityError), transaction.atomic():
        Bulletin.objects.create(organisation=host_org, month=datetime.date(2026, 12, 2))


def test_one_delivery_per_bulletin_and_address_is_enforced_by_the_database(host_org):
    bulletin = BulletinFactory(month=DECEMBER)
    Delivery.objects.create(bulletin=bulletin, email="a@ngo.example", language="en")

    with pytest.raises(IntegrityError), transaction.atomic():
        Delivery.objects.create(bulletin=bulletin, email="a@ngo.example", language="fr")


@pytest.mark.parametrize(
    ("month", "first"),
    [
        (datetime.date(2026, 11, 1), datetime.date(2026, 11, 2)),  # a Sunday: Monday 2
        (datetime.date(2026, 8, 1), datetime.date(2026, 8, 3)),  # a Saturday: Monday 3
        (datetime.date(2026, 12, 1), datetime.date(2026, 12, 1)),  # a Tuesday
    ],
)
def test_first_working_day_skips_the_weekend(month, first):
    assert services.first_working_day(month) == first


@pytest.mark.parametrize(
    ("today", "due"),
    [
        (datetime.date(2026, 11, 1), False),  # Sunday, before the first working day
        (datetime.date(2026, 11, 2), True),
        (datetime.date(2026, 11, 3), True),  # the day after, in case the first run was lost
    ],
)
def test_bulletin_is_due_from_the_first_working_day(today, due):
    assert services.bulletin_is_due(today) is due


def test_scheduled_task_composes_the_current_month_once(host_org, travel_to):
    travel_to("2026-12-01T08:00")

    first = compose_monthly_bulletin.delay().get()
    second = compose_monthly_bulletin.delay().get()

    assert first == second == Bulletin.objects.get(month=DECEMBER).pk


def test_scheduled_task_does_nothing_before_the_first_working_day(host_org, travel_to):
    travel_to("2026-11-01T08:00")

    assert compose_monthly_bulletin.delay().get() is None
    assert Bulletin.objects.count() == 0


def test_beat_schedule_is_registered_at_08_00_geneva_on_days_1_to_3(db):
    from importlib import import_module

    from django.apps import apps
    from django_celery_beat.models import PeriodicTask

    # Run again here: a browser test earlier in the session may have flushed the database.
    import_module("bulletins.migrations.0002_schedule").schedule(apps, None)
    compose = PeriodicTask.objects.get(task="bulletins.tasks.compose_monthly_bulletin")
    crontab = compose.crontab
    assert (crontab.minute, crontab.hour, crontab.day_of_month) == ("0", "8", "1-3")
    assert str(crontab.timezone) == "Europe/Zurich"
    sweep = PeriodicTask.objects.get(task="bulletins.tasks.sweep_pending_deliveries")
    assert (sweep.interval.every, sweep.interval.period) == (5, "minutes")
