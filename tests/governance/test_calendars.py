"""The calendars (issue 18): every session, its meetings and members' deadlines as iCalendar
files (RFC 5545) that calendar applications read with the right time zone; a public feed, one
file per session, and a private feed per person at a secret address they can reset."""

import datetime
import zoneinfo

import icalendar
import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from governance.models import AssemblySession, CalendarFeed, Meeting
from governance.services import calendar_feed_reset
from tests.factories import AssemblySessionFactory, DeadlineFactory, MeetingFactory

UTC = datetime.UTC


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def events_by_uid(calendar):
    return {str(event["UID"]): event for event in calendar.events}


def uids(calendar):
    return sorted(events_by_uid(calendar))


def personal_url(user, language="en"):
    feed = CalendarFeed.objects.filter(user=user).first() or calendar_feed_reset(user=user)
    return f"/{language}/calendar/{feed.token}.ics"


@pytest.fixture
def paris(host):
    """A session in Paris across the change to summer time (28 March 2027)."""
    return AssemblySessionFactory(
        number=3,
        venue_en="Paris, France",
        time_zone="Europe/Paris",
        start_date=datetime.date(2027, 3, 26),
        end_date=datetime.date(2027, 3, 29),
        status="planned",
    )


@pytest.fixture
def rabat(host):
    """A session in Rabat, whose clocks go back an hour during Ramadan (15 Feb-22 Mar 2026)."""
    return AssemblySessionFactory(
        number=4,
        venue_en="Rabat, Morocco",
        time_zone="Africa/Casablanca",
        start_date=datetime.date(2026, 3, 16),
        end_date=datetime.date(2026, 3, 23),
    )


@pytest.fixture
def amman(host):
    """A session in Amman (UTC+3 all year since 2022)."""
    return AssemblySessionFactory(
        number=5,
        venue_en="Amman, Jordan",
        time_zone="Asia/Amman",
        start_date=datetime.date(2026, 10, 5),
        end_date=datetime.date(2026, 10, 7),
    )


# --- Time zones ------------------------------------------------------------------------------


def test_a_paris_meeting_is_told_in_paris_time_on_both_sides_of_summer_time(client, paris):
    before = MeetingFactory(session=paris, date=datetime.date(2027, 3, 26), title_en="Friday")
    after = MeetingFactory(session=paris, date=datetime.date(2027, 3, 29), title_en="Monday")
    calendar = parse(client.get("/en/assembly/3/calendar.ics"))
    events = events_by_uid(calendar)
    friday = events[f"meeting-{before.pk}@testserver"]
    monday = events[f"meeting-{after.pk}@testserver"]
    assert friday["DTSTART"].params["TZID"] == "Europe/Paris"
    assert friday.start == datetime.datetime(
        2027, 3, 26, 10, tzinfo=zoneinfo.ZoneInfo("Europe/Paris")
    )
    assert friday.start.astimezone(UTC) == datetime.datetime(2027, 3, 26, 9, tzinfo=UTC)
    assert friday.end.astimezone(UTC) == datetime.datetime(2027, 3, 26, 12, tzinfo=UTC)
    assert monday.start.astimezone(UTC) == datetime.datetime(2027, 3, 29, 8, tzinfo=UTC)
    assert [zone.tz_name for zone in calendar.timezones] == ["Europe/Paris"]
    assert (
        b"DTSTART;TZID=Europe/Paris:20270326T100000"
        in client.get("/en/assembly/3/calendar.ics").content
    )


def test_the_vtimezone_carries_the_zones_rules_so_any_client_converts_alike(client, paris):
    MeetingFactory(session=paris, date=datetime.date(2027, 3, 29))
    content = client.get("/en/assembly/3/calendar.ics").content
    # Read back through the file's own VTIMEZONE, not the machine's tz database.
    [zone] = icalendar.Calendar.from_ical(content).timezones
    tzinfo = zone.to_tz()
    moment = datetime.datetime(2027, 3, 29, 10, tzinfo=tzinfo)
    assert moment.utcoffset() == datetime.timedelta(hours=2)
    assert datetime.datetime(2027, 1, 10, 10, tzinfo=tzinfo).utcoffset() == datetime.timedelta(
        hours=1
    )


def test_rabat_and_amman_meetings_keep_their_own_zones_in_one_feed(client, rabat, amman):
    in_ramadan = MeetingFactory(session=rabat, date=datetime.date(2026, 3, 16))
    after_ramadan = MeetingFactory(session=rabat, date=datetime.date(2026, 3, 23))
    in_amman = MeetingFactory(session=amman, date=datetime.date(2026, 10, 5))
    calendar = parse(client.get("/en/calendar.ics"))
    events = events_by_uid(calendar)

    def start(meeting):
        return events[f"meeting-{meeting.pk}@testserver"]

    assert start(in_ramadan)["DTSTART"].params["TZID"] == "Africa/Casablanca"
    assert start(in_ramadan).start.astimezone(UTC).hour == 10  # UTC+0 during Ramadan
    assert start(after_ramadan).start.astimezone(UTC).hour == 9  # UTC+1 after it
    assert start(in_amman)["DTSTART"].params["TZID"] == "Asia/Amman"
    assert start(in_amman).start.astimezone(UTC).hour == 7  # UTC+3
    assert sorted(zone.tz_name for zone in calendar.timezones) == [
        "Africa/Casablanca",
        "Asia/Amman",
    ]


def test_a_deadline_is_told_in_the_time_of_the_sessions_venue(client, amman, delegate_a):
    DeadlineFactory(
        session=amman, due_at=datetime.datetime(2026, 9, 28, 15, tzinfo=UTC), title_en="Credentials"
    )
    calendar = parse(client.get(personal_url(delegate_a)))
    [deadline] = [event for event in calendar.events if "Credentials" in event["SUMMARY"]]
    assert deadline["DTSTART"].params["TZID"] == "Asia/Amman"
    assert deadline.start.hour == 18
    assert deadline.start.astimezone(UTC) == datetime.datetime(2026, 9, 28, 15, tzinfo=UTC)
    assert str(deadline.subcomponents[0]["TRIGGER"].to_ical(), "ascii") == "-P1D"


def test_a_session_is_its_days_in_the_venues_calendar(client, paris):
    calendar = parse(client.get("/en/assembly/3/calendar.ics"))
    [session] = calendar.events
    assert session["UID"] == f"session-{paris.pk}@testserver"
    assert session.start == datetime.date(2027, 3, 26)
    # DTEND of whole days is the day after the last one (RFC 5545, 3.6.1).
    assert session.end == datetime.date(2027, 3, 30)
    assert session["LOCATION"] == "Paris, France"


def test_a_time_zone_must_be_an_iana_name(host):
    session = AssemblySessionFactory.build(
        organ=AssemblySessionFactory(number=9).organ, number=10, time_zone="Mars/Olympus_Mons"
    )
    with pytest.raises(ValidationError) as error:
        session.full_clean()
    assert list(error.value.message_dict) == ["time_zone"]
    session.time_zone = "America/Argentina/Buenos_Aires"
    session.full_clean()


def test_a_meeting_is_on_a_day_of_its_session_and_ends_after_it_starts(paris):
    meeting = Meeting(
        session=paris,
        date=datetime.date(2027, 4, 2),
        start_time=datetime.time(10),
        end_time=datetime.time(12),
        title_en="Too late",
    )
    with pytest.raises(ValidationError) as error:
        meeting.full_clean()
    assert list(error.value.message_dict) == ["date"]
    meeting.date, meeting.end_time = datetime.date(2027, 3, 27), datetime.time(9)
    with pytest.raises(ValidationError) as error:
        meeting.full_clean()
    assert list(error.value.message_dict) == ["end_time"]


# --- UIDs, SEQUENCE, language, URL ---------------------------------------------------------


def test_uids_stay_and_sequence_grows_only_when_the_time_changes(client, paris):
    meeting = MeetingFactory(session=paris, date=datetime.date(2027, 3, 26))
    first = events_by_uid(parse(client.get("/en/calendar.ics")))
    uid = f"meeting-{meeting.pk}@testserver"
    assert first[uid]["SEQUENCE"] == 0
    assert "DTSTAMP" in first[uid] and "LAST-MODIFIED" in first[uid]

    meeting = Meeting.objects.get(pk=meeting.pk)
    meeting.title_en = "Renamed"
    meeting.save()
    assert Meeting.objects.get(pk=meeting.pk).sequence == 0

    meeting = Meeting.objects.get(pk=meeting.pk)
    meeting.start_time = datetime.time(11)
    meeting.save()
    again = events_by_uid(parse(client.get("/en/calendar.ics")))
    assert sorted(again) == sorted(first)
    assert again[uid]["SEQUENCE"] == 1
    assert again[uid]["SUMMARY"] == "Renamed"
    assert again[uid]["LAST-MODIFIED"].dt >= first[uid]["LAST-MODIFIED"].dt

    session = AssemblySession.objects.get(pk=paris.pk)
    session.end_date = datetime.date(2027, 3, 30)
    session.save(update_fields=["end_date"])
    assert AssemblySession.objects.get(pk=paris.pk).sequence == 1


def test_summaries_are_in_the_language_of_the_address_and_link_its_page(client, paris):
    MeetingFactory(session=paris, title_en="Opening meeting", title_fr="Séance d'ouverture")
    calendar = parse(client.get("/fr/assembly/3/calendar.ics"))
    session, meeting = calendar.events
    assert session["SUMMARY"] == "Assemblée générale, session 3"
    assert session["URL"] == "http://testserver/fr/assembly/3/"
    assert meeting["SUMMARY"] == "Séance d'ouverture"
    assert meeting["URL"] == "http://testserver/fr/assembly/3/#meetings"
    assert meeting["LOCATION"] == "Assembly Hall, Paris, France"
    english = parse(client.get("/en/assembly/3/calendar.ics"))
    assert [event["SUMMARY"] for event in english.events] == [
        "General Assembly, session 3",
        "Opening meeting",
    ]


def test_a_session_that_does_not_exist_has_no_calendar(client, paris):
    assert client.get("/en/assembly/99/calendar.ics").status_code == 404


# --- What each feed shows ------------------------------------------------------------------


@pytest.fixture
def programme(paris, member_a, member_b):
    """An open and a closed meeting, a deadline of every member, one of A's, one of B's."""
    paris.registration_deadline = datetime.datetime(2027, 3, 1, 17, tzinfo=UTC)
    paris.save()
    return {
        "open": MeetingFactory(session=paris, title_en="Open plenary"),
        "closed": MeetingFactory(
            session=paris,
            start_time=datetime.time(14),
            end_time=datetime.time(15),
            title_en="Closed committee",
            is_closed=True,
        ),
        "every_member": DeadlineFactory(session=paris, title_en="Credentials of all"),
        "a": DeadlineFactory(session=paris, title_en="Report of A", restricted_to=[member_a]),
        "b": DeadlineFactory(session=paris, title_en="Report of B", restricted_to=[member_b]),
    }


def summaries(calendar):
    return sorted(str(event["SUMMARY"]) for event in calendar.events)


PUBLIC_SUMMARIES = ["General Assembly, session 3", "Open plenary"]


def test_the_public_feeds_show_nothing_private_whoever_asks(client, programme, delegate_a):
    for url in ("/en/calendar.ics", "/en/assembly/3/calendar.ics"):
        assert summaries(parse(client.get(url))) == PUBLIC_SUMMARIES
    client.force_login(delegate_a)
    for url in ("/en/calendar.ics", "/en/assembly/3/calendar.ics"):
        content = client.get(url).content.decode()
        assert summaries(icalendar.Calendar.from_ical(content)) == PUBLIC_SUMMARIES
        assert "Report of" not in content and "registration" not in content.lower()


def test_a_delegates_feed_has_the_deadlines_of_their_organisation_only(
    client, programme, delegate_a
):
    calendar = parse(client.get(personal_url(delegate_a)))
    assert summaries(calendar) == [
        "Closed committee",
        "Credentials of all: General Assembly, session 3",
        "Delegation registration closes: General Assembly, session 3",
        "General Assembly, session 3",
        "Open plenary",
        "Report of A: General Assembly, session 3",
    ]
    events = events_by_uid(calendar)
    registration = events[f"registration-{programme['a'].session.pk}@testserver"]
    assert registration["URL"] == "http://testserver/en/dashboard/delegations/3/"
    assert registration.start.astimezone(UTC) == datetime.datetime(2027, 3, 1, 17, tzinfo=UTC)


def test_member_b_reads_its_own_deadline_and_not_as(client, programme, delegate_b):
    names = summaries(parse(client.get(personal_url(delegate_b))))
    assert "Report of B: General Assembly, session 3" in names
    assert not any(name.startswith("Report of A") for name in names)


def test_a_partner_contact_keeps_no_members_deadlines(client, programme, partner_contact):
    assert summaries(parse(client.get(personal_url(partner_contact)))) == PUBLIC_SUMMARIES


def test_the_secretariat_sees_every_deadline(client, programme, secretariat_admin):
    names = summaries(parse(client.get(personal_url(secretariat_admin))))
    assert [name for name in names if name.startswith("Report of")] == [
        "Report of A: General Assembly, session 3",
        "Report of B: General Assembly, session 3",
    ]


# --- The secret address ----------------------------------------------------------------------


def test_a_wrong_or_tampered_token_is_not_found(client, delegate_a):
    feed = calendar_feed_reset(user=delegate_a)
    assert client.get(f"/en/calendar/{feed.token}.ics").status_code == 200
    for token in (
        f"{feed.pk}-{'0' * 64}",
        f"{feed.pk}-{feed.signature[:-1]}",
        f"{feed.pk + 1}-{feed.signature}",
        feed.signature,
        "x-y",
    ):
        assert client.get(f"/en/calendar/{token}.ics").status_code == 404, token


def test_a_reset_address_is_not_found_at_once(client, delegate_a):
    old = personal_url(delegate_a)
    assert client.get(old).status_code == 200
    assert client.get(old).status_code == 200  # a second read, which a cache could have kept
    new = personal_url(calendar_feed_reset(user=delegate_a).user)
    assert new != old
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def test_the_private_feed_is_never_cached(client, delegate_a):
    response = client.get(personal_url(delegate_a))
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_a_deactivated_persons_address_is_not_found(client, delegate_a):
    url = personal_url(delegate_a)
    delegate_a.is_active = False
    delegate_a.save()
    assert client.get(url).status_code == 404


def test_the_address_is_not_the_stored_secret(delegate_a):
    feed = calendar_feed_reset(user=delegate_a)
    assert feed.secret not in feed.token


def test_the_calendar_page_creates_shows_and_resets_the_address(client, delegate_a):
    client.force_login(delegate_a)
    page = client.get("/en/dashboard/calendar/")
    assert page.status_code == 200
    assert "You have no private calendar address yet." in page.content.decode()

    response = client.post("/en/dashboard/calendar/reset/")
    assert response.status_code == 302
    assert response["Location"] == "/en/dashboard/calendar/"
    feed = CalendarFeed.objects.get(user=delegate_a)
    page = client.get("/en/dashboard/calendar/").content.decode()
    assert f'value="http://testserver/en/calendar/{feed.token}.ics"' in page
    assert f'href="webcal://testserver/en/calendar/{feed.token}.ics"' in page
    assert 'href="webcal://testserver/en/calendar.ics"' in page

    client.post("/en/dashboard/calendar/reset/")
    renewed = CalendarFeed.objects.get(user=delegate_a)
    assert renewed.token != feed.token and renewed.reset_at is not None
    page = client.get("/en/dashboard/calendar/").content.decode()
    assert feed.token not in page and renewed.token in page
    assert "Your calendar has a new address. The old one no longer works." in page


def test_the_dashboard_links_the_calendar_page(client, delegate_a):
    client.force_login(delegate_a)
    assert 'href="/en/dashboard/calendar/"' in client.get("/en/dashboard/").content.decode()


# --- Query budgets -------------------------------------------------------------------------


def queries_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_feeds_cost_the_same_queries_for_one_session_or_many(
    client, paris, member_a, delegate_a
):
    MeetingFactory(session=paris)
    DeadlineFactory(session=paris, restricted_to=[member_a])
    private = personal_url(delegate_a)
    urls = ("/en/calendar.ics", "/en/assembly/3/calendar.ics", private)
    few = {url: queries_of(client, url) for url in urls}
    for number in range(20, 24):
        session = AssemblySessionFactory(number=number, time_zone="Asia/Amman")
        for hour in (9, 11, 14):
            MeetingFactory(
                session=session,
                start_time=datetime.time(hour),
                end_time=datetime.time(hour + 1),
            )
            MeetingFactory(
                session=session,
                start_time=datetime.time(hour),
                end_time=datetime.time(hour + 2),
                is_closed=True,
            )
        DeadlineFactory(session=session)
        DeadlineFactory(session=session, restricted_to=[member_a])
    MeetingFactory(session=paris, start_time=datetime.time(15), end_time=datetime.time(16))
    many = {url: queries_of(client, url) for url in urls}
    assert many == few
    assert few["/en/calendar.ics"] <= 2
    assert few[private] <= 5


# --- The session's page ----------------------------------------------------------------------


def test_the_session_page_lists_its_meetings_and_offers_its_calendar(client, programme):
    page = client.get("/en/assembly/3/").content.decode()
    assert 'href="/en/assembly/3/calendar.ics"' in page
    assert 'href="webcal://testserver/en/calendar.ics"' in page
    assert "Open plenary" in page and "Closed committee" not in page
    assert 'Times are in the venue\'s time zone: <bdi dir="ltr">Europe/Paris</bdi>' in page


def test_members_see_the_closed_meetings_on_the_session_page(client, programme, delegate_a):
    client.force_login(delegate_a)
    page = client.get("/en/assembly/3/").content.decode()
    assert "Open plenary" in page and "Closed committee" in page


def test_the_session_list_offers_the_subscription(client, paris):
    page = client.get("/en/assembly/").content.decode()
    assert 'href="webcal://testserver/en/calendar.ics"' in page
    assert 'href="/en/calendar.ics"' in page


def test_the_private_feed_speaks_the_language_of_its_address(client, programme, delegate_a):
    calendar = parse(client.get(personal_url(delegate_a, language="fr")))
    names = summaries(calendar)
    assert "Clôture de l'inscription des délégations : Assemblée générale, session 3" in names
    assert str(calendar["X-WR-CALNAME"]) == "Mon calendrier de l'OCE"


def test_the_calendar_page_reads_right_to_left_in_arabic(client, delegate_a):
    calendar_feed_reset(user=delegate_a)
    client.force_login(delegate_a)
    page = client.get("/ar/dashboard/calendar/").content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert "<h1>تقويمك</h1>" in page
    assert 'readonly dir="ltr"' in page


def test_a_reset_address_answers_exactly_like_one_that_never_existed(client, delegate_a):
    import re

    withdrawn = personal_url(delegate_a)
    calendar_feed_reset(user=delegate_a)
    never = f"/en/calendar/987654-{'0' * 64}.ics"
    answers = [client.get(url) for url in (withdrawn, never)]
    assert [answer.status_code for answer in answers] == [404, 404]
    bodies = [
        re.sub(r'nonce="[^"]*"', "", answer.content.decode()).replace(url.removeprefix("/en"), "")
        for answer, url in zip(answers, (withdrawn, never), strict=True)
    ]
    assert bodies[0] == bodies[1]
