"""Security events (SECURITY.md B7): logins, failures, logouts, to the "oec.security" log.

Each line carries the user, the acting organisation and the client's address; never a
password or a token. Timestamps come from the log formatter. One more receiver of the sign-in
forgets the user remembered in the cache (auth_backends.py).
"""

import logging

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .request_facts import client_ip

security_log = logging.getLogger("oec.security")


def _organisation_slug(user):
    from .permissions import memberships_of

    organisation_ids = sorted(memberships_of(user))
    if not organisation_ids:
        return "-"
    from .models import Organisation

    return ",".join(
        Organisation.objects.filter(pk__in=organisation_ids).values_list("slug", flat=True)
    )


@receiver(user_logged_in)
def log_login(sender, request, user, **kwargs):
    security_log.info(
        "login user=%s organisations=%s ip=%s",
        user.pk,
        _organisation_slug(user),
        client_ip(request),
    )


@receiver(user_logged_in)
def forget_the_remembered_user(sender, request, user, **kwargs):
    # Not a security event: cache invalidation (auth_backends.py), for the new last_login.
    from .auth_backends import forget_signed_in_user

    forget_signed_in_user(user.pk)


@receiver(user_logged_out)
def log_logout(sender, request, user, **kwargs):
    security_log.info("logout user=%s ip=%s", getattr(user, "pk", "-"), client_ip(request))


@receiver(user_login_failed)
def log_login_failure(sender, credentials, request=None, **kwargs):
    # Django masks the password in `credentials`; only the identifier is logged.
    identifier = credentials.get("email") or credentials.get("username") or "-"
    security_log.warning("login failed identifier=%s ip=%s", identifier, client_ip(request))
