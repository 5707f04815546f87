"""Fixtures of the bulletin tests: a month with content, recipients, and composing at once."""

import datetime

import pytest

from members.models import Role
from tests.factories import HostFactory

NOVEMBER = datetime.date(2026, 11, 1)


@pytest.fixture
def host_org(db):
    return HostFactory()


@pytest.fixture
def officer(officer_with_totp):
    """The partnerships officer who approves the bulletin, with two-factor authentication."""
    return officer_with_totp(Role.PARTNERSHIPS, "partnerships@oec.example")


@pytest.fixture
def send_at_once(settings):
    """No officer's approval: a composed bulletin is queued at once."""
    settings.OEC_BULLETIN_REQUIRES_APPROVAL = False
    settings.OEC_SITE_URL = "https://portal.oec.example"
    return settings


@pytest.fixture
def compose_and_send(django_capture_on_commit_callbacks, send_at_once, host_org):
    """Compose the bulletin of `month` and run the after-commit enqueue (eager tasks)."""
    from bulletins.services import bulletin_compose

    def run(month=NOVEMBER):
        with django_capture_on_commit_callbacks(execute=True):
            return bulletin_compose(month=month)

    return run


# --- real worker, real Redis, real SMTP (tests/integration's fixtures) ------------------------
from tests.integration.conftest import (  # noqa: E402, F401 (fixtures)
    celery_worker_process,
    smtp_sink,
)

CHUNK_SIZE = 4


@pytest.fixture
def broker_url():
    """Redis databases 14+ (one per xdist worker): the broker of tests/integration uses 10+, and
    a run of theirs at the same time must not flush this one's queue."""
    import os

    from django.conf import settings

    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    number = 14 + int(worker.removeprefix("gw") or 0)
    return settings.REDIS_URL.rsplit("/", 1)[0] + f"/{number}"


@pytest.fixture
def worker_env(monkeypatch):
    """Settings of the worker process (read from its environment): small chunks, quick retries."""
    for name, value in {
        "OEC_BULLETIN_REQUIRES_APPROVAL": "false",
        "OEC_BULLETIN_CHUNK_SIZE": str(CHUNK_SIZE),
        "OEC_BULLETIN_RETRY_BACKOFF": "1",
        "OEC_SITE_URL": "https://portal.oec.example",
    }.items():
        monkeypatch.setenv(name, value)


@pytest.fixture
def bulletin_worker(worker_env, host_org, settings, celery_worker_process):  # noqa: F811
    """A real worker for the bulletin; this process composes and enqueues as beat would."""
    settings.OEC_BULLETIN_REQUIRES_APPROVAL = False
    settings.OEC_BULLETIN_CHUNK_SIZE = CHUNK_SIZE
    settings.OEC_SITE_URL = "https://portal.oec.example"
    forget_broker_connections()
    yield celery_worker_process
    forget_broker_connections()


def forget_broker_connections():
    """The fixture points the app at another broker; the producer pool must forget the old one
    too (Celery keeps it apart from `app._pool`, and forgets both only after a fork)."""
    from oec_portal.celery import app

    app._pool = None
    app.amqp._producer_pool = None
