from django.urls import path, re_path

from . import views

app_name = "bulletins"

urlpatterns = [
    path("bulletins/", views.archive, name="archive"),
    path("bulletins/subscribe/", views.subscribe, name="subscribe"),
    path("bulletins/subscribe/thanks/", views.subscribe_thanks, name="subscribe_thanks"),
    path(
        "bulletins/subscribe/confirm/<str:token>/",
        views.subscribe_confirm,
        name="subscribe_confirm",
    ),
    path("bulletins/preferences/<str:token>/", views.preferences, name="preferences"),
    re_path(r"^bulletins/(?P<period>[0-9]{4}-[0-9]{2})/$", views.edition, name="edition"),
]
