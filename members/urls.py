from django.urls import path

from . import views

app_name = "members"

urlpatterns = [
    path("members/", views.directory, name="directory"),
    path("members/<slug:slug>/", views.microsite, name="microsite"),
    path("dashboard/people/", views.people, name="people"),
    path(
        "dashboard/people/invitations/<int:pk>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("dashboard/people/<int:pk>/remove/", views.membership_remove, name="membership_remove"),
    path("dashboard/organisation/", views.organisation_switch, name="organisation_switch"),
    path("accounts/invitation/<str:token>/", views.invitation_accept, name="invitation_accept"),
]
