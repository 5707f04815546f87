from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from bulletins import views as bulletins_views
from members.notifications import views as notifications_views

from . import search, sitemaps, views
from .url_resolvers import i18n_patterns_resolved_once, include_when_used

# The admin login goes through allauth, so its rate limits and two-factor step apply.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "OEC Portal back office"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemaps.sitemap, name="sitemap"),
    # The back office, imported at its first request or link (oec_portal/admin_config.py).
    include_when_used("admin/", "oec_portal.admin_urls", namespace="admin"),
    # Open data API with its schema (/api/schema/) and docs (/api/docs/): see oec_portal/api.py.
    # Imported at its first request or link, not in every web worker (oec_portal/url_resolvers.py).
    include_when_used("api/", "oec_portal.api", namespace="api"),
    # The bulletin's one-click unsubscribe (RFC 8058): a link in sent mail.
    path(
        "bulletins/unsubscribe/<str:token>/",
        bulletins_views.unsubscribe,
        name="bulletin_unsubscribe",
    ),
    # "Stop these e-mails" in every notification mail (RFC 8058 one-click).
    path(
        "notifications/stop/<str:token>/",
        notifications_views.stop_mail,
        name="notifications_stop_mail",
    ),
    # The mail providers' reports of bounces, complaints and unsubscribes (django-anymail).
    path("anymail/", include("bulletins.webhooks")),
]

# Every page under its language's prefix (/en/, /fr/…), each path resolved once per language.
urlpatterns += i18n_patterns_resolved_once(
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/translations/", include("oec_portal.translations.urls")),
    path("", include("members.urls")),
    path("", include("members.notifications.urls")),
    path("", include("news.urls")),
    path("", include("governance.urls")),
    path("", include("partnerships.urls")),
    path("", include("bulletins.urls")),
    path("accounts/", include("allauth.urls")),
    path("search/", search.site_search, name="search"),
    # Last: the body's mission pages answer at /<page-slug>/.
    path("", include("pages.urls")),
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
