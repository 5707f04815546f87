"""The back office's URLs: every app's admin module, registered now, and the admin site's URLs
(included at /admin/ by oec_portal/urls.py, imported at its first request or link; why:
oec_portal/admin_config.py)."""

from django.contrib import admin

admin.autodiscover()

app_name = "admin"
urlpatterns = admin.site.get_urls()
