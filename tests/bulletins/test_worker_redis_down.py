"""Redis is down when the bulletin is due: nothing is lost, the sweeper sends it when Redis is
back (SECURITY.md E4). The broker here is a throwaway redis-server of this test's own: the
machine's Redis is shared and is never stopped."""

import datetime

import pytest

from bulletins import services
from bulletins.models import Bulletin, Delivery
from tests.throwaway_redis import ThrowawayRedis

from .conftest import NOVEMBER
from .test_worker import assert_exactly_once, contacts


@pytest.fixture
def throwaway_redis():
    server = ThrowawayRedis()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def broker_url(throwaway_redis):
    """The worker and this process talk through the throwaway Redis."""
    return throwaway_redis.url


def test_redis_down_when_due_then_back_mails_each_recipient_once(
    bulletin_worker, smtp_sink, throwaway_redis
):
    addresses = contacts(10)
    throwaway_redis.stop()

    bulletin = services.bulletin_compose(month=NOVEMBER)  # enqueueing fails after commit

    bulletin.refresh_from_db()
    assert bulletin.status == Bulletin.Status.SENDING
    assert Delivery.objects.pending().filter(queued_at__isnull=True).count() == 10
    assert smtp_sink.count() == 0

    throwaway_redis.start()
    assert services.bulletin_sweep(older_than=datetime.timedelta(minutes=15)) == 10

    assert_exactly_once(smtp_sink, addresses)
