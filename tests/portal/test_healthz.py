import pytest
from django.db import OperationalError, connection


def test_healthz_reports_each_dependency(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok", "broker": "ok", "status": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.fixture
def database_gone(transactional_db, monkeypatch):
    """Point the connection at a server that is not there, as when PostgreSQL stops."""
    saved = dict(connection.settings_dict)
    connection.close()
    if connection.vendor == "postgresql":
        connection.settings_dict["PORT"] = "1"
    else:
        # The in-memory SQLite test database cannot be closed; fail its connection instead.
        def refuse():
            raise OperationalError("database is unreachable")

        monkeypatch.setattr(connection, "ensure_connection", refuse)
    yield
    monkeypatch.undo()
    connection.close()
    connection.settings_dict.clear()
    connection.settings_dict.update(saved)


def test_healthz_is_503_when_the_database_is_down(client, database_gone):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "down"
    assert response.json()["status"] == "down"
