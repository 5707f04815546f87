"""A database connection kept between requests is checked before its reuse by looking at its
socket, not by asking the server (oec_portal/postgresql/base.py, issue 19)."""

import time

import pytest
from django.db import connection

from tests.postgresql import from_another_connection

pytestmark = pytest.mark.django_db(transaction=True)


def _last_statement_of(backend_pid):
    [(query,)] = from_another_connection(
        "SELECT query FROM pg_stat_activity WHERE pid = %s", [backend_pid]
    )
    return query


def test_the_portal_uses_its_own_postgresql_backend():
    assert connection.settings_dict["ENGINE"] == "oec_portal.postgresql"
    assert connection.vendor == "postgresql"


def test_a_healthy_connection_is_usable_without_a_round_trip():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 'the last statement'")
    backend_pid = connection.connection.info.backend_pid

    assert connection.is_usable()
    assert _last_statement_of(backend_pid) == "SELECT 'the last statement'"


def test_a_connection_the_server_ended_is_not_reused():
    connection.ensure_connection()
    backend_pid = connection.connection.info.backend_pid
    from_another_connection("SELECT pg_terminate_backend(%s)", [backend_pid])
    deadline = time.monotonic() + 5
    while connection.is_usable() and time.monotonic() < deadline:
        time.sleep(0.01)

    assert not connection.is_usable()
    # What Django does before a request's first query when CONN_HEALTH_CHECKS is on.
    connection.health_check_enabled, connection.health_check_done = True, False
    connection.close_if_health_check_failed()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        [(new_pid,)] = cursor.fetchall()
    assert new_pid != backend_pid


def test_a_closed_connection_is_not_usable():
    connection.ensure_connection()
    connection.connection.close()

    assert not connection.is_usable()
    connection.close()  # Django's own bookkeeping, so that the next test connects anew
