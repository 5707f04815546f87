from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class BulletinsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "bulletins"
    verbose_name = _("Monthly partner bulletin")

    def ready(self):
        from anymail.signals import tracking

        from . import checks, permissions  # noqa: F401
        from .mail_events import record_tracking_event

        # Every mail provider's bounces, complaints and unsubscribes (bulletins/webhooks.py).
        tracking.connect(record_tracking_event, dispatch_uid="bulletins.mail_events")


class AnymailConfig(AppConfig):
    """django-anymail (INSTALLED_APPS names this class), with its own checks of the settings
    imported when the checks run rather than when a web worker starts: anymail.checks imports
    requests (~6 MB in every worker; tests/perf/test_worker_imports.py)."""

    name = "anymail"
    verbose_name = "Anymail"
    default = False  # bulletins' own app is BulletinsConfig

    def ready(self):
        checks.register(anymail_settings)


def anymail_settings(app_configs, **kwargs):
    """anymail's checks of its settings (deprecated names, an insecure webhook secret)."""
    from anymail.checks import check_deprecated_settings, check_insecure_settings

    return [
        *check_deprecated_settings(app_configs, **kwargs),
        *check_insecure_settings(app_configs, **kwargs),
    ]
