"""The back office's app list (the sidebar of every page, and the index) is Django's.

Our site (oec_portal/admin_site.py) builds it at less cost: URLs reversed once per process,
names translated once per page. What each user finds in it, and where its links lead, must
stay exactly what Django's own AdminSite shows for the same ModelAdmins and permissions.
"""

import pytest
from django.contrib import admin
from django.contrib.admin import AdminSite
from django.template.loader import get_template
from django.test import RequestFactory
from django.urls import set_script_prefix
from django.utils import translation

from members.models import SECRETARIAT_ROLES, Role
from tests.factories import user_with_role


def djangos_site():
    """Django's AdminSite with our ModelAdmins."""
    site = AdminSite()
    site._registry = admin.site._registry
    return site


def request_of(user, path="/admin/news/article/"):
    request = RequestFactory().get(path)
    request.user = user
    return request


def as_shown(app_list):
    """The app list with its names as the templates print them."""
    return [
        {
            **app,
            "name": str(app["name"]),
            "models": [{**model, "name": str(model["name"])} for model in app["models"]],
        }
        for app in app_list
    ]


@pytest.mark.parametrize("role", [*SECRETARIAT_ROLES, Role.TRANSLATOR, Role.FOCAL_POINT])
def test_app_list_is_djangos_for_every_role(role, host, member_a):
    organisation = member_a if role == Role.FOCAL_POINT else host
    request = request_of(user_with_role(organisation, role))

    ours = admin.site.get_app_list(request)

    assert as_shown(ours) == as_shown(djangos_site().get_app_list(request))
    assert admin.site.get_app_list(request, app_label="news") == as_shown(
        djangos_site().get_app_list(request, app_label="news")
    )


def test_sidebar_is_djangos_for_an_officer(host):
    request = request_of(user_with_role(host, Role.PARTNERSHIPS), "/admin/partnerships/contact/")
    sidebar = get_template("admin/nav_sidebar.html")

    ours = sidebar.render(admin.site.each_context(request), request)

    assert ours == sidebar.render(djangos_site().each_context(request), request)
    assert 'aria-current="page">Contacts</a>' in ours


def test_app_list_links_follow_the_script_prefix(secretariat_admin):
    request = request_of(secretariat_admin)
    admin.site.get_app_list(request)

    set_script_prefix("/portal/")
    try:
        under_prefix = admin.site.get_app_list(request)
    finally:
        set_script_prefix("/")

    news = next(app for app in under_prefix if app["app_label"] == "news")
    assert news["app_url"] == "/portal/admin/news/"
    assert news["models"][0]["admin_url"].startswith("/portal/admin/news/")


def test_app_list_names_follow_the_language(secretariat_admin):
    request = request_of(secretariat_admin)
    admin.site.get_app_list(request)

    with translation.override("fr"):
        in_french = admin.site.get_app_list(request)

        assert as_shown(in_french) == as_shown(djangos_site().get_app_list(request))
    assert in_french != admin.site.get_app_list(request)
