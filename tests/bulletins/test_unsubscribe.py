"""One-click unsubscribe (RFC 8058) and the preferences page, reached with a signed token."""

import pytest
from django.core import signing
from django.test import Client

from bulletins.models import Delivery
from bulletins.tokens import unsubscribe_token
from members.models import Suppression
from partnerships.models import Contact
from tests.factories import BulletinFactory, SubscriberFactory, bulletin_contact


def unsubscribe_url(token):
    return f"/bulletins/unsubscribe/{token}/"


@pytest.fixture
def contact(db):
    return bulletin_contact(email="reader@ngo.example", language="en")


def test_unsubscribe_get_shows_a_button_and_changes_nothing(client, contact):
    response = client.get(unsubscribe_url(unsubscribe_token("reader@ngo.example")))

    assert response.status_code == 200
    assert b'<form method="post">' in response.content
    assert Suppression.objects.count() == 0


def test_one_click_post_without_login_or_csrf_token_unsubscribes(contact):
    client = Client(enforce_csrf_checks=True)

    response = client.post(
        unsubscribe_url(unsubscribe_token("Reader@NGO.example")),
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert list(Suppression.objects.values_list("email", "reason")) == [
        ("reader@ngo.example", "unsubscribed")
    ]
    contact.refresh_from_db()
    assert contact.receives_bulletin is False


def test_unsubscribe_skips_the_pending_deliveries_of_the_address(client, contact):
    bulletin = BulletinFactory(status="sending")
    Delivery.objects.create(bulletin=bulletin, email="reader@ngo.example", language="en")

    client.post(unsubscribe_url(unsubscribe_token("reader@ngo.example")))

    assert Delivery.objects.get().status == "skipped"


def test_tampered_token_is_refused_and_changes_nothing(client, contact):
    token = unsubscribe_token("reader@ngo.example")
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")

    response = client.post(unsubscribe_url(tampered))

    assert response.status_code == 400
    assert b"This link is not valid" in response.content
    assert Suppression.objects.count() == 0
    assert Contact.objects.get().receives_bulletin is True


def test_token_for_another_address_cannot_be_forged_by_editing_the_payload(client, contact):
    token = unsubscribe_token("someone@else.example")
    payload, rest = token.split(":", 1)
    forged = signing.b64_encode(b'"reader@ngo.example"').decode() + ":" + rest

    response = client.post(unsubscribe_url(forged))

    assert response.status_code == 400
    assert Suppression.objects.count() == 0


def test_expired_token_is_refused(client, contact, settings):
    token = unsubscribe_token("reader@ngo.example")
    settings.OEC_BULLETIN_UNSUBSCRIBE_MAX_AGE = -1

    response = client.post(unsubscribe_url(token))

    assert response.status_code == 400
    assert Suppression.objects.count() == 0


def test_confirmation_token_is_not_an_unsubscribe_token(client, contact):
    from bulletins.tokens import confirm_token

    response = client.post(unsubscribe_url(confirm_token("reader@ngo.example")))

    assert response.status_code == 400


def test_preferences_change_the_language_of_contacts_and_subscribers(client, contact):
    SubscriberFactory(email="reader@ngo.example", language="en")
    url = f"/en/bulletins/preferences/{unsubscribe_token('reader@ngo.example')}/"

    response = client.post(url, {"language": "ar"})

    assert response.status_code == 200
    assert b"Your choice is saved" in response.content
    contact.refresh_from_db()
    assert contact.preferred_language == "ar"
    assert contact.__class__.objects.count() == 1
    from bulletins.models import Subscriber

    assert Subscriber.objects.get().language == "ar"


def test_preferences_refuse_an_unknown_language(client, contact):
    url = f"/en/bulletins/preferences/{unsubscribe_token('reader@ngo.example')}/"

    response = client.post(url, {"language": "de"})

    assert response.status_code == 200
    assert b"errorlist" in response.content
    contact.refresh_from_db()
    assert contact.preferred_language == "en"


def test_preferences_refuse_a_tampered_token(client, contact):
    response = client.get("/en/bulletins/preferences/not-a-token/")

    assert response.status_code == 400
