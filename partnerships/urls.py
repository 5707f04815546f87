from django.urls import path

from . import views

app_name = "partnerships"

urlpatterns = [
    path("partners/", views.partner_list, name="list"),
    path("partners/apply/", views.apply, name="apply"),
    path("partners/collective/", views.collective, name="collective"),
    path("partners/<slug:slug>/", views.partner_detail, name="detail"),
    path("dashboard/partner/profile/", views.profile_edit, name="profile_edit"),
    path("dashboard/partner/activities/", views.activity_list, name="activity_list"),
    path("dashboard/partner/activities/new/", views.activity_edit, name="activity_create"),
    path("dashboard/partner/activities/<int:pk>/", views.activity_edit, name="activity_edit"),
    path(
        "dashboard/partner/activities/<int:pk>/submit/",
        views.activity_submit,
        name="activity_submit",
    ),
]
