"""Public subscription with double opt-in, a honeypot and a per-IP limit."""

import re

from django.core import mail

from bulletins.models import Subscriber
from bulletins.tokens import confirm_token
from members.models import Suppression


def subscribe(client, django_capture_on_commit_callbacks, **data):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(
            "/fr/bulletins/subscribe/", {"email": "new@public.example", "language": "fr", **data}
        )


def test_subscribe_mails_a_confirmation_link_and_sends_nothing_else(
    client, db, django_capture_on_commit_callbacks
):
    response = subscribe(client, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert response["Location"] == "/fr/bulletins/subscribe/thanks/"
    subscriber = Subscriber.objects.get()
    assert (subscriber.email, subscriber.language, subscriber.confirmed_at) == (
        "new@public.example",
        "fr",
        None,
    )
    [message] = mail.outbox
    assert message.to == ["new@public.example"]
    assert re.search(r"/fr/bulletins/subscribe/confirm/[^/\s]+/", message.body)


def test_following_the_link_and_pressing_the_button_confirms(
    client, db, django_capture_on_commit_callbacks
):
    subscribe(client, django_capture_on_commit_callbacks)
    link = re.search(r"https?://\S+", mail.outbox[0].body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]

    assert client.get("/" + path).status_code == 200
    assert Subscriber.objects.get().confirmed_at is None
    response = client.post("/" + path)

    assert response.status_code == 200
    assert Subscriber.objects.get().confirmed_at is not None


def test_confirming_after_an_unsubscribe_lifts_the_suppression(client, db):
    Subscriber.objects.create(email="back@public.example", language="en")
    Suppression.objects.create(email="back@public.example", reason="unsubscribed")

    client.post(f"/en/bulletins/subscribe/confirm/{confirm_token('back@public.example')}/")

    assert Suppression.objects.count() == 0
    assert Subscriber.objects.get().confirmed_at is not None


def test_a_hard_bounced_address_cannot_subscribe_again(client, db):
    Subscriber.objects.create(email="dead@public.example", language="en")
    Suppression.objects.create(email="dead@public.example", reason="hard_bounce")

    response = client.post(
        f"/en/bulletins/subscribe/confirm/{confirm_token('dead@public.example')}/"
    )

    assert response.status_code == 400
    assert Subscriber.objects.get().confirmed_at is None


def test_tampered_confirmation_link_is_refused(client, db):
    Subscriber.objects.create(email="x@public.example", language="en")

    response = client.post(f"/en/bulletins/subscribe/confirm/{confirm_token('x@public.example')}x/")

    assert response.status_code == 400
    assert Subscriber.objects.get().confirmed_at is None


def test_honeypot_thanks_the_robot_and_stores_nothing(
    client, db, django_capture_on_commit_callbacks
):
    response = subscribe(client, django_capture_on_commit_callbacks, website="http://spam.example")

    assert response.status_code == 302
    assert Subscriber.objects.count() == 0
    assert mail.outbox == []


def test_invalid_address_is_refused_with_a_message(client, db):
    response = client.post(
        "/en/bulletins/subscribe/", {"email": "not-an-address", "language": "en"}
    )

    assert response.status_code == 200
    assert b"Enter a valid email address." in response.content
    assert Subscriber.objects.count() == 0


def test_sixth_request_from_one_ip_within_an_hour_is_refused(
    client, db, settings, django_capture_on_commit_callbacks
):
    settings.OEC_BULLETIN_SUBSCRIPTIONS_PER_HOUR = 5
    for number in range(5):
        response = client.post(
            "/en/bulletins/subscribe/", {"email": f"p{number}@public.example", "language": "en"}
        )
        assert response.status_code == 302

    response = client.post(
        "/en/bulletins/subscribe/", {"email": "p6@public.example", "language": "en"}
    )

    assert response.status_code == 429
    assert Subscriber.objects.count() == 5
