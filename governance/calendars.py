"""Sessions, their meetings and members' deadlines as iCalendar (RFC 5545) files.

A session is an event of whole days (its first to its last, in the venue's calendar); a meeting
and a deadline are moments of the session's time zone, written `DTSTART;TZID=<zone>` with the
zone's VTIMEZONE in the file, so that a calendar client shows them at the right hour wherever
its reader is and whatever the daylight saving time of either place. Each event keeps its UID
for ever (the row's kind and id), and its SEQUENCE grows when its time changes, so clients
update the event they have instead of adding a copy. Texts are in the active language (the
address's), as the pages are.
"""

import datetime

from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

PRODUCT = "-//Organisation of Educational Cooperation//OEC Portal//EN"
# How often subscribed clients are asked to fetch a feed again (REFRESH-INTERVAL, RFC 7986).
REFRESH_INTERVAL = datetime.timedelta(hours=6)
CONTENT_TYPE = "text/calendar; charset=utf-8"
# Reminders for deadlines: a day before (most clients honour alarms of subscribed feeds).
DEADLINE_REMINDER = datetime.timedelta(days=1)


class CalendarWriter:
    """Builds one calendar; `absolute_url(path)` makes the addresses, `uid_domain` the right
    side of every UID (the portal's host name: stable, and unique to the portal)."""

    def __init__(self, *, name, uid, absolute_url, uid_domain, description=""):
        self.absolute_url = absolute_url
        self.uid_domain = uid_domain
        self.stamp = timezone.now().replace(microsecond=0)
        # icalendar (~2 MB, 80 modules) is imported by the feeds that use it, not by every web
        # worker when the URLs load (tests/perf/test_worker_imports.py).
        import icalendar

        self.calendar = icalendar.Calendar.new(
            prodid=PRODUCT,
            method="PUBLISH",
            name=name,
            description=description or None,
            uid=f"{uid}@{uid_domain}",
            refresh_interval=REFRESH_INTERVAL,
        )

    def _uid(self, kind, pk):
        return f"{kind}-{pk}@{self.uid_domain}"

    def _session_url(self, session):
        return self.absolute_url(session.get_absolute_url())

    def add_session(self, session):
        """The session as days, and its meetings."""
        import icalendar

        # DTEND of a day event is the day after the last (RFC 5545, 3.6.1).
        event = icalendar.Event.new(
            uid=self._uid("session", session.pk),
            summary=str(session),
            start=session.start_date,
            end=session.end_date + datetime.timedelta(days=1),
            location=session.venue or None,
            description=session.description or None,
            url=self._session_url(session),
            stamp=self.stamp,
            last_modified=session.updated_at,
            sequence=session.sequence,
            transparency="TRANSPARENT",
            status="CONFIRMED",
        )
        self.calendar.add_component(event)
        for meeting in session.calendar_meetings:
            self.add_meeting(session, meeting)

    def add_meeting(self, session, meeting):
        import icalendar

        place = ", ".join(part for part in (meeting.room, session.venue) if part)
        event = icalendar.Event.new(
            uid=self._uid("meeting", meeting.pk),
            summary=meeting.title,
            start=meeting.starts_at,
            end=meeting.ends_at,
            location=place or None,
            description=str(session),
            url=self._session_url(session) + "#meetings",
            stamp=self.stamp,
            last_modified=meeting.updated_at,
            sequence=meeting.sequence,
            classification="PRIVATE" if meeting.is_closed else "PUBLIC",
        )
        self.calendar.add_component(event)

    def add_deadlines(self, session, *, with_registration):
        """The deadlines the reader keeps (`session.calendar_deadlines`) and, with
        `with_registration`, the close of delegation registration."""
        if with_registration and session.registration_deadline:
            self._add_deadline(
                uid=self._uid("registration", session.pk),
                summary=_("Delegation registration closes: %(session)s") % {"session": session},
                due_at=session.registration_deadline,
                session=session,
                url=self.absolute_url(reverse("governance:delegation", args=[session.number])),
                last_modified=session.updated_at,
                sequence=session.sequence,
            )
        for deadline in session.calendar_deadlines:
            self._add_deadline(
                uid=self._uid("deadline", deadline.pk),
                summary=_("%(deadline)s: %(session)s")
                % {"deadline": deadline.title, "session": session},
                due_at=deadline.due_at,
                session=session,
                url=self._session_url(session),
                last_modified=deadline.updated_at,
                sequence=deadline.sequence,
            )

    def _add_deadline(self, *, uid, summary, due_at, session, url, last_modified, sequence):
        import icalendar

        # A moment, told in the venue's time: with DTSTART and no DTEND, the event ends when it
        # starts (RFC 5545, 3.6.1).
        event = icalendar.Event.new(
            uid=uid,
            summary=summary,
            start=timezone.localtime(due_at, session.zone),
            url=url,
            stamp=self.stamp,
            last_modified=last_modified,
            sequence=sequence,
            transparency="TRANSPARENT",
            classification="PRIVATE",
        )
        reminder = icalendar.Alarm()
        reminder.add("action", "DISPLAY")
        reminder.add("description", summary)
        reminder.add("trigger", -DEADLINE_REMINDER)
        event.add_component(reminder)
        self.calendar.add_component(event)

    def to_ical(self):
        """The file's bytes, with a VTIMEZONE for every zone an event is told in."""
        self.calendar.add_missing_timezones()
        return self.calendar.to_ical()


def webcal_url(request, path):
    """The `webcal:` address of a feed: calendar applications subscribe to it in one click."""
    return "webcal://" + request.build_absolute_uri(path).partition("://")[2]


def ics_response(writer, filename):
    response = HttpResponse(writer.to_ical(), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
