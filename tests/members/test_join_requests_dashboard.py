"""The focal point reads, answers and closes the join requests sent to their organisation."""

import pytest
from django.core import mail
from django.urls import reverse

from members.models import JoinRequest
from tests.factories import JoinRequestFactory


@pytest.fixture
def request_to_a(member_a):
    return JoinRequestFactory(
        organisation=member_a, name="Laura Méndez", email="laura@example.org", language="fr"
    )


@pytest.fixture
def request_to_b(member_b):
    return JoinRequestFactory(organisation=member_b, name="Theirs", email="theirs@example.org")


def test_focal_point_sees_only_their_organisations_requests(
    client, focal_a, request_to_a, request_to_b
):
    client.force_login(focal_a)
    response = client.get(reverse("members:join_requests"))
    assert response.status_code == 200
    assert list(response.context["page"].object_list) == [request_to_a]
    assert "Theirs" not in response.content.decode()


def test_dashboard_links_to_join_requests_for_focal_points_only(client, focal_a, delegate_a):
    client.force_login(focal_a)
    link = f'href="{reverse("members:join_requests")}"'
    assert link in client.get(reverse("dashboard")).content.decode()
    client.force_login(delegate_a)
    assert link not in client.get(reverse("dashboard")).content.decode()


def test_focal_point_answers_and_the_visitor_is_mailed_in_their_language(
    client, focal_a, request_to_a, django_capture_on_commit_callbacks
):
    client.force_login(focal_a)
    url = reverse("members:join_request_detail", args=[request_to_a.pk])
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"answer": "  Merci, nous vous écrivons bientôt.  "})
    assert response.status_code == 302
    request_to_a.refresh_from_db()
    assert (
        request_to_a.status,
        request_to_a.answer,
        request_to_a.answered_by,
        request_to_a.answered_at is not None,
    ) == ("answered", "Merci, nous vous écrivons bientôt.", focal_a, True)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["laura@example.org"]
    # Laura wrote in French: the answer's frame is French, the focal point's words as written.
    assert message.subject == "Votre message à Member A"
    assert "Merci, nous vous écrivons bientôt." in message.body


def test_an_empty_answer_is_refused_and_changes_nothing(client, focal_a, request_to_a):
    client.force_login(focal_a)
    url = reverse("members:join_request_detail", args=[request_to_a.pk])
    response = client.post(url, {"answer": "   "})
    assert response.status_code == 200
    assert response.context["form"].errors == {"answer": ["Write the answer to send."]}
    request_to_a.refresh_from_db()
    assert (request_to_a.status, request_to_a.answer) == ("new", "")
    assert mail.outbox == []


def test_focal_point_closes_a_request_which_then_takes_no_answer(client, focal_a, request_to_a):
    client.force_login(focal_a)
    response = client.post(reverse("members:join_request_close", args=[request_to_a.pk]))
    assert response.status_code == 302
    request_to_a.refresh_from_db()
    assert request_to_a.status == "closed"
    assert request_to_a.closed_at is not None
    url = reverse("members:join_request_detail", args=[request_to_a.pk])
    client.post(url, {"answer": "Too late."})
    request_to_a.refresh_from_db()
    assert (request_to_a.status, request_to_a.answer) == ("closed", "")


@pytest.mark.parametrize(
    ("url_name", "method", "data"),
    [
        ("members:join_request_detail", "get", {}),
        ("members:join_request_detail", "post", {"answer": "Hello"}),
        ("members:join_request_close", "post", {}),
    ],
)
def test_another_organisations_request_is_not_found(
    client, focal_a, request_to_b, url_name, method, data
):
    client.force_login(focal_a)
    theirs = getattr(client, method)(reverse(url_name, args=[request_to_b.pk]), data)
    missing = getattr(client, method)(reverse(url_name, args=[request_to_b.pk + 999]), data)
    assert theirs.status_code == 404
    assert (theirs.status_code, theirs.content) == (missing.status_code, missing.content)
    request_to_b.refresh_from_db()
    assert (request_to_b.status, request_to_b.answer) == ("new", "")
    assert mail.outbox == []


def test_editors_and_delegates_may_not_read_join_requests(
    client, editor_a, delegate_a, request_to_a
):
    for user in (editor_a, delegate_a):
        client.force_login(user)
        assert client.get(reverse("members:join_requests")).status_code == 403
        detail = reverse("members:join_request_detail", args=[request_to_a.pk])
        assert client.get(detail).status_code == 403


def test_close_refuses_get(client, focal_a, request_to_a):
    client.force_login(focal_a)
    response = client.get(reverse("members:join_request_close", args=[request_to_a.pk]))
    assert response.status_code == 405
    request_to_a.refresh_from_db()
    assert request_to_a.status == "new"


def test_join_requests_are_paginated_newest_first(client, focal_a, member_a):
    requests_ = JoinRequestFactory.create_batch(25, organisation=member_a)
    client.force_login(focal_a)
    page = client.get(reverse("members:join_requests")).context["page"]
    assert (page.paginator.count, len(page.object_list)) == (25, 20)
    assert page.object_list[0] == requests_[-1]


def test_join_requests_query_count_does_not_grow_with_requests(
    client, focal_a, member_a, django_assert_max_num_queries
):
    JoinRequestFactory.create_batch(40, organisation=member_a)
    client.force_login(focal_a)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("members:join_requests"))
    assert len(response.context["page"].object_list) == 20


def test_join_request_status_counts_with_open_selector(member_a, member_b):
    JoinRequestFactory(organisation=member_a, status=JoinRequest.Status.NEW)
    JoinRequestFactory(organisation=member_a, status=JoinRequest.Status.CLOSED)
    JoinRequestFactory(organisation=member_b, status=JoinRequest.Status.NEW)
    assert JoinRequest.objects.of(member_a).open().count() == 1
