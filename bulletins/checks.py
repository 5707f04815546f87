"""Deployment check: a mail provider chosen without what its tracking webhook needs.

bulletins/webhooks.py refuses every report until ANYMAIL_WEBHOOK_SECRET (and, for Mailgun, its
signing key) is set: a live site would then keep mailing addresses that bounce or complained.
"""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=True)
def mail_provider_webhook_configured(app_configs, **kwargs):
    provider = settings.OEC_MAIL_PROVIDER
    anymail = getattr(settings, "ANYMAIL", {})
    missing = [] if anymail.get("WEBHOOK_SECRET") else ["ANYMAIL_WEBHOOK_SECRET"]
    if provider == "mailgun" and not (
        anymail.get("MAILGUN_WEBHOOK_SIGNING_KEY") or anymail.get("MAILGUN_API_KEY")
    ):
        missing.append("ANYMAIL_MAILGUN_WEBHOOK_SIGNING_KEY")
    if provider == "smtp" or not missing:
        return []
    return [
        checks.Warning(
            f"OEC_MAIL_PROVIDER={provider} without {', '.join(missing)}: the provider's "
            "bounce, complaint and unsubscribe reports are refused, and the bulletin keeps "
            "mailing those addresses.",
            id="bulletins.W001",
        )
    ]
