"""The dashboard: a tile per task the person may act on, each with its count or status and one
action; only the tiles of what the person may do; a fixed number of queries per role."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from governance.models import Delegation
from members.models import Invitation, Role
from tests.factories import (
    ArticleFactory,
    AssemblySessionFactory,
    ContactFactory,
    CooperationActivityFactory,
    JoinRequestFactory,
    PageFactory,
    PartnershipFactory,
    TeamMemberFactory,
)

FOCAL_POINT_TILES = [
    "delegation",
    "join-requests",
    "people",
    "microsite",
    "pages",
    "news",
    "documents",
    "decisions",
    "session",
]


@pytest.fixture
def next_session(db):
    today = timezone.localdate()
    return AssemblySessionFactory(
        number=3,
        status="planned",
        venue_en="Muscat",
        start_date=today + datetime.timedelta(days=90),
        end_date=today + datetime.timedelta(days=92),
        registration_deadline=timezone.now() + datetime.timedelta(days=30),
    )


@pytest.fixture
def partnership(partner, reference_terms):
    return PartnershipFactory(organisation=partner)


def _dashboard(client, user):
    client.force_login(user)
    return client.get(reverse("dashboard"))


def _tile_names(response):
    return [tile.name for tile in response.context["tiles"]]


def _tile(response, name):
    return next(tile for tile in response.context["tiles"] if tile.name == name)


def _tile_html(response, name):
    html = response.content.decode()
    match = re.search(rf'<li class="tile[^"]*" id="tile-{name}">(.*?)</li>', html, re.S)
    assert match, f"no tile {name}"
    return match.group(1)


def _invite(organisation, email):
    return Invitation.objects.create(
        organisation=organisation,
        email=email,
        role=Role.DELEGATE,
        token_hash=Invitation.hash_token(email),
        expires_at=timezone.now() + datetime.timedelta(days=7),
    )


# --- Who sees which tiles --------------------------------------------------------------------


@pytest.mark.clock
def test_delegate_sees_documents_and_the_next_session_only(client, delegate_a, next_session):
    response = _dashboard(client, delegate_a)

    assert _tile_names(response) == ["documents", "decisions", "session"]
    session = _tile(response, "session")
    assert (session.badge.label, session.badge.kind) == ("Delegation not registered yet", "pending")
    assert "/dashboard/delegations/" not in response.content.decode()


@pytest.mark.clock
def test_delegate_reads_the_delegations_status_on_the_session_tile(
    client, delegate_a, member_a, next_session
):
    Delegation.objects.create(session=next_session, organisation=member_a, status="submitted")

    html = _tile_html(_dashboard(client, delegate_a), "session")

    assert '<span class="status status-submitted">Submitted</span>' in html


@pytest.mark.clock
def test_focal_point_sees_every_tile_of_the_member_organisation(client, focal_a, next_session):
    assert _tile_names(_dashboard(client, focal_a)) == FOCAL_POINT_TILES


@pytest.mark.clock
def test_editor_sees_news_pages_and_the_microsite_but_not_people_nor_join_requests(
    client, editor_a, next_session
):
    assert _tile_names(_dashboard(client, editor_a)) == [
        "microsite",
        "pages",
        "news",
        "documents",
        "decisions",
        "session",
    ]


@pytest.mark.clock
def test_partner_contact_sees_the_partners_tiles_and_no_delegation(
    client, partner_contact, partnership, next_session
):
    assert _tile_names(_dashboard(client, partner_contact)) == [
        "partner-profile",
        "activities",
        "bulletin",
        "people",
        "microsite",
        "pages",
        "documents",
        "session",
    ]


def test_secretariat_administrator_sees_the_back_office_and_the_work_queues(
    client, secretariat_admin, with_totp, next_session
):
    with_totp(secretariat_admin)

    response = _dashboard(client, secretariat_admin)

    names = _tile_names(response)
    assert names[-4:] == ["back-office", "accreditation", "partnership-review", "translations"]
    assert "delegation" not in names
    assert 'href="/admin/"' in _tile_html(response, "back-office")


def test_communications_officer_sees_the_bodys_news_and_pages_not_the_queues(
    client, secretariat_editor, with_totp
):
    with_totp(secretariat_editor)

    names = _tile_names(_dashboard(client, secretariat_editor))

    # The body has no microsite of its own to edit: its pages are the mission pages.
    assert names == ["pages", "news", "documents", "session", "back-office", "translations"]


# --- The delegation: the one main action -----------------------------------------------------


@pytest.mark.clock
def test_focal_point_of_an_unregistered_delegation_gets_the_register_button(
    client, focal_a, next_session
):
    response = _dashboard(client, focal_a)

    assert _tile_names(response)[0] == "delegation"
    html = _tile_html(response, "delegation")
    assert '<span class="status status-pending">Not registered</span>' in html
    assert 'class="button" href="/en/dashboard/delegations/3/">Register your delegation</a>' in html
    assert "Registration closes on" in html
    # It is the page's one primary action.
    assert response.content.decode().count('class="button" href') == 1


@pytest.mark.clock
def test_focal_point_of_a_returned_delegation_reads_the_reason_and_corrects_it(
    client, focal_a, member_a, next_session
):
    Delegation.objects.create(
        session=next_session,
        organisation=member_a,
        status="returned",
        return_reason="The credentials letter is not signed.",
    )

    html = _tile_html(_dashboard(client, focal_a), "delegation")

    assert '<span class="status status-returned">Returned for changes</span>' in html
    assert "The credentials letter is not signed." in html
    assert 'class="button" href="/en/dashboard/delegations/3/">Correct and resubmit</a>' in html


@pytest.mark.clock
def test_after_the_deadline_a_returned_delegation_still_shows_the_reason_but_no_correction(
    client, focal_a, member_a, next_session
):
    next_session.registration_deadline = timezone.now() - datetime.timedelta(hours=1)
    next_session.save()
    Delegation.objects.create(
        session=next_session,
        organisation=member_a,
        status="returned",
        return_reason="The credentials letter is not signed.",
    )

    html = _tile_html(_dashboard(client, focal_a), "delegation")

    assert "The credentials letter is not signed." in html
    assert "Registration closes on" not in html
    assert 'class="button button-secondary" href="/en/dashboard/delegations/3/">' in html
    assert "Correct and resubmit" not in html


@pytest.mark.clock
def test_focal_point_of_a_submitted_delegation_may_see_it_without_a_primary_action(
    client, focal_a, member_a, next_session
):
    Delegation.objects.create(session=next_session, organisation=member_a, status="submitted")

    html = _tile_html(_dashboard(client, focal_a), "delegation")

    assert 'class="button button-secondary" href="/en/dashboard/delegations/3/">' in html
    assert "See your delegation" in html


# --- Counts ----------------------------------------------------------------------------------


@pytest.mark.clock
def test_focal_points_tiles_count_what_waits_for_them(
    client, focal_a, member_a, member_b, next_session
):
    JoinRequestFactory.create_batch(2, organisation=member_a)
    JoinRequestFactory(organisation=member_a, status="answered")
    JoinRequestFactory(organisation=member_b)
    _invite(member_a, "new@member-a.example")
    TeamMemberFactory.create_batch(3, organisation=member_a)
    PageFactory(organisation=member_a, status="draft")
    PageFactory(organisation=member_a)
    PageFactory(organisation=member_b)
    ArticleFactory.create_batch(2, organisation=member_a, status="draft")
    ArticleFactory(organisation=member_a, status="in_review")
    ArticleFactory(organisation=member_b, status="draft")

    response = _dashboard(client, focal_a)

    def shown(name):
        tile = _tile(response, name)
        return tile.count, tile.facts

    assert shown("join-requests") == (2, [])
    assert shown("people") == (1, ["Invitations not yet accepted: 1"])
    assert shown("microsite") == (3, [])
    assert shown("pages") == (2, ["Drafts: 1"])
    assert shown("news") == (2, ["In review: 1", "Published: 0"])
    assert (
        '<span class="tile-number">2</span> <span class="tile-count-label">'
        "waiting for an answer</span>" in _tile_html(response, "join-requests")
    )


def test_partner_contact_sees_returned_activities_and_the_bulletins_language(
    client, partner, partner_contact, partnership, next_session
):
    CooperationActivityFactory(organisation=partner, status="rejected")
    CooperationActivityFactory.create_batch(2, organisation=partner, status="submitted")
    CooperationActivityFactory(organisation=partner)
    ContactFactory(
        organisation=partner,
        email=partner_contact.email,
        user=partner_contact,
        preferred_language="fr",
    )

    response = _dashboard(client, partner_contact)

    activities = _tile(response, "activities")
    assert (activities.count, activities.badge.label, activities.badge.kind) == (
        1,
        "Returned to you: 1",
        "returned",
    )
    assert activities.facts == ["Waiting for approval: 2", "Drafts: 0"]
    assert activities.action_url == reverse("partnerships:activity_list")
    bulletin = _tile(response, "bulletin")
    assert bulletin.facts == ["You receive it in French."]
    assert bulletin.action_url.startswith("/en/bulletins/preferences/")
    assert _tile(response, "partner-profile").badge.label == "Consultative status"


def test_tiles_speak_arabic_with_western_digits_as_the_site_writes_dates(
    client, focal_a, member_a, next_session
):
    JoinRequestFactory.create_batch(12, organisation=member_a)
    client.force_login(focal_a)

    html = client.get("/ar/dashboard/").content.decode()

    assert '<span class="tile-number">12</span>' in html
    assert "تسجيل وفدك" in html


# --- Queries: a fixed number per role, whatever the data size --------------------------------


def _queries_of_a_first_visit(client, user):
    cache.clear()
    client.logout()
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    return len(queries)


def _add_rows(organisation, count):
    JoinRequestFactory.create_batch(count, organisation=organisation)
    TeamMemberFactory.create_batch(count, organisation=organisation)
    PageFactory.create_batch(count, organisation=organisation, status="draft")
    ArticleFactory.create_batch(count, organisation=organisation, status="draft")
    for n in range(count):
        _invite(organisation, f"person{n}-{count}@example.org")
    if organisation.is_partner:
        CooperationActivityFactory.create_batch(count, organisation=organisation, status="rejected")


@pytest.mark.parametrize(
    ("role", "budget"),
    [
        ("delegate_a", 12),
        ("focal_a", 15),
        ("editor_a", 15),
        ("partner_contact", 15),
    ],
)
def test_dashboard_queries_do_not_grow_with_the_data(
    client, request, role, budget, next_session, partnership, member_a
):
    user = request.getfixturevalue(role)
    organisation = user.memberships.get().organisation
    _add_rows(organisation, 1)
    with_one_row = _queries_of_a_first_visit(client, user)

    _add_rows(organisation, 25)
    with_many_rows = _queries_of_a_first_visit(client, user)

    assert with_many_rows == with_one_row <= budget


def test_secretariat_administrators_dashboard_queries_do_not_grow_with_the_data(
    client, secretariat_admin, with_totp, next_session, member_a, partnership, partner
):
    with_totp(secretariat_admin)
    CooperationActivityFactory(organisation=partner, status="submitted")
    Delegation.objects.create(session=next_session, organisation=member_a, status="submitted")
    with_one_row = _queries_of_a_first_visit(client, secretariat_admin)

    CooperationActivityFactory.create_batch(20, organisation=partner, status="submitted")
    PartnershipFactory.create_batch(20, status="applicant")
    with_many_rows = _queries_of_a_first_visit(client, secretariat_admin)

    # 22 for the tiles (the translations tile counts the open assignments); the to-do list
    # (oec_portal/todo.py) reuses their counts and adds three: the periodic reviews due, the
    # bulletin to approve and the members' articles to accept.
    assert with_many_rows == with_one_row <= 25
