from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("dashboard/notifications/", views.inbox, name="inbox"),
    path("dashboard/notifications/read/", views.mark_all_read, name="mark_all_read"),
    path("dashboard/notifications/settings/", views.preferences, name="preferences"),
]
