"""The bulletin and its confirmation mail in the Organisation's layout (members/mail.py), the
bulletin keeping its RFC 8058 one-click headers."""

import pytest
from django.core import mail

from bulletins.confirmation_mail import confirmation_mail_send
from tests.factories import SubscriberFactory, bulletin_contact
from tests.mail_checks import assert_branded


@pytest.mark.parametrize(("language", "direction"), [("en", "ltr"), ("fr", "ltr"), ("ar", "rtl")])
def test_bulletin_is_branded_in_the_contacts_language_with_its_one_click_headers(
    compose_and_send, language, direction
):
    bulletin_contact(email="reader@ngo.example", language=language)
    compose_and_send()

    (message,) = mail.outbox
    html = assert_branded(message, language=language)
    unsubscribe = message.extra_headers["List-Unsubscribe"][1:-1]
    assert unsubscribe.startswith("https://portal.oec.example/bulletins/unsubscribe/")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # The footer offers the same link, and the language preferences, in both parts.
    assert f'<a href="{unsubscribe}" style="color:#11528f;text-decoration:underline;">' in html
    assert unsubscribe in message.body
    assert f"/{language}/bulletins/preferences/" in html
    assert f"/{language}/bulletins/preferences/" in message.body
    assert f'<html lang="{language}" dir="{direction}">' in html


def test_bulletin_footer_says_why_in_the_readers_language(compose_and_send):
    bulletin_contact(email="fr@ngo.example", language="fr")
    compose_and_send()

    (message,) = mail.outbox
    reason = (
        "Vous recevez ce bulletin en tant que contact partenaire ou abonné de l’Organisation de "
        "coopération éducative."
    )
    assert reason in message.body
    assert reason in message.alternatives[0][0]
    assert "Se désabonner" in message.alternatives[0][0]


@pytest.mark.parametrize("language", ["en", "es", "ar"])
def test_confirmation_mail_is_branded_with_a_button_in_the_subscribers_language(
    db, settings, language
):
    settings.OEC_SITE_URL = "https://portal.oec.example"
    subscriber = SubscriberFactory(email="new@public.example", language=language, confirmed_at=None)
    confirmation_mail_send(subscriber=subscriber)

    (message,) = mail.outbox
    html = assert_branded(message, language=language)
    label = {"en": "Confirm the subscription", "es": "Confirmar la suscripción"}.get(
        language, "تأكيد الاشتراك"
    )
    assert f">{label}</a>" in html
    assert f"https://portal.oec.example/{language}/bulletins/subscribe/confirm/" in message.body
    assert "List-Unsubscribe" not in message.extra_headers  # one mail asked for, not a list
