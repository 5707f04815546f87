"""The suite's clock: any day may be the day it runs.

`pytest --today=2028-02-29T12:00` runs the tests as if the machine's clock said so (time-machine,
ticking from there), in every xdist worker. `make test` runs the modules marked `clock` (the ones
whose subject is a date: bulletin months, scheduled articles, registration deadlines, invitation
expiry, review dates, "new since last visit") once more at each of the awkward days of the
Makefile's CLOCK_DAYS (the last day of a month, New Year's Eve, 29 February 2028, the first
working day of a month, a year from now), so a test that silently assumes "today is in November"
fails in CI on any day, not on the first of the next month.

A test that needs a particular day sets it itself with the `travel_to` fixture, which wins over
`--today` for that test.
"""

import datetime
import zoneinfo

import pytest
import time_machine

# The Organisation's own time zone (settings.TIME_ZONE): "the last day of a month" means there.
GENEVA = zoneinfo.ZoneInfo("Europe/Zurich")


def moment(text):
    """A Geneva datetime from `2028-02-29` or `2028-02-29T12:00`."""
    parsed = datetime.datetime.fromisoformat(text)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=GENEVA)


def pytest_addoption(parser):
    parser.addoption(
        "--today",
        default=None,
        metavar="DATETIME",
        help="run as if the clock said DATETIME (ISO 8601, Geneva time), or +365 for a year ahead",
    )


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "clock: the subject is a date; make test runs it again at awkward days"
    )
    today = config.getoption("--today")
    if not today:
        return
    if today.startswith("+"):
        destination = datetime.datetime.now(GENEVA) + datetime.timedelta(days=int(today[1:]))
    else:
        destination = moment(today)
    traveller = time_machine.travel(destination, tick=True)
    traveller.start()
    config._clock_traveller = traveller


def pytest_unconfigure(config):
    traveller = getattr(config, "_clock_traveller", None)
    if traveller is not None:
        traveller.stop()


def pytest_report_header(config):
    today = config.getoption("--today")
    return f"clock: as if it were {today}" if today else None


@pytest.fixture
def travel_to():
    """Set the clock for this test: `travel_to("2026-11-24T10:00")` (Geneva time); it ticks."""
    travellers = []

    def travel(when, tick=True):
        traveller = time_machine.travel(moment(when) if isinstance(when, str) else when, tick=tick)
        traveller.start()
        travellers.append(traveller)
        return traveller

    yield travel
    for traveller in reversed(travellers):
        traveller.stop()
