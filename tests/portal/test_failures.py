"""Failures answer plainly: no stack trace, a branded page when the database is away, and the
portal recovers by itself once it is back (SECURITY.md A9, F3, B6)."""

from django.test import Client
from django.urls import reverse


def test_database_outage_shows_the_branded_error_page_and_recovers(database_gone):
    client = Client(raise_request_exception=False)
    response = client.get("/en/members/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Organisation of Educational Cooperation" in body
    assert "Traceback" not in body and "OperationalError" not in body
    assert client.get("/healthz").status_code == 503
    database_gone()  # the server is back
    assert client.get("/en/members/").status_code == 200
    assert client.get("/healthz").status_code == 200


def test_unknown_page_is_a_plain_branded_404(client, db):
    response = client.get("/en/no/such/page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content
    assert b"Traceback" not in response.content


def test_deactivating_a_user_ends_their_sessions(client, delegate_a):
    client.force_login(delegate_a)
    assert client.get(reverse("dashboard")).status_code == 200
    delegate_a.is_active = False
    delegate_a.save(update_fields=["is_active"])
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_sessions_expire(settings):
    assert settings.SESSION_COOKIE_AGE <= 8 * 3600
