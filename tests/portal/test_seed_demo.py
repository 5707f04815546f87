import datetime
import re

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone
from PIL import Image

from bulletins.models import Bulletin
from governance.models import AssemblySession, Decision, Document
from members.demo_logos import DEMO_LOGOS, demo_logo_png
from members.models import Invitation, Membership, Organisation, Role
from news.models import Article
from pages.models import Page


def _snapshot():
    return {
        "organisations": sorted(Organisation.objects.values_list("slug", "kind", "name_fr")),
        "users": sorted(get_user_model().objects.values_list("email", "is_staff", "password")),
        "memberships": sorted(
            Membership.objects.values_list("user__email", "organisation__slug", "role")
        ),
        "invitations": Invitation.objects.count(),
    }


def _every_table():
    """Rows per model of every installed app, history tables included."""
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


@pytest.mark.usefixtures("demo")
class TestTheDemoSeededOnce:
    """The demo site, seeded once for these tests (tests/conftest.py's demo_site)."""

    def test_seed_demo_twice_gives_the_same_rows(self):
        first = _snapshot()
        call_command("seed_demo", stdout=open("/dev/null", "w"))
        assert _snapshot() == first

    def test_seed_demo_meets_the_demo_data_contract(self):
        kinds = Organisation.objects.values_list("kind", flat=True)
        assert list(kinds).count(Organisation.Kind.HOST) == 1
        assert list(kinds).count(Organisation.Kind.FOUNDING_STATE) >= 6
        assert list(kinds).count(Organisation.Kind.ASSOCIATE_MEMBER) >= 3
        assert list(kinds).count(Organisation.Kind.PARTNER_NGO) >= 4
        roles = dict(Membership.objects.values_list("user__email", "role"))
        assert roles["admin@oec.example"] == Role.ADMINISTRATOR
        assert roles["editor@oec.example"] == Role.COMMUNICATIONS
        assert roles["focal@djibouti.example"] == Role.FOCAL_POINT
        assert roles["delegate@ecuador.example"] == Role.DELEGATE
        assert roles["partner@literacy-trust.example"] == Role.PARTNER_CONTACT
        user = get_user_model().objects.get(email="delegate@djibouti.example")
        assert user.check_password("demo-pass-2026")
        assert user.emailaddress_set.get().verified

    def test_demo_user_logs_in_at_once(self, client):
        response = client.post(
            "/en/accounts/login/", {"login": "focal@djibouti.example", "password": "demo-pass-2026"}
        )
        assert response["Location"] == "/en/dashboard/"

    def test_seed_demo_a_second_time_changes_nothing(self):
        first = _every_table()
        call_command("seed_demo", stdout=open("/dev/null", "w"))

        assert _every_table() == first
        # The history tables are where a needless save would show (each save writes a version).
        assert first["pages.HistoricalPage"] == Page.objects.count()
        assert first["governance.HistoricalDocument"] == Document.objects.count()
        assert first["governance.HistoricalDecision"] == Decision.objects.count()
        assert first["news.HistoricalArticle"] == Article.objects.count()


@pytest.mark.parametrize(
    "today", ["2026-12-06T10:00", "2027-01-01T00:10", "2028-02-29T12:00", "2031-07-31T23:50"]
)
def test_seed_demo_stays_alive_as_time_passes(db, client, travel_to, today):
    travel_to(today)
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    now = timezone.now()

    upcoming = AssemblySession.objects.get(number=2)
    assert upcoming.start_date > timezone.localdate()
    assert upcoming.registration_deadline > now
    response = client.get(f"/en/assembly/{upcoming.number}/")
    assert response.status_code == 200

    recent = Article.objects.filter(
        status=Article.Status.PUBLISHED,
        publish_at__lte=now,
        publish_at__gt=now - datetime.timedelta(days=120),
    )
    assert recent.count() >= 3
    assert Article.objects.filter(publish_at__gt=now).count() == 0

    last_month = (timezone.localdate().replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    bulletin = Bulletin.objects.get(month=last_month)
    assert bulletin.status == Bulletin.Status.SENT
    assert bulletin.sent_at <= now
    response = client.get(f"/fr/bulletins/{last_month:%Y-%m}/")
    assert response.status_code == 200


def test_seed_demo_on_a_later_month_moves_the_living_dates_only(db, travel_to):
    travel_to("2026-12-06T10:00")
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    december = _every_table()
    travel_to("2027-02-15T10:00")
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    february = _every_table()

    # The recent articles and the next session moved; the first session's records did not.
    assert february["news.HistoricalArticle"] == december["news.HistoricalArticle"] + 3
    assert february["governance.HistoricalDocument"] == december["governance.HistoricalDocument"]
    assert february["bulletins.Bulletin"] == december["bulletins.Bulletin"] + 1
    assert AssemblySession.objects.get(number=2).start_date == datetime.date(2027, 6, 7)


def test_seed_demo_gives_some_organisations_a_logo_and_leaves_the_others_their_cover(
    db, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    logos = dict(Organisation.objects.exclude(logo="").values_list("slug", "logo"))
    assert set(logos) == {
        "occe",
        "literacy-trust",
        "south-south-education-network",
        "open-schools-foundation",
    }
    assert Organisation.objects.filter(logo="").count() >= 10  # the states among them
    # Stored as an upload is: re-encoded by members.images, under a name the server made.
    assert all(
        re.fullmatch(r"organisations/logos/[0-9a-f]{32}\.png", name) for name in logos.values()
    )
    with Image.open(tmp_path / logos["occe"]) as image:
        assert (image.format, image.size) == ("PNG", (256, 256))

    call_command("seed_demo", stdout=open("/dev/null", "w"))
    assert dict(Organisation.objects.exclude(logo="").values_list("slug", "logo")) == logos
    assert len(list((tmp_path / "organisations" / "logos").iterdir())) == 4


def test_demo_logos_are_the_same_every_time():
    assert demo_logo_png(DEMO_LOGOS["occe"]) == demo_logo_png(DEMO_LOGOS["occe"])


def test_seed_demo_gives_the_first_session_its_meetings_and_members_their_deadlines(
    db, client, travel_to
):
    from governance.models import CalendarFeed, Meeting
    from governance.services import calendar_feed_reset

    travel_to("2026-12-06T10:00")
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    first = AssemblySession.objects.get(number=1)
    assert first.time_zone == "Europe/Zurich"
    meetings = Meeting.objects.filter(session=first)
    assert meetings.count() == 5
    assert list(meetings.filter(is_closed=True).values_list("title_en", flat=True)) == [
        "Credentials committee"
    ]
    assert meetings.first().starts_at.isoformat() == "2021-12-06T10:00:00+01:00"

    djibouti = get_user_model().objects.get(email="delegate@djibouti.example")
    calendar = client.get(f"/en/calendar/{calendar_feed_reset(user=djibouti).token}.ics")
    text = calendar.content.decode()
    assert "Report of the host country of the founding conference" in text
    assert "National report on school cooperation" not in text  # Ecuador's
    assert text.count("SUMMARY:Credentials of delegations") == 2  # both sessions'
    assert CalendarFeed.objects.count() == 1
