"""Which way mail leaves, from the environment (oec_portal/settings/mail.py, issue 17): SMTP by
default, or a provider's API through django-anymail with its keys and the webhooks' secret.

Each test builds the production settings in a fresh process, as a deployment would.
"""

import json
import os
import subprocess
import sys

from django.conf import settings

SCRIPT = """
import json
from django.conf import settings
print(json.dumps({"backend": settings.EMAIL_BACKEND, "anymail": settings.ANYMAIL}))
"""


def production_mail_settings(**environment):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("ANYMAIL_", "OEC_", "EMAIL_URL"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="oec_portal.settings.production",
        SECRET_KEY="a-test-secret-key-for-settings-only-0123456789abcdef",
        ALLOWED_HOSTS="portal.oec.example",
        **environment,
    )
    return subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def built(**environment):
    result = production_mail_settings(**environment)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_by_default_mail_leaves_by_smtp_and_the_webhooks_have_no_secret():
    mail = built(EMAIL_URL="smtp+tls://user:password@smtp.example.org:587")

    assert mail == {
        "backend": "django.core.mail.backends.smtp.EmailBackend",
        "anymail": {"WEBHOOK_SECRET": []},
    }


def test_a_provider_is_chosen_with_its_keys_and_the_webhooks_secret():
    mail = built(
        OEC_MAIL_PROVIDER="postmark",
        ANYMAIL_POSTMARK_SERVER_TOKEN="server-token",
        ANYMAIL_WEBHOOK_SECRET="oec:new-password,oec:old-password",
    )

    assert mail == {
        "backend": "anymail.backends.postmark.EmailBackend",
        "anymail": {
            "POSTMARK_SERVER_TOKEN": "server-token",
            "WEBHOOK_SECRET": ["oec:new-password", "oec:old-password"],
        },
    }


def test_amazon_ses_takes_its_region():
    mail = built(OEC_MAIL_PROVIDER="amazon_ses", ANYMAIL_AMAZON_SES_REGION="eu-west-1")

    assert mail["backend"] == "anymail.backends.amazon_ses.EmailBackend"
    assert mail["anymail"]["AMAZON_SES_CLIENT_PARAMS"] == {"region_name": "eu-west-1"}


def test_an_unknown_provider_stops_the_start_with_a_clear_message():
    result = production_mail_settings(OEC_MAIL_PROVIDER="carrier-pigeon")

    assert result.returncode != 0
    assert "OEC_MAIL_PROVIDER='carrier-pigeon': expected smtp or one of amazon_ses" in (
        result.stderr
    )
