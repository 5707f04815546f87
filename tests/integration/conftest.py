"""Real services for integration tests: a Celery worker process on the real Redis broker and
PostgreSQL database, and a local SMTP sink (aiosmtpd) standing in for the mail provider.

These tests need PostgreSQL and Redis (DATABASE_URL, REDIS_URL), as `make test` and CI give
them: a worker in another process cannot see SQLite's in-memory test database.
"""

import collections
import os
import threading
import time
from email import message_from_bytes

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings
from django.db import connection

from oec_portal.celery import app as celery_app
from tests.network import free_port
from tests.processes import kill_process_group, start_celery_worker


class SinkHandler:
    """Keeps every message it receives; `received[address]` lists the messages to it."""

    def __init__(self):
        self.received = collections.defaultdict(list)
        self.lock = threading.Lock()
        self.fail_next = 0  # answer this many transactions with a transient 451

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd API)
        with self.lock:
            if self.fail_next:
                self.fail_next -= 1
                return "451 4.3.0 Try again later"
            message = message_from_bytes(envelope.content)
            for address in envelope.rcpt_tos:
                self.received[address.lower()].append(message)
        return "250 OK"

    def count(self):
        with self.lock:
            return sum(len(messages) for messages in self.received.values())

    def wait_for(self, total, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.count() >= total:
                return True
            time.sleep(0.1)
        return False


@pytest.fixture
def smtp_sink():
    handler = SinkHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    handler.port = controller.port
    yield handler
    controller.stop()


def _require_services():
    if connection.vendor != "postgresql" or not settings.REDIS_URL:
        pytest.fail(
            "Integration tests need PostgreSQL and Redis: run them through `make test` "
            "(DATABASE_URL and REDIS_URL set)."
        )


class WorkerProcess:
    """`celery worker` in its own process, on the test database and a private Redis database."""

    def __init__(self, env):
        self.env = env
        self.process = None

    def start(self):
        self.process = start_celery_worker(self.env)

    def kill(self):
        """SIGKILL the whole worker (main process and children), as a crash would."""
        kill_process_group(self.process)

    def stop(self):
        """End the worker once its test is over. Killed: nothing is left to wait for, and a
        warm shutdown (SIGTERM) took Celery one to two seconds a worker."""
        if self.process and self.process.poll() is None:
            kill_process_group(self.process)


@pytest.fixture
def broker_url():
    """A Redis database of its own for this test run's broker (xdist workers apart)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    number = 10 + int(worker.removeprefix("gw") or 0)
    return settings.REDIS_URL.rsplit("/", 1)[0] + f"/{number}"


@pytest.fixture
def celery_worker_process(transactional_db, smtp_sink, broker_url, settings):
    """Start a real worker; tasks sent by this test go through Redis to it; mail to the sink."""
    _require_services()
    import uuid

    import redis

    # A queue of this test's own: a parallel run on the same Redis never takes its tasks.
    queue = f"oec-test-{uuid.uuid4().hex[:12]}"
    database = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "oec_portal.settings.base",
        "DATABASE_URL": (
            f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:"
            f"{database['PORT'] or 5432}/{database['NAME']}"
        ),
        "REDIS_URL": broker_url,
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_sink.port}",
        "DEBUG": "false",
    }
    previous = {
        "broker_url": celery_app.conf.broker_url,
        "task_always_eager": celery_app.conf.task_always_eager,
        "task_default_queue": celery_app.conf.task_default_queue,
    }
    celery_app.conf.update(broker_url=broker_url, task_always_eager=False, task_default_queue=queue)
    # Forget connections and producers bound to the old broker.
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", smtp_sink.port
    worker = WorkerProcess(env)
    worker.start()
    yield worker
    worker.stop()
    redis.Redis.from_url(broker_url).delete(queue)
    celery_app.conf.update(**previous)
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
