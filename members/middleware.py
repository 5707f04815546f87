import logging

from django.contrib import messages
from django.contrib.auth import middleware as auth_middleware
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from .content_cache import cached_until_content_changes
from .permissions import may_act_for_any_organisation, memberships_of, must_use_two_factor
from .request_facts import client_ip
from .services import ACTING_ORGANISATION_SESSION_KEY

security_log = logging.getLogger("oec.security")


def acting_organisation_id(request):
    """The id of the organisation the user acts for: the one chosen in this session (their own,
    or any existing one for a secretariat administrator), else their first one; None for a user
    without memberships. No query unless an administrator acts for another organisation."""
    from .models import Organisation

    memberships = memberships_of(request.user)
    if not memberships:
        return None
    chosen = request.session.get(ACTING_ORGANISATION_SESSION_KEY)
    if chosen in memberships:
        return chosen
    if (
        chosen
        and may_act_for_any_organisation(request.user)
        and Organisation.objects.filter(pk=chosen).exists()
    ):
        return chosen
    return min(memberships)


def acting_organisation(request):
    """The organisation of `acting_organisation_id(request)`, or None.

    Kept with the content generation, which every save of an organisation bumps: a signed-in
    request reads the generation with the user already, so this costs no query (issue 19)."""
    from .models import Organisation

    organisation_id = acting_organisation_id(request)
    if organisation_id is None:
        return None
    return cached_until_content_changes(
        "acting-organisation",
        organisation_id,
        compute=lambda: Organisation.objects.get(pk=organisation_id),
    )


class AuthenticationMiddleware(auth_middleware.AuthenticationMiddleware):
    """Django's, with `request.user` the user itself rather than a lazy object.

    Every request that reaches a view asks who it is (RequireTwoFactorMiddleware), so reading
    the user on first use saves nothing; and each read of an attribute through Django's lazy
    object costs a failed lookup and a second call, some fifty times in a signed-in request
    (issue 19). A page served from the cache or a static file is answered before this runs."""

    def process_request(self, request):
        super().process_request(request)
        request.user = auth_middleware.get_user(request)


class ActingOrganisationMiddleware:
    """Sets `request.organisation`, the acting tenant (None for visitors), on first use."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.organisation = SimpleLazyObject(lambda: acting_organisation(request))
        return self.get_response(request)


class RequireTwoFactorMiddleware:
    """Staff (and, by setting, focal points) must set up TOTP before reaching any other page.

    Account pages (allauth: 2FA setup, logout, password) stay reachable so they can comply.
    """

    ALWAYS_ALLOWED_URL_NAMES = {"healthz", "robots_txt"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.user.is_authenticated or not must_use_two_factor(request.user):
            return None
        if view_func.__module__.startswith("allauth."):
            return None
        match = request.resolver_match
        if match and match.url_name in self.ALWAYS_ALLOWED_URL_NAMES:
            return None
        from allauth.mfa.models import Authenticator

        if Authenticator.objects.filter(user=request.user, type=Authenticator.Type.TOTP).exists():
            return None
        messages.warning(
            request, _("Your role requires two-factor authentication. Please set it up first.")
        )
        return redirect("mfa_activate_totp")


class DeniedAccessLogMiddleware:
    """Logs every refused action (PermissionDenied → 403) as a security event (SECURITY.md B7).

    "Not yours" answers 404 on purpose and looks like a missing page, so only refusals of a
    user's own organisation's actions are logged here; restricted downloads log themselves.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, PermissionDenied):
            user = getattr(request, "user", None)
            organisation = getattr(request, "organisation", None)
            security_log.warning(
                "access denied user=%s organisation=%s ip=%s path=%s",
                getattr(user, "pk", None) or "-",
                getattr(organisation, "slug", None) or "-",
                client_ip(request),
                request.path,
            )
        return None
