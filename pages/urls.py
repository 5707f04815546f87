from django.urls import path, register_converter

from . import views
from .converters import PageSlugConverter

register_converter(PageSlugConverter, "page_slug")

app_name = "pages"

urlpatterns = [
    path("dashboard/pages/", views.dashboard_pages, name="dashboard_list"),
    path("dashboard/pages/new/", views.dashboard_page_create, name="dashboard_create"),
    path("dashboard/pages/<int:pk>/", views.dashboard_page_edit, name="dashboard_edit"),
    path(
        "dashboard/pages/<int:pk>/preview/",
        views.dashboard_page_preview,
        name="dashboard_preview",
    ),
    path(
        "dashboard/pages/<int:pk>/publish/",
        views.dashboard_page_publish,
        name="dashboard_publish",
    ),
    path(
        "dashboard/pages/<int:pk>/unpublish/",
        views.dashboard_page_unpublish,
        name="dashboard_unpublish",
    ),
    path(
        "members/<slug:organisation_slug>/<page_slug:slug>/", views.member_page, name="member_page"
    ),
    # Last: any other single segment is one of the body's mission pages.
    path("<page_slug:slug>/", views.page_detail, name="page"),
]
