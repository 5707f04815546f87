"""Django's admin (the back office), its ModelAdmins imported with its URLs (issue 19).

Django's AdminConfig imports every app's admin module when the apps load: the ModelAdmins, the
back office's forms and django-import-export's resources (~5 MB in every web worker, which
most of them never use: the back office is the secretariat's). Here they are imported by
oec_portal/admin_urls.py, at the first request or link under /admin/ (the URLs serve the
ModelAdmins registered then), and before the admin's checks, which read them.
"""

from django.contrib.admin import apps
from django.contrib.admin import checks as admin_checks
from django.core import checks


class AdminConfig(apps.SimpleAdminConfig):
    """INSTALLED_APPS's entry for django.contrib.admin."""

    default_site = "oec_portal.admin_site.BackOfficeSite"

    def ready(self):
        checks.register(admin_checks.check_dependencies, checks.Tags.admin)
        checks.register(check_the_registered_model_admins, checks.Tags.admin)


def check_the_registered_model_admins(app_configs, **kwargs):
    """The admin's own check of every ModelAdmin, once they are all registered."""
    from . import admin_urls  # noqa: F401 (imports every app's admin module)

    return admin_checks.check_admin_app(app_configs, **kwargs)
