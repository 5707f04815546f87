"""Each mail provider's reports, in the shape its documentation gives, and how it posts them
(tests/bulletins/test_mail_providers.py, test_worker.py)."""

import base64
import hashlib
import hmac
import json

SECRET = "oec-webhooks:9c1f0e7a4b2d8e6f"
MAILGUN_SIGNING_KEY = "key-mailgun-webhook-signing"
ADDRESS = "dead@ngo.example"

# The id each provider gave the message when it took it (the delivery keeps it), as the
# provider's report names it. Mailgun names the message by its Message-ID header.
PROVIDER_IDS = {
    "amazon_ses": "0100018c1d4e2a5b-7f3e9a10-5c2b-4e8d-9a1f-2b3c4d5e6f70-000000",
    "postmark": "883953f4-6105-42a2-a16a-77a8eac79483",
    "mailgun": "<20261107104512.1.ABCDEF@mg.oec.example>",
    "sendgrid": "f2a1c8e0-6d3b-4a7e-9c5f-1b2d3e4f5a6b",
    "brevo": "<202611071045.12345678901@smtp-relay.mailin.fr>",
}
PROVIDERS = sorted(PROVIDER_IDS)


# --- each provider's reports, as its documentation shows them ----------------------------------
def amazon_ses(kind, email, message_id):
    """An SNS notification carrying an SES event (event publishing to an SNS topic)."""
    mail = {
        "timestamp": "2026-11-07T10:45:12.000Z",
        "source": "OEC Portal <no-reply@oec.example>",
        "sendingAccountId": "123456789012",
        "messageId": message_id,
        "destination": [email],
        "headersTruncated": False,
        "headers": [],
    }
    bounce = {
        "bouncedRecipients": [
            {
                "emailAddress": email,
                "action": "failed",
                "status": "5.1.1",
                "diagnosticCode": "smtp; 550 5.1.1 user unknown",
            }
        ],
        "timestamp": "2026-11-07T10:45:14.000Z",
        "feedbackId": "0100018c1d4e2f00-feedback-000000",
        "reportingMTA": "dsn; a8-70.smtp-out.amazonses.com",
    }
    events = {
        "hard_bounce": {
            "eventType": "Bounce",
            "bounce": {**bounce, "bounceType": "Permanent", "bounceSubType": "General"},
        },
        "soft_bounce": {
            "eventType": "Bounce",
            "bounce": {**bounce, "bounceType": "Transient", "bounceSubType": "MailboxFull"},
        },
        "complaint": {
            "eventType": "Complaint",
            "complaint": {
                "complainedRecipients": [{"emailAddress": email}],
                "timestamp": "2026-11-07T11:02:00.000Z",
                "feedbackId": "0100018c1d5f0000-complaint-000000",
                "userAgent": "Mozilla/5.0",
                "complaintFeedbackType": "abuse",
                "arrivalDate": "2026-11-07T11:01:58.000Z",
            },
        },
    }
    return {
        "Type": "Notification",
        "MessageId": "22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324",
        "TopicArn": "arn:aws:sns:eu-west-1:123456789012:oec-ses-events",
        "Subject": "Amazon SES Email Event Notification",
        "Message": json.dumps({**events[kind], "mail": mail}),
        "Timestamp": "2026-11-07T10:45:15.000Z",
        "SignatureVersion": "1",
        "Signature": "EXAMPLEpH+DcEwjAPg8O9mY8dReBSwksfg2S7WKQcikcNKWLQjwu6A4VbeS0QHVCkhRS7fUQ",
        "SigningCertURL": "https://sns.eu-west-1.amazonaws.com/SimpleNotificationService.pem",
        "UnsubscribeURL": "https://sns.eu-west-1.amazonaws.com/?Action=Unsubscribe",
    }


def postmark(kind, email, message_id):
    bounce = {
        "RecordType": "Bounce",
        "MessageStream": "broadcast",
        "ID": 4323372036854775807,
        "MessageID": message_id,
        "ServerID": 23,
        "Description": "The server was unable to deliver your message.",
        "Details": "smtp;550 5.1.1 The email account that you tried to reach does not exist.",
        "Email": email,
        "From": "no-reply@oec.example",
        "BouncedAt": "2026-11-07T10:45:14.9070259Z",
        "Inactive": True,
        "CanActivate": True,
        "Subject": "The OEC partner bulletin",
    }
    return {
        "hard_bounce": {**bounce, "Type": "HardBounce", "TypeCode": 1, "Name": "Hard bounce"},
        "soft_bounce": {
            **bounce,
            "Type": "SoftBounce",
            "TypeCode": 4096,
            "Name": "Soft bounce/Undeliverable",
            "Inactive": False,
        },
        "complaint": {
            **bounce,
            "RecordType": "SpamComplaint",
            "Type": "SpamComplaint",
            "TypeCode": 512,
            "Name": "Spam complaint",
        },
        "unsubscribe": {
            "RecordType": "SubscriptionChange",
            "MessageID": message_id,
            "ServerID": 23,
            "MessageStream": "broadcast",
            "ChangedAt": "2026-11-07T11:00:00.416071Z",
            "Recipient": email,
            "Origin": "Recipient",
            "SuppressSending": True,
            "SuppressionReason": "ManualSuppression",
            "Metadata": {},
        },
    }[kind]


def mailgun(kind, email, message_id, signing_key=MAILGUN_SIGNING_KEY):
    timestamp, token = "1794053114", "a8ce0edb2dd8301dee6c2405235584e45aa91d1e9f979f3de0"
    signature = hmac.new(
        signing_key.encode(), f"{timestamp}{token}".encode(), hashlib.sha256
    ).hexdigest()
    event = {
        "id": "G9Bn5sl1TC6nu79C8C0bwg",
        "timestamp": 1794053114.375624,
        "recipient": email,
        "recipient-domain": email.split("@")[1],
        "message": {
            "headers": {
                "to": email,
                "message-id": message_id.strip("<>"),
                "from": "no-reply@oec.example",
                "subject": "The OEC partner bulletin",
            },
            "attachments": [],
            "size": 11111,
        },
        "tags": [],
        "user-variables": {},
    }
    failed = {
        "event": "failed",
        "log-level": "error",
        "envelope": {"sender": "no-reply@oec.example", "transport": "smtp", "targets": email},
    }
    events = {
        "hard_bounce": {
            **failed,
            "severity": "permanent",
            "reason": "bounce",
            "delivery-status": {
                "attempt-no": 1,
                "code": 550,
                "message": "5.1.1 The email account that you tried to reach does not exist.",
                "description": "",
            },
        },
        "soft_bounce": {
            **failed,
            "severity": "temporary",
            "reason": "generic",
            "delivery-status": {"attempt-no": 1, "code": 452, "message": "4.2.2 Mailbox full"},
        },
        "complaint": {"event": "complained", "log-level": "warn"},
        "unsubscribe": {"event": "unsubscribed", "log-level": "info"},
    }
    return {
        "signature": {"timestamp": timestamp, "token": token, "signature": signature},
        "event-data": {**event, **events[kind]},
    }


def sendgrid(kind, email, message_id):
    """The Event Webhook posts a list of events; anymail's id travels in `anymail_id`."""
    event = {
        "email": email,
        "timestamp": 1794053114,
        "smtp-id": "<14c5d75ce93.dfd.64b469@ismtpd-555>",
        "sg_event_id": "6g4ZI7SA-xmRDv57GoPIPw==",
        "sg_message_id": "14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0",
        "anymail_id": message_id,
    }
    return [
        {
            **event,
            **{
                "hard_bounce": {
                    "event": "bounce",
                    "reason": "550 5.1.1 The email account does not exist.",
                    "status": "5.1.1",
                    "type": "bounce",
                },
                "soft_bounce": {
                    "event": "bounce",
                    "reason": "452 4.2.2 Mailbox full",
                    "status": "4.2.2",
                    "type": "blocked",
                },
                "complaint": {"event": "spamreport"},
                "unsubscribe": {"event": "unsubscribe"},
            }[kind],
        }
    ]


def brevo(kind, email, message_id):
    event = {
        "email": email,
        "id": 1234567,
        "date": "2026-11-07 11:45:14",
        "ts": 1794053114,
        "message-id": message_id,
        "ts_event": 1794053114,
        "ts_epoch": 1794053114000,
        "subject": "The OEC partner bulletin",
        "sending_ip": "185.41.28.109",
    }
    return {
        "hard_bounce": {
            **event,
            "event": "hard_bounce",
            "reason": "550 5.1.1 The email account that you tried to reach does not exist.",
        },
        "soft_bounce": {**event, "event": "soft_bounce", "reason": "452 4.2.2 Mailbox full"},
        "complaint": {**event, "event": "spam"},
        # Brevo's documentation names the event "unsubscribed"; anymail knows "unsubscribe".
        "unsubscribe": {**event, "event": "unsubscribed"},
    }[kind]


PAYLOADS = {
    "amazon_ses": amazon_ses,
    "postmark": postmark,
    "mailgun": mailgun,
    "sendgrid": sendgrid,
    "brevo": brevo,
}
# Amazon SES reports no unsubscribes: the List-Unsubscribe link reaches the portal itself.
UNSUBSCRIBING = [provider for provider in PROVIDERS if provider != "amazon_ses"]


def basic_auth(credentials):
    return "Basic " + base64.b64encode(credentials.encode()).decode()


def report(client, provider, payload, *, auth=SECRET, headers=None):
    """Post `payload` as `provider` does, with `auth` as HTTP basic auth (None: without)."""
    body = json.dumps(payload)
    headers = dict(headers or {})
    if auth is not None:
        headers["Authorization"] = basic_auth(auth)
    if provider == "amazon_ses":
        headers["X-Amz-Sns-Message-Type"] = payload["Type"]
        headers["X-Amz-Sns-Message-Id"] = payload["MessageId"]
    return client.post(
        f"/anymail/{provider}/tracking/", body, content_type="application/json", headers=headers
    )
