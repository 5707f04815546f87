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

from tests.factories import AssemblySessionFactory, DecisionFactory

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


# A named format (DATE_FORMAT, ...) or a machine-readable one (ISO 8601 for datetime=, forms).
ALLOWED = re.compile(r"^([A-Z_]+_FORMAT|c|Y-m-d|U)$")


def test_no_template_writes_its_own_date_pattern():
    root = Path(settings.BASE_DIR)
    offending = []
    for template in root.glob("**/templates/**/*"):
        if ".venv" in template.parts or "node_modules" in template.parts or template.is_dir():
            continue
        text = template.read_text(encoding="utf-8")
        for pattern in re.findall(r"""\|date:["']([^"']*)["']""", text):
            if not ALLOWED.match(pattern):
                offending.append(f"{template.relative_to(root)}: {pattern}")
    assert offending == []
