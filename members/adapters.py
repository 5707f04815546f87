import logging

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.core.ratelimit import respond_429
from django.core.exceptions import ValidationError

from .signals import client_ip

security_log = logging.getLogger("oec.security")


class AccountAdapter(DefaultAccountAdapter):
    """allauth, adapted to the portal's rules (never forked)."""

    def is_open_for_signup(self, request):
        # Member accounts exist only by invitation (members.services), so sign-up is closed.
        return False

    def pre_authenticate(self, request, **credentials):
        # allauth shows "too many attempts" as a form error; answer it as what it is, a 429,
        # so that clients and monitoring see the throttling.
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError as error:
            if getattr(error, "code", None) == "too_many_login_attempts":
                security_log.warning(
                    "login throttled identifier=%s ip=%s",
                    credentials.get("email", "-"),
                    client_ip(request),
                )
                raise ImmediateHttpResponse(respond_429(request)) from error
            raise
