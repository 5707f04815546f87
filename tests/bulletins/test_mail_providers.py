"""The mail providers' reports (issue 17): Amazon SES, Postmark, Mailgun, SendGrid and Brevo.

Each provider posts its own payload, in the shape its documentation gives, to its tracking
webhook (django-anymail's, at /anymail/<provider>/tracking/), with the shared secret as HTTP
basic auth (and Mailgun's signature). A hard bounce, a complaint or an unsubscribe there
suppresses the address and marks the delivery the report names; a soft bounce changes nothing;
the same report twice changes nothing more; a report without the credentials changes nothing.
"""

import base64
import json

import pytest
import requests
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.core import checks

from bulletins import services
from bulletins.checks import mail_provider_webhook_configured
from bulletins.models import Delivery
from members.models import Suppression
from tests.factories import BulletinFactory, SubscriberFactory, bulletin_contact

from .provider_reports import (
    ADDRESS,
    MAILGUN_SIGNING_KEY,
    PAYLOADS,
    PROVIDER_IDS,
    PROVIDERS,
    SECRET,
    UNSUBSCRIBING,
    mailgun,
    postmark,
    report,
    sendgrid,
)

pytestmark = pytest.mark.django_db


# --- fixtures ---------------------------------------------------------------------------------
@pytest.fixture
def webhooks(settings):
    settings.ANYMAIL = {
        "WEBHOOK_SECRET": [SECRET],
        "MAILGUN_WEBHOOK_SIGNING_KEY": MAILGUN_SIGNING_KEY,
    }
    return settings


def sent_by(provider):
    """A bulletin delivered to ADDRESS by `provider`, which gave it its id."""
    contact = bulletin_contact(email=ADDRESS)
    return Delivery.objects.create(
        bulletin=BulletinFactory(status="sent"),
        email=ADDRESS,
        language="en",
        contact=contact,
        status="sent",
        message_id="<bulletin.5f2a.1@portal.oec.example>",
        provider_message_id=PROVIDER_IDS[provider],
    )


def suppressions():
    return list(Suppression.objects.values_list("email", "reason"))


# --- what each report does --------------------------------------------------------------------
@pytest.mark.parametrize("provider", PROVIDERS)
def test_a_hard_bounce_suppresses_the_address_and_marks_the_delivery(client, webhooks, provider):
    delivery = sent_by(provider)

    response = report(
        client, provider, PAYLOADS[provider]("hard_bounce", ADDRESS.upper(), PROVIDER_IDS[provider])
    )

    assert response.status_code == 200
    delivery.refresh_from_db()
    assert delivery.status == "bounced"
    assert suppressions() == [(ADDRESS, "hard_bounce")]
    delivery.contact.refresh_from_db()
    assert delivery.contact.receives_bulletin is False


@pytest.mark.parametrize("provider", PROVIDERS)
def test_a_complaint_suppresses_the_address_and_marks_the_delivery(client, webhooks, provider):
    delivery = sent_by(provider)

    response = report(
        client, provider, PAYLOADS[provider]("complaint", ADDRESS, PROVIDER_IDS[provider])
    )

    assert response.status_code == 200
    delivery.refresh_from_db()
    assert delivery.status == "complained"
    assert suppressions() == [(ADDRESS, "complaint")]


@pytest.mark.parametrize("provider", UNSUBSCRIBING)
def test_an_unsubscribe_at_the_provider_suppresses_the_address(client, webhooks, provider):
    delivery = sent_by(provider)

    response = report(
        client, provider, PAYLOADS[provider]("unsubscribe", ADDRESS, PROVIDER_IDS[provider])
    )

    assert response.status_code == 200
    assert suppressions() == [(ADDRESS, "unsubscribed")]
    delivery.refresh_from_db()
    assert delivery.status == "sent"  # it was delivered: the reader unsubscribed from it


@pytest.mark.parametrize("provider", PROVIDERS)
def test_a_soft_bounce_changes_nothing(client, webhooks, provider):
    delivery = sent_by(provider)

    response = report(
        client, provider, PAYLOADS[provider]("soft_bounce", ADDRESS, PROVIDER_IDS[provider])
    )

    assert response.status_code == 200
    assert suppressions() == []
    delivery.refresh_from_db()
    assert delivery.status == "sent"


@pytest.mark.parametrize("provider", PROVIDERS)
def test_the_same_report_twice_changes_nothing_more(client, webhooks, provider):
    delivery = sent_by(provider)
    bounce = PAYLOADS[provider]("hard_bounce", ADDRESS, PROVIDER_IDS[provider])
    report(client, provider, bounce)
    suppressed_at = Suppression.objects.get().at

    assert report(client, provider, bounce).status_code == 200
    # A complaint arriving after the bounce: the graver reason stays, the row stays bounced.
    complaint = PAYLOADS[provider]("complaint", ADDRESS, PROVIDER_IDS[provider])
    assert report(client, provider, complaint).status_code == 200

    assert suppressions() == [(ADDRESS, "hard_bounce")]
    assert Suppression.objects.get().at == suppressed_at
    delivery.refresh_from_db()
    assert delivery.status == "bounced"


@pytest.mark.parametrize("provider", PROVIDERS)
def test_a_report_about_mail_the_bulletin_did_not_send_is_no_error(client, webhooks, provider):
    """A bounce of another message (an account's mail) to an address the ledger never had."""
    response = report(
        client,
        provider,
        PAYLOADS[provider]("hard_bounce", "stranger@elsewhere.example", "unknown-id"),
    )

    assert response.status_code == 200
    assert suppressions() == [("stranger@elsewhere.example", "hard_bounce")]


# --- credentials -------------------------------------------------------------------------------
@pytest.mark.parametrize("provider", PROVIDERS)
@pytest.mark.parametrize("auth", [None, "oec-webhooks:wrong-password"])
def test_a_report_without_the_shared_secret_changes_nothing(client, webhooks, provider, auth):
    delivery = sent_by(provider)

    response = report(
        client,
        provider,
        PAYLOADS[provider]("hard_bounce", ADDRESS, PROVIDER_IDS[provider]),
        auth=auth,
    )

    # Amazon SNS sends its credentials only after a 401 asks for them.
    assert response.status_code == (401 if provider == "amazon_ses" and auth is None else 400)
    assert suppressions() == []
    delivery.refresh_from_db()
    assert delivery.status == "sent"


def test_a_mailgun_report_with_a_wrong_signature_changes_nothing(client, webhooks):
    sent_by("mailgun")
    forged = mailgun("hard_bounce", ADDRESS, PROVIDER_IDS["mailgun"], signing_key="guessed")

    assert report(client, "mailgun", forged).status_code == 400
    assert suppressions() == []


@pytest.mark.parametrize("provider", PROVIDERS)
def test_until_the_secret_is_set_every_report_is_refused(client, settings, provider):
    """Anymail would let an unauthenticated report in (with a warning): the portal does not."""
    settings.ANYMAIL = {"MAILGUN_WEBHOOK_SIGNING_KEY": MAILGUN_SIGNING_KEY}
    sent_by(provider)

    response = report(
        client,
        provider,
        PAYLOADS[provider]("hard_bounce", ADDRESS, PROVIDER_IDS[provider]),
        auth=None,
    )

    assert response.status_code == 403
    assert suppressions() == []


def test_mailgun_reports_are_refused_until_its_signing_key_is_set(client, settings):
    settings.ANYMAIL = {"WEBHOOK_SECRET": [SECRET]}

    response = report(client, "mailgun", mailgun("hard_bounce", ADDRESS, PROVIDER_IDS["mailgun"]))

    assert response.status_code == 403
    assert suppressions() == []


@pytest.fixture
def sendgrid_signing_key(webhooks):
    """SendGrid's signed Event Webhook: the portal holds the public key SendGrid shows."""
    private_key = ec.generate_private_key(ec.SECP256R1())
    public_der = private_key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    webhooks.ANYMAIL = {
        **webhooks.ANYMAIL,
        "SENDGRID_TRACKING_WEBHOOK_VERIFICATION_KEY": base64.b64encode(public_der).decode(),
    }
    return private_key


def signed(private_key, timestamp, body):
    signature = private_key.sign(timestamp.encode() + body.encode(), ec.ECDSA(hashes.SHA256()))
    return {
        "X-Twilio-Email-Event-Webhook-Signature": base64.b64encode(signature).decode(),
        "X-Twilio-Email-Event-Webhook-Timestamp": timestamp,
    }


def test_sendgrid_signed_events_are_checked(client, sendgrid_signing_key):
    delivery = sent_by("sendgrid")
    payload = sendgrid("hard_bounce", ADDRESS, PROVIDER_IDS["sendgrid"])
    body = json.dumps(payload)
    good = signed(sendgrid_signing_key, "1794053114", body)
    tampered = signed(sendgrid_signing_key, "1794053114", body.replace(ADDRESS, "x@y.example"))

    assert report(client, "sendgrid", payload).status_code == 400  # unsigned
    assert report(client, "sendgrid", payload, headers=tampered).status_code == 400
    assert suppressions() == []
    assert report(client, "sendgrid", payload, headers=good).status_code == 200
    delivery.refresh_from_db()
    assert delivery.status == "bounced"


# --- the suppression list's rules ---------------------------------------------------------------
def test_confirming_a_subscription_again_lifts_a_complaint_but_never_a_hard_bounce(db):
    SubscriberFactory(email="reader@public.example")
    SubscriberFactory(email="gone@public.example")
    services.address_record_provider_report(
        email="reader@public.example", reason=Suppression.Reason.COMPLAINT
    )
    services.address_record_provider_report(
        email="gone@public.example", reason=Suppression.Reason.HARD_BOUNCE
    )
    services.address_unsubscribe(email="gone@public.example")  # never lifts the bounce

    assert services.subscriber_confirm(email="reader@public.example") is not None
    assert services.subscriber_confirm(email="gone@public.example") is None
    assert suppressions() == [("gone@public.example", "hard_bounce")]


def test_check_deploy_warns_of_a_provider_whose_reports_would_be_refused(settings):
    settings.OEC_MAIL_PROVIDER = "mailgun"
    settings.ANYMAIL = {"WEBHOOK_SECRET": [SECRET]}  # but no signing key

    assert [warning.id for warning in mail_provider_webhook_configured(None)] == ["bulletins.W001"]
    settings.ANYMAIL = {**settings.ANYMAIL, "MAILGUN_WEBHOOK_SIGNING_KEY": MAILGUN_SIGNING_KEY}
    assert mail_provider_webhook_configured(None) == []
    settings.OEC_MAIL_PROVIDER, settings.ANYMAIL = "smtp", {}
    assert mail_provider_webhook_configured(None) == []


def test_anymails_own_checks_of_its_settings_still_run(settings):
    """bulletins/apps.py registers them itself, imported when the checks run (issue 19)."""
    settings.ANYMAIL = {"WEBHOOK_AUTHORIZATION": SECRET}  # the name anymail renamed

    assert "anymail.E001" in [message.id for message in checks.run_checks()]


# --- the whole way: sent through Postmark's API, reported back by Postmark ---------------------
def test_a_bulletin_sent_through_postmark_is_marked_by_postmarks_bounce_report(
    client, webhooks, compose_and_send, monkeypatch
):
    """Postmark's API answers with its MessageID, which the delivery keeps and its bounce
    report names (requests is stubbed: no network)."""
    webhooks.EMAIL_BACKEND = "anymail.backends.postmark.EmailBackend"
    webhooks.ANYMAIL = {**webhooks.ANYMAIL, "POSTMARK_SERVER_TOKEN": "server-token"}
    posted = []

    def postmark_api(session, method, url, **params):
        posted.append(json.loads(params["data"]))
        answer = requests.Response()
        answer.status_code = 200
        answer._content = json.dumps(
            {
                "To": ADDRESS,
                "SubmittedAt": "2026-11-07T10:45:12.0-05:00",
                "MessageID": PROVIDER_IDS["postmark"],
                "ErrorCode": 0,
                "Message": "OK",
            }
        ).encode()
        return answer

    monkeypatch.setattr(requests.Session, "request", postmark_api)
    bulletin_contact(email=ADDRESS)
    compose_and_send()

    [sent] = posted
    headers = {header["Name"]: header["Value"] for header in sent["Headers"]}
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.provider_message_id) == ("sent", PROVIDER_IDS["postmark"])
    assert headers["Message-ID"] == delivery.message_id  # ours too, kept for a resend

    bounce = postmark("hard_bounce", ADDRESS, PROVIDER_IDS["postmark"])
    assert report(client, "postmark", bounce).status_code == 200
    delivery.refresh_from_db()
    assert delivery.status == "bounced"
    assert suppressions() == [(ADDRESS, "hard_bounce")]
