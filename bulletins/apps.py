from django.apps import AppConfig
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
