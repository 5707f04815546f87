from django.urls import path

from . import downloads, views

app_name = "partnerships"

urlpatterns = [
    path("partners/", views.partner_list, name="list"),
    path("partners/apply/", views.apply, name="apply"),
    path("partners/apply/thanks/", views.apply_done, name="apply_done"),
    path("partners/collective/", views.collective, name="collective"),
    path("partners/<slug:slug>/", views.partner_detail, name="detail"),
    path("partners/<slug:slug>/files/<int:pk>/", downloads.activity_file, name="activity_file"),
    path("dashboard/partner/profile/", views.profile_edit, name="profile_edit"),
    path("dashboard/partner/activities/", views.activity_list, name="activity_list"),
    path("dashboard/partner/activities/new/", views.activity_edit, name="activity_create"),
    path("dashboard/partner/activities/<int:pk>/", views.activity_edit, name="activity_edit"),
    path(
        "dashboard/partner/activities/<int:pk>/submit/",
        views.activity_submit,
        name="activity_submit",
    ),
    # The secretariat's downloads of private partnership files (linked from the back office).
    path(
        "dashboard/partnerships/applications/<int:pk>/<str:field>/",
        downloads.application_file,
        name="application_file",
    ),
    path(
        "dashboard/partnerships/activities/<int:pk>/file/",
        downloads.activity_file_for_staff,
        name="activity_file_for_staff",
    ),
]
