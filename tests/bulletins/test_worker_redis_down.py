"""Redis is down when the bulletin is due: nothing is lost, the sweeper sends it when Redis is
back (SECURITY.md E4). The broker here is a throwaway redis-server of this test's own: the
machine's Redis is shared and is never stopped."""

import datetime
import shutil
import subprocess
import time

import pytest
import redis

from bulletins import services
from bulletins.models import Bulletin, Delivery
from tests.network import free_port

from .conftest import NOVEMBER
from .test_worker import assert_exactly_once, contacts


class ThrowawayRedis:
    def __init__(self):
        self.port = free_port()
        self.process = None
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [
                shutil.which("redis-server") or "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                if redis.Redis.from_url(self.url).ping():
                    return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("the throwaway redis-server did not start")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


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
