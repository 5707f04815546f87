"""The public forms' hourly limits: allauth rates read from the settings, counted per address."""

from members import rate_limits


def test_rates_are_allauth_rate_strings_from_the_settings(settings):
    settings.OEC_JOIN_REQUESTS_PER_HOUR = 3
    settings.OEC_BULLETIN_SUBSCRIPTIONS_PER_HOUR = 4
    settings.OEC_PARTNERSHIP_APPLICATIONS_PER_HOUR = 6

    assert rate_limits.rates() == {
        "join_request": "3/h/key",
        "bulletin_subscription": "4/h/key",
        "partnership_application": "6/h/key",
    }


def test_attempt_allowed_counts_per_action_address_and_scope(settings):
    settings.OEC_JOIN_REQUESTS_PER_HOUR = 1
    join = rate_limits.JOIN_REQUEST

    assert rate_limits.attempt_allowed(join, ip="192.0.2.1", within=7) is True
    assert rate_limits.attempt_allowed(join, ip="192.0.2.1", within=7) is False
    assert rate_limits.attempt_allowed(join, ip="192.0.2.1", within=8) is True
    assert rate_limits.attempt_allowed(join, ip="192.0.2.2", within=7) is True
    assert rate_limits.attempt_allowed(rate_limits.PARTNERSHIP_APPLICATION, ip="192.0.2.1") is True
