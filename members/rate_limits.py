"""Hourly limits on the public forms, counted by allauth's rate limiter, as sign-in is.

Each form is one action whose rate comes from its setting (defaults in settings/base.py),
counted per client address and, for a join request, per organisation too. The counters are
allauth's (keys "allauth:rl:…"), so they keep counting in this process's memory while Redis is
away (oec_portal/cache.py), like the sign-in limits.
"""

from allauth.core.internal import ratelimit as allauth_ratelimit
from django.conf import settings

JOIN_REQUEST = "join_request"
BULLETIN_SUBSCRIPTION = "bulletin_subscription"
PARTNERSHIP_APPLICATION = "partnership_application"


def rates():
    """allauth rate strings per action, read at each call so that a changed setting counts."""
    # "key" rates: the caller gives the address (members.request_facts.client_ip, the one the
    # security log shows), so allauth never needs the request (its "ip" rates read it).
    return {
        JOIN_REQUEST: f"{settings.OEC_JOIN_REQUESTS_PER_HOUR}/h/key",
        BULLETIN_SUBSCRIPTION: f"{settings.OEC_BULLETIN_SUBSCRIPTIONS_PER_HOUR}/h/key",
        PARTNERSHIP_APPLICATION: f"{settings.OEC_PARTNERSHIP_APPLICATIONS_PER_HOUR}/h/key",
    }


def attempt_allowed(action, *, ip, within="") -> bool:
    """Count one attempt of `action` from `ip` (within one organisation, say); False once the
    address has used up its hourly allowance. A refused attempt is not counted."""
    # The public allauth.core.ratelimit.consume reads allauth.account's own settings only; the
    # function under it takes the rates as `config`. `limit_get` counts whatever the method,
    # and with "key" rates no request is read.
    usage = allauth_ratelimit.consume(
        None,
        app="oec",
        action=action,
        config=rates(),
        key=f"{within}:{ip}",
        limit_get=True,
    )
    return usage is not None
