from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "pages"
    verbose_name = _("Pages")

    def ready(self):
        from . import permissions, signals  # noqa: F401  (registers the rules and receivers)
