"""Account pages and mails (issue 14): how to get an account, mails that name the body in the
visitor's language, and no second password right after signing in."""

import datetime
from pathlib import Path

import allauth
import pytest
import time_machine
from allauth.account.adapter import get_adapter
from django.core import mail
from django.urls import reverse
from django.utils import translation

from members.adapters import BrandedSite
from tests.factories import PASSWORD
from tests.members.conftest import assert_totp_setup_shows_without_a_second_password

ALLAUTH_TEMPLATES = Path(allauth.__file__).parent / "templates"
ALLAUTH_MAILS = sorted(
    f"{path.parent.parent.name}/email/{path.name.removesuffix('_message.txt')}"
    for folder in ("account", "mfa")
    for path in (ALLAUTH_TEMPLATES / folder / "email").glob("*_message.txt")
    if path.with_name(path.name.replace("_message.txt", "_subject.txt")).exists()
)


def test_sign_up_page_says_how_to_get_an_account(client, db):
    response = client.get(reverse("account_signup"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Sign Up Closed" not in page and "sign up is currently closed" not in page
    assert "<h1>How to get an account</h1>" in page
    assert f'<a href="{reverse("partnerships:apply")}">' in page
    assert f'<a href="{reverse("members:directory")}">member directory</a>' in page
    assert f'<a href="{reverse("account_login")}">' in page


def test_sign_in_page_links_how_to_get_an_account_not_a_closed_sign_up(client, db):
    page = client.get(reverse("account_login")).content.decode()
    assert "please sign up" not in page.lower()
    assert "No account yet? Accounts are opened by invitation." in page
    assert f'<a href="{reverse("account_signup")}">How to get an account</a>' in page


@pytest.mark.parametrize(
    ("language", "organisation", "greeting"),
    [
        ("fr", "Organisation de coopération éducative", "Bonjour de la part de l’Organisation"),
        ("ar", "منظمة التعاون التربوي", "تحية من منظمة التعاون التربوي!"),
        ("es", "Organización de Cooperación Educativa", "¡Saludos de la Organización"),
    ],
)
def test_password_reset_mail_names_the_body_in_the_visitors_language(
    client, delegate_a, settings, language, organisation, greeting
):
    settings.OEC_SITE_URL = "https://portal.oec.example"
    response = client.post(
        f"/{language}/accounts/password/reset/", {"email": delegate_a.email}, HTTP_HOST="127.0.0.1"
    )
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == [delegate_a.email]
    assert message.subject.startswith(f"[{organisation}] ")
    assert message.body.startswith(greeting)
    # The host name appears only in the link (the address the visitor used), never as a name.
    assert "127.0.0.1" not in message.subject
    assert "127.0.0.1" not in message.body.replace("http://127.0.0.1/", "")
    assert "Hello from" not in message.body
    assert message.body.rstrip().endswith("https://portal.oec.example")
    # The link leads back to the reset page in the same language.
    assert f"/{language}/accounts/password/reset/key/" in message.body


def test_unknown_account_mail_says_how_to_get_an_account_not_to_sign_up(client, db):
    client.post("/fr/accounts/password/reset/", {"email": "nobody@example.org"})
    (message,) = mail.outbox
    assert message.to == ["nobody@example.org"]
    assert message.body.startswith("Bonjour de la part de l’Organisation de coopération éducative")
    assert "Les comptes sont ouverts sur invitation." in message.body
    assert "/fr/accounts/signup/" in message.body
    assert "sign up" not in message.body.lower()


@pytest.mark.parametrize("template_prefix", ALLAUTH_MAILS)
def test_every_allauth_mail_is_branded_with_a_text_and_an_html_part(
    template_prefix, delegate_a, settings
):
    settings.OEC_SITE_URL = "https://portal.oec.example"
    with translation.override("fr"):
        message = get_adapter().render_mail(
            template_prefix,
            delegate_a.email,
            {
                "current_site": BrandedSite(),
                "site_url": "https://portal.oec.example",
                "user": delegate_a,
                "email": delegate_a.email,
            },
        )
    assert message.to == [delegate_a.email]
    assert message.subject.startswith("[Organisation de coopération éducative] ")
    assert "\n" not in message.subject
    greeting = "Bonjour de la part de l’Organisation de coopération éducative !"
    assert message.body.startswith(greeting)
    assert message.body.rstrip().endswith("https://portal.oec.example")
    assert "Hello from" not in message.body
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert '<html lang="fr" dir="ltr">' in html
    assert greeting in html


def sign_in(client, user):
    return client.post(
        reverse("account_login"), {"login": user.email, "password": PASSWORD}, follow=True
    )


def test_secretariat_user_sets_up_totp_right_after_signing_in_without_a_second_password(
    client, secretariat_editor
):
    response = sign_in(client, secretariat_editor)
    assert_totp_setup_shows_without_a_second_password(response)


def test_the_password_is_asked_again_once_the_sign_in_is_older_than_the_timeout(
    client, secretariat_editor, settings
):
    now = datetime.datetime.now(datetime.UTC)
    with time_machine.travel(now, tick=False):
        sign_in(client, secretariat_editor)
    with time_machine.travel(now + datetime.timedelta(seconds=301), tick=False):
        response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))


def test_a_session_without_a_sign_in_record_is_asked_for_the_password(client, secretariat_editor):
    # force_login() records no sign-in: like a session that outlived allauth's records.
    client.force_login(secretariat_editor)
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
