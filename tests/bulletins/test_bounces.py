"""The bounce webhook: a shared secret, and a hard bounce stops all mail to the address."""

import json

import pytest

from bulletins.models import Delivery, Suppression
from tests.factories import BulletinFactory, bulletin_contact

SECRET = "a-shared-webhook-secret"


@pytest.fixture
def sent_delivery(db, settings):
    settings.OEC_BULLETIN_WEBHOOK_SECRET = SECRET
    contact = bulletin_contact(email="dead@ngo.example")
    bulletin = BulletinFactory(status="sent")
    delivery = Delivery.objects.create(
        bulletin=bulletin,
        email="dead@ngo.example",
        language="en",
        contact=contact,
        status="sent",
        message_id="<1@oec.example>",
    )
    return delivery


def post(client, payload, secret=SECRET):
    headers = {"X-OEC-Webhook-Secret": secret} if secret is not None else {}
    return client.post(
        "/bulletins/bounces/", json.dumps(payload), content_type="application/json", headers=headers
    )


def test_hard_bounce_marks_the_delivery_and_suppresses_the_address(client, sent_delivery):
    response = post(client, {"email": "DEAD@ngo.example", "type": "hard"})

    assert response.status_code == 200
    assert response.json() == {"bounced": 1}
    sent_delivery.refresh_from_db()
    assert sent_delivery.status == "bounced"
    assert list(Suppression.objects.values_list("email", "reason")) == [
        ("dead@ngo.example", "hard_bounce")
    ]
    sent_delivery.contact.refresh_from_db()
    assert sent_delivery.contact.receives_bulletin is False


def test_soft_bounce_changes_nothing(client, sent_delivery):
    response = post(client, {"email": "dead@ngo.example", "type": "soft"})

    assert response.json() == {"bounced": 0}
    assert Suppression.objects.count() == 0


@pytest.mark.parametrize("secret", [None, "", "wrong-secret"])
def test_missing_or_wrong_secret_is_refused(client, sent_delivery, secret):
    response = post(client, {"email": "dead@ngo.example"}, secret=secret)

    assert response.status_code == 403
    assert Suppression.objects.count() == 0


def test_no_configured_secret_refuses_everything(client, sent_delivery, settings):
    settings.OEC_BULLETIN_WEBHOOK_SECRET = ""

    response = post(client, {"email": "dead@ngo.example"}, secret="")

    assert response.status_code == 403


def test_malformed_payload_answers_400(client, sent_delivery):
    response = client.post(
        "/bulletins/bounces/",
        "not json",
        content_type="application/json",
        headers={"X-OEC-Webhook-Secret": SECRET},
    )

    assert response.status_code == 400
    assert Suppression.objects.count() == 0


def test_webhook_refuses_get(client, sent_delivery):
    assert client.get("/bulletins/bounces/").status_code == 405
