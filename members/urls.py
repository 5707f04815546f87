from django.urls import path

from . import views

app_name = "members"

urlpatterns = [
    path("members/", views.directory, name="directory"),
    path("members/<slug:slug>/", views.microsite, name="microsite"),
    path("members/<slug:slug>/join/", views.join, name="join"),
    path("members/<slug:slug>/join/thanks/", views.join_thanks, name="join_thanks"),
    path("dashboard/microsite/", views.microsite_edit, name="microsite_edit"),
    path("dashboard/team/", views.team, name="team"),
    path("dashboard/team/<int:pk>/", views.team_member_edit, name="team_member_edit"),
    path("dashboard/team/<int:pk>/remove/", views.team_member_delete, name="team_member_delete"),
    path("dashboard/team/<int:pk>/move/", views.team_member_move, name="team_member_move"),
    path("dashboard/join-requests/", views.join_requests, name="join_requests"),
    path(
        "dashboard/join-requests/<int:pk>/", views.join_request_detail, name="join_request_detail"
    ),
    path(
        "dashboard/join-requests/<int:pk>/close/",
        views.join_request_close,
        name="join_request_close",
    ),
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
