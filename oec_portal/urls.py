from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from . import views

# The admin login goes through allauth, so its rate limits and two-factor step apply.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "OEC Portal back office"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("", include("members.urls")),
    path("", include("news.urls")),
    path("", include("governance.urls")),
    path("", include("partnerships.urls")),
    path("accounts/", include("allauth.urls")),
    # Last: the body's mission pages answer at /<page-slug>/.
    path("", include("pages.urls")),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
