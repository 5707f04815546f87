"""E-mail: how the portal's mail leaves (SMTP, or a mail provider's API through django-anymail)
and the settings of the providers' tracking webhooks, all from the environment (base.py reads
`.env` first, then takes these).
"""

import environ
from django.core.exceptions import ImproperlyConfigured

env = environ.Env()

# One address says it all (django-environ's syntax): smtp+tls://user:password@host:587, or
# consolemail:// which prints the messages, as in development.
_email_url = env.email_url("EMAIL_URL", default="consolemail://")
EMAIL_BACKEND = _email_url["EMAIL_BACKEND"]
EMAIL_HOST = _email_url["EMAIL_HOST"]
EMAIL_PORT = _email_url["EMAIL_PORT"]
EMAIL_HOST_USER = _email_url["EMAIL_HOST_USER"]
EMAIL_HOST_PASSWORD = _email_url["EMAIL_HOST_PASSWORD"]
EMAIL_USE_TLS = _email_url.get("EMAIL_USE_TLS", False)  # smtp+tls://, smtps://
EMAIL_USE_SSL = _email_url.get("EMAIL_USE_SSL", False)  # smtp+ssl://
EMAIL_FILE_PATH = _email_url["EMAIL_FILE_PATH"]  # filemail:///path
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="OEC Portal <no-reply@oec.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Or a mail provider's API, through django-anymail: OEC_MAIL_PROVIDER names it ("smtp", the
# default, keeps EMAIL_URL). Its tracking webhook, /anymail/<provider>/tracking/, reports
# bounces, complaints and unsubscribes to the bulletin's ledger (bulletins/webhooks.py).
MAIL_PROVIDER_BACKENDS = {
    "amazon_ses": "anymail.backends.amazon_ses.EmailBackend",
    "postmark": "anymail.backends.postmark.EmailBackend",
    "mailgun": "anymail.backends.mailgun.EmailBackend",
    "sendgrid": "anymail.backends.sendgrid.EmailBackend",
    "brevo": "anymail.backends.brevo.EmailBackend",
}
OEC_MAIL_PROVIDER = env("OEC_MAIL_PROVIDER", default="smtp")
if OEC_MAIL_PROVIDER != "smtp":
    if OEC_MAIL_PROVIDER not in MAIL_PROVIDER_BACKENDS:
        raise ImproperlyConfigured(
            f"OEC_MAIL_PROVIDER={OEC_MAIL_PROVIDER!r}: expected smtp or one of "
            + ", ".join(MAIL_PROVIDER_BACKENDS)
        )
    EMAIL_BACKEND = MAIL_PROVIDER_BACKENDS[OEC_MAIL_PROVIDER]
# Anymail's settings, each from the environment variable ANYMAIL_<SETTING> when it is set
# (the provider's console gives them): the API key of the provider chosen, the webhooks'
# shared secret ("user:password"; a comma-separated list while one is being replaced) and
# the providers' webhook signing keys. Amazon SES takes its credentials where boto3 finds
# them (AWS_ACCESS_KEY_ID..., an instance role) and its region from ANYMAIL_AMAZON_SES_REGION.
ANYMAIL = {
    name: env(f"ANYMAIL_{name}")
    for name in (
        "POSTMARK_SERVER_TOKEN",
        "POSTMARK_MESSAGE_STREAM",
        "MAILGUN_API_KEY",
        "MAILGUN_SENDER_DOMAIN",
        "MAILGUN_API_URL",
        "MAILGUN_WEBHOOK_SIGNING_KEY",
        "SENDGRID_API_KEY",
        "SENDGRID_TRACKING_WEBHOOK_VERIFICATION_KEY",
        "BREVO_API_KEY",
        "AMAZON_SES_CONFIGURATION_SET_NAME",
    )
    if env(f"ANYMAIL_{name}", default="")
}
ANYMAIL["WEBHOOK_SECRET"] = env.list("ANYMAIL_WEBHOOK_SECRET", default=[])
if env("ANYMAIL_AMAZON_SES_REGION", default=""):
    ANYMAIL["AMAZON_SES_CLIENT_PARAMS"] = {"region_name": env("ANYMAIL_AMAZON_SES_REGION")}
