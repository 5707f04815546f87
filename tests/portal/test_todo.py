"""The dashboard's to-do list: what waits for the person's role, with its count and the page
that does the work; an item goes when the work is done, not when a notification is read."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from governance.models import Delegation
from members.models import Role
from news import services as news_services
from tests.factories import (
    ArticleFactory,
    AssemblySessionFactory,
    BulletinFactory,
    CooperationActivityFactory,
    JoinRequestFactory,
    PartnershipFactory,
)


@pytest.fixture
def next_session(db):
    today = timezone.localdate()
    return AssemblySessionFactory(
        number=3,
        status="planned",
        start_date=today + datetime.timedelta(days=90),
        end_date=today + datetime.timedelta(days=92),
        registration_deadline=timezone.now() + datetime.timedelta(days=30),
    )


def todo(client, user):
    client.force_login(user)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    return {item.name: (item.label, item.url) for item in response.context["todo"]}


@pytest.mark.clock
def test_a_focal_point_sees_join_requests_articles_and_the_delegation_to_register(
    client, focal_a, member_a, member_b, next_session
):
    JoinRequestFactory.create_batch(2, organisation=member_a)
    JoinRequestFactory(organisation=member_a, status="answered")
    JoinRequestFactory(organisation=member_b)
    ArticleFactory(organisation=member_a, status="in_review")
    ArticleFactory(organisation=member_a, status="draft")
    ArticleFactory(organisation=member_b, status="in_review")

    assert todo(client, focal_a) == {
        "join-requests": ("2 join requests to answer", "/en/dashboard/join-requests/"),
        "articles-to-review": ("1 article to review", "/en/dashboard/news/"),
        "delegation": (
            f"Register your delegation to {next_session}",
            "/en/dashboard/delegations/3/",
        ),
    }


def test_the_article_leaves_the_to_do_when_it_is_published_not_when_read(
    client, focal_a, editor_a, member_a, django_capture_on_commit_callbacks
):
    article = ArticleFactory(organisation=member_a, status="draft")
    with django_capture_on_commit_callbacks(execute=True):
        news_services.article_transition(article=article, to_status="in_review", by=editor_a)
    focal_a.notifications.update(read_at=timezone.now())
    assert "articles-to-review" in todo(client, focal_a)

    news_services.article_transition(article=article, to_status="published", by=focal_a)
    assert "articles-to-review" not in todo(client, focal_a)


def test_a_submitted_delegation_leaves_the_focal_points_to_do(
    client, focal_a, member_a, next_session
):
    Delegation.objects.create(session=next_session, organisation=member_a, status="submitted")
    assert "delegation" not in todo(client, focal_a)


@pytest.mark.clock
def test_a_returned_delegation_asks_to_be_corrected(client, focal_a, member_a, next_session):
    Delegation.objects.create(
        session=next_session, organisation=member_a, status="returned", return_reason="Sign it."
    )
    assert todo(client, focal_a)["delegation"] == (
        "Correct and resubmit your delegation",
        "/en/dashboard/delegations/3/",
    )


def test_a_delegate_has_nothing_to_do(client, delegate_a, member_a, next_session):
    JoinRequestFactory(organisation=member_a)
    ArticleFactory(organisation=member_a, status="in_review")
    client.force_login(delegate_a)
    response = client.get(reverse("dashboard"))

    assert response.context["todo"] == []
    assert "Nothing waits for you." in response.content.decode()


def test_a_partner_sees_what_was_returned_to_them(
    client, partner_contact, partner, reference_terms
):
    PartnershipFactory(organisation=partner)
    CooperationActivityFactory.create_batch(2, organisation=partner, status="rejected")
    CooperationActivityFactory(organisation=partner, status="submitted")

    assert todo(client, partner_contact) == {
        "returned-activities": (
            "2 activities returned to you to correct",
            "/en/dashboard/partner/activities/",
        ),
    }


@pytest.mark.clock
def test_the_secretariat_sees_its_queues_with_back_office_links(
    client, secretariat_admin, with_totp, host, member_a, partner, next_session, reference_terms
):
    with_totp(secretariat_admin)
    Delegation.objects.create(session=next_session, organisation=member_a, status="submitted")
    PartnershipFactory(organisation=partner, next_review_on=timezone.localdate())
    PartnershipFactory.create_batch(2, status="applicant")
    CooperationActivityFactory(organisation=partner, status="submitted")
    BulletinFactory(status="awaiting_approval")
    ArticleFactory(organisation=host, status="in_review")

    items = todo(client, secretariat_admin)

    assert items == {
        "articles-to-review": ("1 article to review", "/en/dashboard/news/"),
        "delegations-to-accredit": (
            "1 delegation to accredit",
            "/admin/governance/delegation/?status__exact=submitted",
        ),
        "applications-to-decide": (
            "2 partnership applications to decide on",
            "/admin/partnerships/partnership/?status__exact=applicant",
        ),
        "activities-to-approve": (
            "1 partner activity to approve",
            "/admin/partnerships/cooperationactivity/?status__exact=submitted",
        ),
        "reviews-due": (
            "1 periodic review of a partnership due",
            "/admin/partnerships/partnership/",
        ),
        "bulletin-to-approve": (
            "1 bulletin to approve",
            "/admin/bulletins/bulletin/?status__exact=awaiting_approval",
        ),
    }


def test_a_conference_officer_sees_only_the_delegations(
    client, officer_with_totp, member_a, next_session
):
    officer = officer_with_totp(Role.CONFERENCE_SERVICES, "conference@oec.example")
    Delegation.objects.create(session=next_session, organisation=member_a, status="submitted")
    BulletinFactory(status="awaiting_approval")

    assert list(todo(client, officer)) == ["delegations-to-accredit"]


def test_the_to_do_is_translated(client, focal_a, member_a):
    JoinRequestFactory.create_batch(2, organisation=member_a)
    client.force_login(focal_a)
    page = client.get("/fr/dashboard/").content.decode()

    assert "À faire" in page
    assert "2 demandes d’adhésion auxquelles répondre" in page


def _queries(client, user):
    cache.clear()
    client.logout()
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("dashboard"))
    return len(queries)


def test_the_to_do_costs_the_same_queries_with_more_rows(
    client, secretariat_admin, focal_a, with_totp, member_a, partner, next_session, reference_terms
):
    with_totp(secretariat_admin)
    JoinRequestFactory(organisation=member_a)
    ArticleFactory(organisation=member_a, status="in_review")
    CooperationActivityFactory(organisation=partner, status="submitted")
    before = (_queries(client, focal_a), _queries(client, secretariat_admin))

    JoinRequestFactory.create_batch(20, organisation=member_a)
    ArticleFactory.create_batch(20, organisation=member_a, status="in_review")
    CooperationActivityFactory.create_batch(20, organisation=partner, status="submitted")
    PartnershipFactory.create_batch(20, status="applicant")
    BulletinFactory(status="awaiting_approval")

    assert (_queries(client, focal_a), _queries(client, secretariat_admin)) == before
