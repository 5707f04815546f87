"""The public "join us / support us" form: validated, spam-protected, mailed to focal points."""

import pytest
from django.core import mail

from members.models import JoinRequest, Role
from tests.factories import AssociateMemberFactory, user_with_role

VALID = {
    "name": "Amadou Diallo",
    "email": "Amadou@Example.org",
    "country": "SN",
    "affiliation": "École de Thiès",
    "support": "partner",
    "message": "Our school would like to start a pupil cooperative.",
    "website": "",
}


@pytest.fixture
def occe(db):
    return AssociateMemberFactory(slug="occe", name_en="OCCE")


@pytest.fixture
def occe_focal_points(occe):
    return [
        user_with_role(occe, Role.FOCAL_POINT, email="focal@occe.example"),
        user_with_role(occe, Role.FOCAL_POINT, email="second-focal@occe.example"),
    ]


def _join_url(slug="occe", language="en"):
    return f"/{language}/members/{slug}/join/"


def test_join_form_is_shown_with_a_hidden_honeypot(client, occe):
    response = client.get(_join_url())
    assert response.status_code == 200
    content = response.content.decode()
    assert '<div class="form-group honeypot" aria-hidden="true">' in content
    assert 'name="website" tabindex="-1" autocomplete="off"' in content


def test_visitor_sends_a_request_and_the_focal_points_of_that_organisation_are_mailed(
    client, occe, occe_focal_points, focal_b, django_capture_on_commit_callbacks
):
    user_with_role(occe, Role.EDITOR, email="editor@occe.example")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_join_url(language="fr"), VALID)
    assert response.status_code == 302
    assert response["Location"] == "/fr/members/occe/join/thanks/"
    join_request = JoinRequest.objects.get()
    assert (
        join_request.organisation,
        join_request.name,
        join_request.email,
        join_request.country.code,
        join_request.affiliation,
        join_request.support,
        join_request.language,
        join_request.status,
    ) == (
        occe,
        "Amadou Diallo",
        "amadou@example.org",
        "SN",
        "École de Thiès",
        "partner",
        "fr",
        "new",
    )
    # Each focal point of OCCE gets their own message; nobody of another organisation does.
    assert sorted(message.to[0] for message in mail.outbox) == [
        "focal@occe.example",
        "second-focal@occe.example",
    ]
    assert all(len(message.to) == 1 for message in mail.outbox)
    message = mail.outbox[0]
    assert message.subject == "New join request for OCCE from Amadou Diallo"
    assert "Our school would like to start a pupil cooperative." in message.body
    assert f"/en/dashboard/join-requests/{join_request.pk}/" in message.body


def test_the_mail_is_sent_only_after_the_request_is_committed(
    client, occe, occe_focal_points, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(_join_url(), VALID)
    assert len(callbacks) == 1
    assert mail.outbox == []


def test_the_thanks_page_confirms(client, occe):
    response = client.get("/en/members/occe/join/thanks/")
    assert response.status_code == 200
    assert "Your message was sent to OCCE." in response.content.decode()


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("name", "", "Please tell us your name."),
        ("name", " x ", "Please tell us your name."),
        ("name", "x" * 151, "Keep your name under 150 characters."),
        (
            "name",
            "Eve\nBcc: all@example.org",
            "Write your name on one line, without special characters.",
        ),
        ("email", "", "Please give an e-mail address so that we can answer."),
        ("email", "not-an-address", "Enter a valid e-mail address, such as name@example.org."),
        ("country", "XX", "Choose a country from the list."),
        ("support", "", "Choose how you would like to support us."),
        ("support", "money", "Choose how you would like to support us from the list."),
        ("message", "", "Please write a short message."),
        ("message", "hi", "Please write a little more: at least 10 characters."),
        ("message", "x" * 3001, "Keep your message under 3000 characters."),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_changes_nothing(
    client, occe, occe_focal_points, field, value, error, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_join_url(), {**VALID, field: value})
    assert response.status_code == 200
    assert response.context["form"].errors == {field: [error]}
    assert error in response.content.decode().replace("&#x27;", "'")
    assert not JoinRequest.objects.exists()
    assert mail.outbox == []


def test_a_filled_honeypot_pretends_success_and_stores_nothing(
    client, occe, occe_focal_points, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_join_url(), {**VALID, "website": "http://spam.example"})
    assert response.status_code == 302
    assert response["Location"] == "/en/members/occe/join/thanks/"
    assert not JoinRequest.objects.exists()
    assert mail.outbox == []


def test_the_sixth_message_within_an_hour_from_one_address_is_refused(client, occe, settings):
    settings.OEC_JOIN_REQUESTS_PER_HOUR = 5
    for _attempt in range(5):
        assert client.post(_join_url(), VALID).status_code == 302
    response = client.post(_join_url(), VALID)
    assert response.status_code == 429
    assert "Please wait an hour before you write again." in response.content.decode()
    assert JoinRequest.objects.count() == 5
    # Another address is not affected.
    assert client.post(_join_url(), VALID, REMOTE_ADDR="10.0.0.9").status_code == 302


def test_the_rate_limit_counts_per_organisation(client, occe, settings):
    settings.OEC_JOIN_REQUESTS_PER_HOUR = 1
    AssociateMemberFactory(slug="other")
    assert client.post(_join_url(), VALID).status_code == 302
    assert client.post(_join_url(), VALID).status_code == 429
    assert client.post(_join_url("other"), VALID).status_code == 302


def test_spam_and_bad_input_count_towards_the_rate_limit(client, occe, settings):
    settings.OEC_JOIN_REQUESTS_PER_HOUR = 2
    client.post(_join_url(), {**VALID, "website": "spam"})
    client.post(_join_url(), {**VALID, "email": "bad"})
    assert client.post(_join_url(), VALID).status_code == 429
    assert not JoinRequest.objects.exists()


def test_an_organisation_without_focal_point_gets_the_request_but_nobody_is_mailed(
    client, occe, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_join_url(), VALID)
    assert JoinRequest.objects.count() == 1
    assert mail.outbox == []


def test_the_join_form_of_an_unknown_organisation_is_not_found(client, db):
    assert client.get(_join_url("nobody")).status_code == 404
    assert client.post(_join_url("nobody"), VALID).status_code == 404


def test_the_join_form_refuses_a_post_without_csrf_token(client, occe):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post(_join_url(), VALID).status_code == 403
    assert not JoinRequest.objects.exists()
