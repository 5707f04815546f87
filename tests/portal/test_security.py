"""Security promises of SECURITY.md that belong to the whole portal (headers, cookies, logs)."""

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.factories import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
PUBLIC_URLS = ["/en/", "/ar/", "/en/members/", "/en/accounts/login/", "/healthz", "/robots.txt"]


def _csp_directives(response):
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_every_response_carries_the_security_headers(client, db, url):
    response = client.get(url)
    assert response.status_code == 200
    csp = _csp_directives(response)
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    assert "'unsafe-inline'" not in csp["script-src"] and "'unsafe-eval'" not in csp["script-src"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_authenticated_pages_are_never_stored(client, delegate_a):
    client.force_login(delegate_a)
    response = client.get(reverse("dashboard"))
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_anonymous_public_page_is_not_marked_no_store(client, db):
    assert "no-store" not in client.get("/en/members/").get("Cache-Control", "")


def test_trace_is_refused(client, db):
    assert client.generic("TRACE", "/en/").status_code == 405


def test_login_never_redirects_to_another_host(client, delegate_a):
    response = client.post(
        reverse("account_login") + "?next=https://elsewhere.example/steal",
        {"login": delegate_a.email, "password": PASSWORD, "next": "https://elsewhere.example/x"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")


def test_logins_and_failures_are_logged_without_secrets(client, delegate_a, caplog):
    with caplog.at_level(logging.INFO, logger="oec.security"):
        client.post(reverse("account_login"), {"login": delegate_a.email, "password": "wrong pw"})
        client.post(reverse("account_login"), {"login": delegate_a.email, "password": PASSWORD})
    messages = [record.getMessage() for record in caplog.records if record.name == "oec.security"]
    assert messages[0] == f"login failed identifier={delegate_a.email} ip=127.0.0.1"
    assert messages[1] == f"login user={delegate_a.pk} organisations=member-a ip=127.0.0.1"
    assert not any("wrong pw" in m or PASSWORD in m for m in messages)


def _production_settings():
    """The security settings of oec_portal.settings.production, read in a fresh interpreter."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "oec_portal.settings.production",
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "portal.oec.example",
    }
    env.pop("OEC_HTTPS", None)
    names = [
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_SSL_REDIRECT",
        "SESSION_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "SESSION_COOKIE_SAMESITE",
        "SESSION_COOKIE_NAME",
        "CSRF_COOKIE_SECURE",
        "SECURE_HSTS_PRELOAD",
        "CSRF_COOKIE_NAME",
        "DEBUG",
        "OEC_REQUIRE_2FA_FOR_FOCAL_POINTS",
    ]
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        f"print(json.dumps({{n: getattr(settings, n) for n in {names!r}}}))"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def test_production_settings_are_strict():
    production = _production_settings()
    assert production["SECURE_HSTS_SECONDS"] >= 365 * 24 * 3600
    assert production["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert production["SECURE_SSL_REDIRECT"] is True
    assert production["SESSION_COOKIE_SECURE"] and production["CSRF_COOKIE_SECURE"]
    assert production["SESSION_COOKIE_HTTPONLY"] is True
    assert production["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert production["SESSION_COOKIE_NAME"].startswith("__Host-")
    assert production["CSRF_COOKIE_NAME"].startswith("__Host-")
    assert production["DEBUG"] is False
    assert production["OEC_REQUIRE_2FA_FOR_FOCAL_POINTS"] is True


def test_production_cookies_after_login_are_secure_host_prefixed(client, delegate_a):
    production = _production_settings()
    with override_settings(
        SESSION_COOKIE_SECURE=True,
        SESSION_COOKIE_NAME=production["SESSION_COOKIE_NAME"],
        CSRF_COOKIE_SECURE=True,
        CSRF_COOKIE_NAME=production["CSRF_COOKIE_NAME"],
        SECURE_HSTS_SECONDS=production["SECURE_HSTS_SECONDS"],
        SECURE_HSTS_INCLUDE_SUBDOMAINS=True,
        SECURE_HSTS_PRELOAD=production["SECURE_HSTS_PRELOAD"],
    ):
        response = client.post(
            reverse("account_login"),
            {"login": delegate_a.email, "password": PASSWORD},
            secure=True,
        )
        cookie = response.cookies["__Host-sessionid"]
        assert cookie["secure"] and cookie["httponly"] and cookie["samesite"] == "Lax"
        assert cookie["path"] == "/" and not cookie["domain"]
        assert (
            response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
        )


def test_a_refused_action_is_logged_with_user_organisation_and_ip(client, delegate_a, caplog):
    client.force_login(delegate_a)
    with caplog.at_level(logging.WARNING, logger="oec.security"):
        assert client.get(reverse("members:people")).status_code == 403
    messages = [r.getMessage() for r in caplog.records if r.name == "oec.security"]
    assert [m for m in messages if m.startswith("access denied")] == [
        f"access denied user={delegate_a.pk} organisation=member-a ip=127.0.0.1 "
        "path=/en/dashboard/people/"
    ]
