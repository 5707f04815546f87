"""The suite's clock (tests/clock.py): a test marked `clock` runs at its --clock-days day."""

import datetime
import time

import pytest
import time_machine
from django.utils import timezone

pytestmark = pytest.mark.clock


@pytest.fixture
def moment_of_setup():
    return timezone.now()


def test_a_clock_test_and_its_fixtures_run_at_its_day(request, clock_day, moment_of_setup):
    days = request.config._clock_days
    expected = days.get(clock_day)
    if expected is None:
        # `now`, or no --clock-days: the machine's clock (or --today's, which travels it all).
        hatch = time_machine.escape_hatch
        real = hatch.time.time() if hatch.is_travelling() else time.time()
        expected = datetime.datetime.fromtimestamp(real, datetime.UTC)
        if request.config.getoption("--today"):
            expected = timezone.now()
    assert clock_day is None or clock_day in days
    assert abs(timezone.now() - expected) < datetime.timedelta(minutes=1)
    assert abs(moment_of_setup - expected) < datetime.timedelta(minutes=1)
