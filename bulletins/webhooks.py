"""The mail providers' tracking webhooks: django-anymail's views, at /anymail/<provider>/tracking/.

One for each provider the settings can send through (OEC_MAIL_PROVIDER), not only the one
chosen: after a change of provider, the old one's late reports still count. Each view checks
what its provider offers: the shared secret ANYMAIL_WEBHOOK_SECRET ("user:password") as HTTP
basic auth, for every provider, and on top Mailgun's signature (ANYMAIL_MAILGUN_WEBHOOK_SIGNING_KEY)
and SendGrid's signed events (ANYMAIL_SENDGRID_TRACKING_WEBHOOK_VERIFICATION_KEY, when set).
A wrong secret or signature is answered 400 (anymail), or 401 for Amazon SNS, which sends its
credentials only after being asked.

Anymail lets a report in when no secret is set (it only warns); here the webhook is refused
(403) until the secret, and Mailgun's key, are set: an unauthenticated report could otherwise
suppress any address. The reports reach bulletins/mail_events.py through anymail's signal.
Anymail's names are kept (namespace "anymail"), so that its documentation applies.
"""

import functools

from django.http import HttpResponseForbidden, HttpResponseNotAllowed
from django.urls import path
from django.utils.module_loading import import_string
from django.views.decorators.csrf import csrf_exempt

app_name = "anymail"


def _setting(name, esp_name=None):
    # Imported here: anymail.utils imports requests (~6 MB in every web worker; tests/perf).
    from anymail.utils import get_anymail_setting

    return get_anymail_setting(name, esp_name=esp_name, default=None)


def tracking_webhook(view_path, *, needs=()):
    """Anymail's view at `view_path`, imported at the first report, not when the URLs load
    (Amazon SES's imports boto3: 8 MB more in every web worker, tests/perf). It refuses every
    report while the shared secret (or every key of `needs`: one of them) is missing."""

    @functools.cache
    def anymail_view():
        return import_string(view_path).as_view()

    @csrf_exempt  # a provider's post, authenticated by the secret (and its signature)
    def webhook(request, *args, **kwargs):
        if not (_setting("webhook_secret") and (not needs or any(_setting(*key) for key in needs))):
            if request.method == "POST":
                return HttpResponseForbidden()
            return HttpResponseNotAllowed(["POST"])
        return anymail_view()(request, *args, **kwargs)

    return webhook


# Mailgun signs with its webhook signing key, or (older accounts) the API key.
MAILGUN_KEYS = (("webhook_signing_key", "Mailgun"), ("api_key", "Mailgun"))
VIEWS = "anymail.webhooks.{}.{}TrackingWebhookView"

urlpatterns = [
    path(
        "amazon_ses/tracking/",
        tracking_webhook(VIEWS.format("amazon_ses", "AmazonSES")),
        name="amazon_ses_tracking_webhook",
    ),
    path(
        "brevo/tracking/",
        tracking_webhook(VIEWS.format("brevo", "Brevo")),
        name="brevo_tracking_webhook",
    ),
    path(
        "mailgun/tracking/",
        tracking_webhook(VIEWS.format("mailgun", "Mailgun"), needs=MAILGUN_KEYS),
        name="mailgun_tracking_webhook",
    ),
    path(
        "postmark/tracking/",
        tracking_webhook(VIEWS.format("postmark", "Postmark")),
        name="postmark_tracking_webhook",
    ),
    path(
        "sendgrid/tracking/",
        tracking_webhook(VIEWS.format("sendgrid", "SendGrid")),
        name="sendgrid_tracking_webhook",
    ),
]
