"""The suite's clock: any day may be the day it runs.

`pytest --today=2028-02-29T12:00` runs the tests as if the machine's clock said so (time-machine,
ticking from there), in every xdist worker.

`pytest --clock-days="now 2028-02-29T12:00 +365"` runs each test marked `clock` (the ones whose
subject is a date: bulletin months, scheduled articles, registration deadlines, invitation expiry,
review dates, "new since last visit") once at each of those days (`now`: the real clock), each
run its own test (`test_x[2028-02-29T12:00]`) that travels there before its fixtures are made.
`make test` gives it `now` and the awkward days of the Makefile's CLOCK_DAYS (the last day of a
month, New Year's Eve, 29 February 2028, the first working day of a month, a year from now), all
in the one pytest run (start-up and databases paid once), so a test that silently assumes "today
is in November" fails in CI on any day, not on the first of the next month.

Mark each such test, not its whole module: a form, a permission or a query count is the same on
every day, and a test that travels to a day of its own (`travel_to`) or whose dates are all
written out is too; each runs once.

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
    parser.addoption(
        "--clock-days",
        default="",
        metavar="DAYS",
        help="run each test marked clock at each of DAYS (space-separated, as --today, or now)",
    )


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "clock: the subject is a date; make test runs it again at awkward days"
    )
    today = config.getoption("--today")
    if today:
        traveller = time_machine.travel(destination(today), tick=True)
        traveller.start()
        config._clock_traveller = traveller
    # Read once: "+365" is a year from the start of the run, for every test.
    config._clock_days = {day: destination(day) for day in config.getoption("--clock-days").split()}


def destination(day):
    """The moment `day` (as --today takes it) means; None for `now`."""
    if day == "now":
        return None
    if day.startswith("+"):
        return datetime.datetime.now(GENEVA) + datetime.timedelta(days=int(day[1:]))
    return moment(day)


def pytest_generate_tests(metafunc):
    days = metafunc.config._clock_days
    if days and metafunc.definition.get_closest_marker("clock"):
        metafunc.parametrize("clock_day", list(days), indirect=True, ids=list(days))


@pytest.fixture(autouse=True)
def clock_day(request):
    """The day this test runs at (--clock-days), `None` without; the travel itself starts before
    any fixture, in pytest_runtest_protocol."""
    return getattr(request, "param", None)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item, nextitem):
    callspec = getattr(item, "callspec", None)
    day = callspec.params.get("clock_day") if callspec else None
    moment_of_day = item.config._clock_days.get(day) if day else None
    if moment_of_day is None:
        return (yield)
    with time_machine.travel(moment_of_day, tick=True):
        return (yield)


def pytest_unconfigure(config):
    traveller = getattr(config, "_clock_traveller", None)
    if traveller is not None:
        traveller.stop()


def pytest_report_header(config):
    today = config.getoption("--today")
    days = config.getoption("--clock-days")
    lines = [f"clock: as if it were {today}"] if today else []
    if days:
        lines.append(f"clock: the tests marked clock at each of {days}")
    return lines


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
