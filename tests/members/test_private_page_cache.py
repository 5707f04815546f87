"""A signed-in user's dashboard, register and search are kept for that user (issue 19).

A page is kept only when it was drawn from what is kept with the content generation (the user,
their memberships, the acting organisation, the shared parts) and the session; it is answered
again to the same user, address, language and session while the generation is unchanged. So
every change to the content, the session or the memberships shows at the next request, no
other user ever gets it, and a page that read anything else from the database is drawn anew
every time (members/private_page_cache.py).
"""

import re

import pytest
import time_machine
from django.urls import reverse

from members.models import Role
from members.services import membership_grant
from tests.factories import DocumentFactory, JoinRequestFactory, user_with_role

DASHBOARD = reverse("dashboard")
REGISTER = reverse("governance:document_list")
SEARCH = reverse("search") + "?q=budget"


def _keep(client, url):
    """Visit `url` until its page is kept: the first visit reads the shared parts (and, on
    the dashboard, the time of the last visit), the second is drawn from kept parts alone."""
    client.get(url)
    drawn = client.get(url)
    assert drawn.status_code == 200
    assert drawn.context is not None  # drawn by its templates
    return drawn


def test_the_cache_is_on_in_the_test_settings_as_in_production(settings):
    assert settings.OEC_PRIVATE_PAGE_SECONDS > 0


@pytest.mark.parametrize("url", [DASHBOARD, REGISTER, SEARCH])
def test_a_second_visit_asks_the_database_nothing_and_gets_the_same_page(
    client, delegate_a, url, django_assert_num_queries
):
    DocumentFactory(title_en="The budget for 2027", access="members")
    client.force_login(delegate_a)
    drawn = _keep(client, url)

    with django_assert_num_queries(0):
        kept = client.get(url)

    assert kept.status_code == 200
    assert kept.context is None  # answered from memory, no template drawn
    assert kept.content == drawn.content
    assert kept["Cache-Control"] == drawn["Cache-Control"]
    assert "no-store" in kept["Cache-Control"]


def test_a_new_document_shows_at_once_on_a_kept_register(client, delegate_a):
    client.force_login(delegate_a)
    _keep(client, REGISTER)

    DocumentFactory(symbol="OEC/GA/1/99", title_en="A late report", access="members")

    assert "A late report" in client.get(REGISTER).content.decode()


def test_another_user_of_the_same_organisation_gets_their_own_page(client, delegate_a, member_a):
    colleague = user_with_role(member_a, Role.DELEGATE, email="colleague@member-a.example")
    colleague.first_name, colleague.last_name = "Amina", "Colleague"
    colleague.save()
    client.force_login(delegate_a)
    _keep(client, DASHBOARD)

    client.force_login(colleague)
    page = client.get(DASHBOARD).content.decode()

    assert "Amina Colleague" in page
    assert str(delegate_a) not in page


def test_a_signed_out_user_is_sent_to_sign_in_instead_of_a_kept_page(client, delegate_a):
    client.force_login(delegate_a)
    _keep(client, DASHBOARD)

    client.logout()
    response = client.get(DASHBOARD)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_switching_organisation_shows_at_once_with_its_message(client, delegate_a, member_b):
    membership_grant(user=delegate_a, organisation=member_b, role=Role.DELEGATE)
    client.force_login(delegate_a)
    assert "Member A" in _keep(client, REGISTER).content.decode()

    client.post(reverse("members:organisation_switch"), {"organisation": member_b.pk})
    dashboard = client.get(DASHBOARD).content.decode()
    register = client.get(REGISTER).content.decode()

    assert "You now act for Member B." in dashboard
    assert '<span class="account-organisation"><bdi>Member B</bdi></span>' in register
    assert "You now act for" not in register


def test_a_waiting_message_is_shown_on_a_page_that_was_kept(client, delegate_a):
    # Marking notifications read changes neither the content nor the session: only the
    # message waiting tells the next page apart from the kept one.
    client.force_login(delegate_a)
    _keep(client, REGISTER)
    client.post(reverse("notifications:mark_all_read"))

    page = client.get(REGISTER).content.decode()

    assert "All your notifications are marked as read." in page


def test_a_page_that_asks_the_database_is_drawn_every_time(client, focal_a, member_a):
    # The focal point's dashboard counts the join requests waiting, which no content
    # generation covers: it is never kept, and a new request shows at once.
    client.force_login(focal_a)
    _keep(client, DASHBOARD)

    JoinRequestFactory(organisation=member_a)

    assert 'id="todo-join-requests"' in client.get(DASHBOARD).content.decode()


def test_a_page_with_a_form_token_is_drawn_every_time(client, delegate_a, member_b):
    # Two organisations: the dashboard offers the switch, a form with a CSRF token.
    membership_grant(user=delegate_a, organisation=member_b, role=Role.DELEGATE)
    client.force_login(delegate_a)
    tokens = [
        re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', client.get(DASHBOARD).text)[1]
        for _ in range(3)
    ]

    assert len(set(tokens)) == 3


def test_a_kept_page_is_drawn_again_the_next_day(client, delegate_a):
    # The footer's year is the day's: a page kept on New Year's Eve must not be answered on
    # New Year's Day.
    with time_machine.travel("2026-12-31 12:00:00+00:00", tick=False):
        client.force_login(delegate_a)
        assert "© 2026" in _keep(client, DASHBOARD).content.decode()
    with time_machine.travel("2027-01-01 12:00:00+00:00", tick=False):
        page = client.get(DASHBOARD).content.decode()

    assert "© 2027" in page


def test_a_kept_page_is_drawn_again_after_its_time(client, delegate_a, monkeypatch, settings):
    from members import private_page_cache

    client.force_login(delegate_a)
    _keep(client, DASHBOARD)
    later = private_page_cache.time.monotonic() + settings.OEC_PRIVATE_PAGE_SECONDS
    monkeypatch.setattr(private_page_cache.time, "monotonic", lambda: later)

    response = client.get(DASHBOARD)

    assert response.context is not None  # drawn by its templates, not answered from memory


def test_a_kept_page_costs_one_round_trip_to_the_cache(client, delegate_a, monkeypatch):
    # The session, the content generation and the signed-in user are read together
    # (members/sessions.py); the page itself is in the process's memory.
    from django.core.cache import caches

    client.force_login(delegate_a)
    _keep(client, DASHBOARD)
    default = caches["default"]
    asked = []
    for method in ("get", "get_many", "set", "get_or_set", "incr"):
        original = getattr(default, method)
        monkeypatch.setattr(
            default, method, lambda *a, _o=original, _m=method, **k: asked.append(_m) or _o(*a, **k)
        )

    response = client.get(DASHBOARD)

    assert response.status_code == 200
    assert asked == ["get_many"]
    assert response.wsgi_request.user == delegate_a
