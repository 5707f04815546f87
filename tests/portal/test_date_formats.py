"""Dates as each language writes them (oec_portal/formats, issue 14), never Django's American
English defaults, and no template with a date pattern of its own."""

import datetime
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format

from bulletins.models import Bulletin
from oec_portal.models import DashboardVisit
from tests.factories import AssemblySessionFactory, DecisionFactory, UserFactory

GENEVA = ZoneInfo("Europe/Zurich")
MOMENT = datetime.datetime(2026, 12, 6, 17, 37, tzinfo=GENEVA)


@pytest.mark.parametrize(
    ("language", "long_date", "date_time"),
    [
        ("en", "6 December 2026", "6 December 2026, 17:37"),
        ("fr", "6 décembre 2026", "6 décembre 2026 à 17:37"),
        ("es", "6 de diciembre de 2026", "6 de diciembre de 2026, 17:37"),
        ("ar", "6 ديسمبر 2026", "6 ديسمبر 2026، 17:37"),
    ],
)
def test_each_language_has_one_long_date_and_one_date_time_style(language, long_date, date_time):
    with translation.override(language):
        assert date_format(MOMENT.date(), "DATE_FORMAT") == long_date
        assert date_format(MOMENT, "DATETIME_FORMAT") == date_time
        # The dashboards' tables used the short style: "12/06/2026 5:37 p.m." in every language.
        assert date_format(MOMENT, "SHORT_DATETIME_FORMAT") == date_time
        assert date_format(MOMENT, "TIME_FORMAT") == "17:37"


@pytest.mark.parametrize(
    ("language", "month"),
    [("en", "November 2026"), ("fr", "novembre 2026"), ("es", "noviembre de 2026")],
)
def test_month_and_year_follow_the_language(language, month):
    with translation.override(language):
        assert date_format(datetime.date(2026, 11, 1), "YEAR_MONTH_FORMAT") == month


def test_session_page_shows_dates_and_deadline_in_spanish(client, db):
    AssemblySessionFactory(
        number=2,
        start_date=datetime.date(2027, 12, 6),
        end_date=datetime.date(2027, 12, 8),
        registration_deadline=MOMENT,
        status="planned",
    )
    html = client.get("/es/assembly/2/").content.decode()
    assert "<dd>6 de diciembre de 2027 – 8 de diciembre de 2027</dd>" in html
    assert "<dd>6 de diciembre de 2026, 17:37</dd>" in html


def test_decision_list_uses_the_long_date_not_an_abbreviated_month(client, db):
    DecisionFactory(adopted_on=datetime.date(2021, 12, 8))
    html = client.get("/en/decisions/").content.decode()
    assert " · 8 December 2021 · " in html
    assert "8 Dec 2021" not in html


# A named format (DATE_FORMAT, ...), or a machine-readable one (ISO 8601) in an attribute only:
# `datetime=`, an <input type="date">'s value, a <meta> content. Mails are templates too.
NAMED = re.compile(r"^[A-Z_]+_FORMAT$")
MACHINE = re.compile(r"^(c|Y-m-d|U)$")
DATE_FILTER = re.compile(r"""(.{0,2})\{\{[^}]*\|date:["']([^"']*)["'][^}]*\}\}""")


def portal_files(pattern):
    root = Path(settings.BASE_DIR)
    for path in sorted(root.glob(pattern)):
        skipped = {".venv", "node_modules", "var", "tests", "migrations", "bench", "tools"}
        if path.is_file() and not skipped.intersection(path.relative_to(root).parts):
            yield path.relative_to(root), path.read_text(encoding="utf-8")


def test_no_template_writes_its_own_date_pattern():
    offending = []
    for name, text in portal_files("**/templates/**/*"):
        for before, pattern in DATE_FILTER.findall(text):
            in_attribute = before.endswith(('="', "='"))
            if not (NAMED.match(pattern) or (MACHINE.match(pattern) and in_attribute)):
                offending.append(f"{name}: {before}|date:{pattern}")
    assert offending == []


# Python writes a date for people with date_format() and a named format, in the active
# language. These lines write one for machines, each for a reason: nothing else may.
MACHINE_DATES_IN_PYTHON = {
    # A session value, read back with fromisoformat.
    ("oec_portal/dashboard_visits.py", "since.isoformat()"),
    # Security log lines (parsed by log tools, not read in a language).
    ("governance/services.py", "download.at.isoformat()"),
    ("members/private_file_downloads.py", "download.at.isoformat()"),
    # A cache key.
    ("governance/selectors.py", "since.isoformat()"),
    # The exports' file names.
    ("partnerships/views.py", "timezone.localdate().isoformat()"),
    ("governance/decision_exports.py", "timezone.localdate().isoformat()"),
    # A notification's context is plain JSON (members/notifications): its texts show the date.
    ("partnerships/services/notices.py", "partnership.next_review_on.isoformat()"),
    # Row labels of the back office, the same in every language.
    ("governance/models/meetings.py", "{self.start_time:%H:%M}"),
    ("members/models/notifications.py", "{self.created_at:%Y-%m-%d %H:%M}"),
    # A Celery task's argument, read back with fromisoformat.
    ("members/notifications/tasks.py", "day.isoformat()"),
    # Akoma Ntoso's FRBR dates and identifiers (ISO 8601, the standard's).
    ("governance/akoma_ntoso.py", "decision.adopted_on.isoformat()"),
    ("governance/akoma_ntoso.py", "today.isoformat()"),
    # The demo deliveries' Message-ID.
    ("bulletins/demo.py", "{month:%Y%m}"),
    # schema.org JSON-LD dates and times (ISO 8601, for search engines).
    ("oec_portal/structured_data.py", "0).isoformat()"),
    ("oec_portal/structured_data.py", "moment.isoformat()"),
    # The download spool's rows, JSON read back by PostgreSQL (members/download_spool.py).
    ("members/download_spool.py", "value.isoformat()"),
    # The edition's address, /bulletins/2026-11/.
    ("bulletins/models.py", 'self.month.strftime("%Y-%m")'),
}
# A strftime() or isoformat() call with what it is called on, or an f-string's "{when:%Y…}".
PYTHON_DATE_PATTERN = re.compile(
    r"""[\w.()]*(?:strftime\([^)]*\)|isoformat\(\))|\{[\w.]+:%[^}]*\}"""
)


def test_no_python_module_writes_a_date_its_own_way():
    found = {
        (str(name), match)
        for name, text in portal_files("**/*.py")
        for match in PYTHON_DATE_PATTERN.findall(text)
    }
    assert found - MACHINE_DATES_IN_PYTHON == set()


def test_a_template_with_its_own_date_pattern_is_caught():
    text = '<dd>{{ session.start_date|date:"d/m/Y" }}</dd> {{ x.on|date:"Y-m-d" }}'
    text += " <time datetime=\"{{ x.on|date:'c' }}\">"
    assert [pattern for _before, pattern in DATE_FILTER.findall(text)] == ["d/m/Y", "Y-m-d", "c"]
    assert [before.endswith(('="', "='")) for before, _p in DATE_FILTER.findall(text)] == [
        False,
        False,
        True,
    ]
    assert PYTHON_DATE_PATTERN.findall('f"{self.at:%Y-%m-%d}" + day.strftime("%d.%m")') == [
        "{self.at:%Y-%m-%d}",
        'day.strftime("%d.%m")',
    ]


def test_rows_named_in_the_back_office_write_their_dates_in_the_officers_language(db):
    user = UserFactory(first_name="Amina", last_name="Haddad")
    visit = DashboardVisit(user=user, last_visit_at=MOMENT.astimezone(datetime.UTC))
    with translation.override("es"):
        assert "noviembre de 2026" in str(Bulletin(month=datetime.date(2026, 11, 1)))
        # On the portal's clock (Geneva), not in UTC.
        assert str(visit) == "Amina Haddad · 6 de diciembre de 2026, 17:37"
