"""Accounts: e-mail login, closed sign-up, rate limits, password rules, 2FA for staff."""

import pytest
from django.urls import reverse

from tests.cast import totp_code
from tests.factories import PASSWORD


def test_login_with_email_and_password(client, delegate_a):
    response = client.post(
        reverse("account_login"), {"login": delegate_a.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")


def test_session_id_changes_at_login_and_dies_at_logout(client, delegate_a):
    client.get(reverse("account_login"))
    client.session["probe"] = 1
    before = client.cookies.get("sessionid")
    client.post(reverse("account_login"), {"login": delegate_a.email, "password": PASSWORD})
    after = client.cookies["sessionid"].value
    assert before is None or before.value != after
    client.post(reverse("account_logout"))
    assert client.get(reverse("dashboard")).status_code == 302


def test_sign_up_is_closed(client, db):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "walk-in@example.org",
            "password1": "a sturdy passphrase",
            "password2": "a sturdy passphrase",
        },
    )
    # The closed sign-up page says how to get an account instead (test_account_pages.py).
    assert b"How to get an account" in response.content or response.status_code in (403, 404)
    from django.contrib.auth import get_user_model

    assert not get_user_model().objects.filter(email="walk-in@example.org").exists()


def test_sixth_bad_password_is_rate_limited(client, delegate_a):
    statuses = [
        client.post(
            reverse("account_login"), {"login": delegate_a.email, "password": "wrong-one"}
        ).status_code
        for _ in range(6)
    ]
    assert statuses[:5] == [200] * 5
    assert statuses[5] == 429


def sign_in(client, email, password, address):
    return client.post(
        reverse("account_login"), {"login": email, "password": password}, REMOTE_ADDR=address
    ).status_code


def test_a_stranger_elsewhere_cannot_lock_the_owner_out(client, delegate_a):
    stranger = [sign_in(client, delegate_a.email, "wrong-one", "203.0.113.9") for _ in range(20)]

    assert stranger == [200] * 5 + [429] * 15
    assert sign_in(client, delegate_a.email, PASSWORD, "198.51.100.7") == 302


def test_guessing_from_one_address_locks_that_address_out_even_with_the_right_password(
    client, delegate_a
):
    guesses = [sign_in(client, delegate_a.email, "wrong-one", "203.0.113.9") for _ in range(5)]

    assert guesses == [200] * 5
    assert sign_in(client, delegate_a.email, PASSWORD, "203.0.113.9") == 429


def test_one_address_trying_many_accounts_meets_the_per_address_limit(client, delegate_a):
    spray = [
        sign_in(client, f"member{number}@example.org", "wrong-one", "203.0.113.9")
        for number in range(11)
    ]

    assert spray == [200] * 10 + [429]  # 10 failures a minute per address, whatever the account
    # Another address is not concerned.
    assert sign_in(client, delegate_a.email, PASSWORD, "198.51.100.7") == 302


def test_ipv6_addresses_of_one_network_count_as_one_address(client, delegate_a):
    guesses = [
        sign_in(client, delegate_a.email, "wrong-one", f"2001:db8:1:1::{number:x}")
        for number in range(6)
    ]

    assert guesses == [200] * 5 + [429]
    assert sign_in(client, delegate_a.email, PASSWORD, "2001:db8:2::1") == 302


def test_password_reset_answers_the_same_for_known_and_unknown_addresses(client, delegate_a):
    known = client.post(reverse("account_reset_password"), {"email": delegate_a.email})
    unknown = client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]


def test_admin_login_goes_through_allauth(client):
    response = client.get("/admin/login/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


def test_secretariat_without_two_factor_cannot_reach_staff_pages(client, secretariat_editor):
    client.post(reverse("account_login"), {"login": secretariat_editor.email, "password": PASSWORD})
    for url in ("/admin/", reverse("dashboard")):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == reverse("mfa_activate_totp")
    # Setting it up stays possible, at once: the sign-in a moment ago counts as a recent
    # authentication, so the password is not asked again (test_account_pages.py).
    response = client.get(reverse("mfa_activate_totp"), follow=True)
    assert response.status_code == 200
    assert response.redirect_chain == []
    assert 'name="code"' in response.content.decode()


def test_secretariat_with_two_factor_reaches_the_admin(client, secretariat_editor, with_totp):
    with_totp(secretariat_editor)
    client.force_login(secretariat_editor)
    assert client.get("/admin/").status_code == 200


def test_focal_points_need_two_factor_when_the_setting_is_on(client, settings, focal_a, with_totp):
    settings.OEC_REQUIRE_2FA_FOR_FOCAL_POINTS = True
    client.force_login(focal_a)
    assert client.get(reverse("dashboard"))["Location"] == reverse("mfa_activate_totp")
    with_totp(focal_a)
    assert client.get(reverse("dashboard")).status_code == 200


def test_login_with_totp_asks_for_the_code_and_a_code_works_once(
    client, secretariat_editor, with_totp
):
    secret = with_totp(secretariat_editor)
    code = totp_code(secret)
    login = {"login": secretariat_editor.email, "password": PASSWORD}
    assert client.post(reverse("account_login"), login)["Location"] == reverse("mfa_authenticate")
    assert client.post(reverse("mfa_authenticate"), {"code": code}).status_code == 302
    assert client.get("/admin/").status_code == 200
    client.logout()
    client.post(reverse("account_login"), login)
    reused = client.post(reverse("mfa_authenticate"), {"code": code})
    assert reused.status_code == 200  # the form again: the same code does not work twice
    assert client.get("/admin/").status_code == 302


@pytest.mark.parametrize(
    ("password", "accepted"),
    [
        ("short1!", False),
        ("password123", False),
        ("correct horse battery staple " * 2 + "in 640", True),
    ],
)
def test_password_rules(password, accepted):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    try:
        validate_password(password)
    except ValidationError:
        assert not accepted
    else:
        assert accepted
