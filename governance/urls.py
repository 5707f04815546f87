from django.urls import path

from . import (
    attendance_views,
    badge_views,
    calendar_views,
    decision_exports,
    session_archive,
    session_lists,
    views,
)

app_name = "governance"

urlpatterns = [
    path("assembly/", views.session_list, name="session_list"),
    path("assembly/<int:number>/", views.session_detail, name="session_detail"),
    path("assembly/<int:number>/follow/", views.session_follow, name="session_follow"),
    path(
        "assembly/<int:number>/participants/",
        session_lists.participants,
        name="session_participants",
    ),
    path(
        "assembly/<int:number>/credentials/",
        session_lists.credentials,
        name="session_credentials",
    ),
    path("assembly/<int:number>/badges/", badge_views.session_badges, name="session_badges"),
    path("assembly/<int:number>/checkin/", attendance_views.check_in, name="check_in"),
    path(
        "assembly/<int:number>/checkin/<int:pk>/undo/",
        attendance_views.check_in_undo,
        name="check_in_undo",
    ),
    path(
        "assembly/<int:number>/meetings/<int:pk>/roll-call/",
        attendance_views.roll_call,
        name="roll_call",
    ),
    path(
        "assembly/<int:number>/documents/<str:language>.zip",
        session_archive.session_documents_zip,
        name="session_documents_zip",
    ),
    path("calendar.ics", calendar_views.public_calendar, name="public_calendar"),
    path(
        "assembly/<int:number>/calendar.ics",
        calendar_views.session_calendar,
        name="session_calendar",
    ),
    path("calendar/<str:token>.ics", calendar_views.personal_calendar, name="personal_calendar"),
    path("dashboard/calendar/", calendar_views.calendar_subscription, name="calendar_subscription"),
    path(
        "dashboard/calendar/reset/",
        calendar_views.calendar_feed_reset,
        name="calendar_feed_reset",
    ),
    path("documents/", views.document_list, name="document_list"),
    # A symbol's "/" is written "-" in URLs: /documents/OEC-GA-1-5-Rev.1/.
    path("documents/<symbol:symbol>/", views.document_detail, name="document_detail"),
    path("documents/<symbol:symbol>/follow/", views.document_follow, name="document_follow"),
    path("dashboard/follows/<int:pk>/unfollow/", views.unfollow, name="unfollow"),
    path(
        "documents/<symbol:symbol>/download/<str:language>/",
        views.document_download,
        name="document_download",
    ),
    path("decisions/", views.decision_list, name="decision_list"),
    path("decisions/votes.csv", decision_exports.recorded_votes_csv, name="recorded_votes_csv"),
    path("decisions/<symbol:symbol>/", views.decision_detail, name="decision_detail"),
    path(
        "decisions/<symbol:symbol>/votes.csv",
        decision_exports.decision_votes_csv,
        name="decision_votes_csv",
    ),
    # One Akoma Ntoso expression per language the decision is written in (DESIGN.md's URL map).
    path(
        "decisions/<symbol:symbol>/akn/<str:language>.xml",
        decision_exports.decision_akoma_ntoso_xml,
        name="decision_akoma_ntoso",
    ),
    path("dashboard/delegations/<int:number>/", views.delegation, name="delegation"),
    path(
        "dashboard/delegations/credentials/<int:pk>/",
        views.delegation_credentials,
        name="delegation_credentials",
    ),
]
