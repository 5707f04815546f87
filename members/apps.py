from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Here, when Django reads the apps and before any is ready (the module says why).
from . import deferred_imports  # noqa: F401


class MembersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "members"
    verbose_name = _("Members")

    def ready(self):
        from django.urls import register_converter

        from . import permissions, signals  # noqa: F401  (registers the rules and receivers)
        from .url_converters import CONVERTERS

        for name, converter in CONVERTERS.items():  # <year:…>, <symbol:…> in every urls.py
            register_converter(converter, name)
