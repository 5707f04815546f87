import ipaddress
import logging
import time
from urllib.parse import urlsplit

from allauth import app_settings as allauth_settings
from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.authentication import get_authentication_records
from allauth.core import context as allauth_context
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.core.ratelimit import respond_429
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.encoding import force_str
from django.utils.translation import gettext, gettext_lazy

from .mail import branded_message, one_line
from .request_facts import client_ip

security_log = logging.getLogger("oec.security")

ACCOUNT_MAIL_REASON = gettext_lazy(
    "You receive this message because of an account request or change for this address on the "
    "portal of the Organisation of Educational Cooperation."
)
# What the button says for the link an account mail asks the reader to open (members.mail).
ACCOUNT_MAIL_ACTIONS = {
    "account/email/password_reset_key": gettext_lazy("Choose a new password"),
    "account/email/unknown_account": gettext_lazy("How to get an account"),
}


class AccountAdapter(DefaultAccountAdapter):
    """allauth, adapted to the portal's rules (never forked)."""

    def is_open_for_signup(self, request):
        # Member accounts exist only by invitation (members.services), so sign-up is closed.
        return False

    def _get_login_attempts_cache_key(self, request, **credentials):
        # allauth counts failed sign-ins per account (the "key" rate of "login_failed"), so
        # five wrong passwords from anywhere would lock the owner out for five minutes. Per
        # account and address, a stranger elsewhere locks out only themself; the "ip" rate
        # still caps one address across all accounts (settings.ACCOUNT_RATE_LIMITS).
        account = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{account}:{self.address_for_rate_limits(request)}"

    def address_for_rate_limits(self, request):
        """The client's address as allauth's "ip" rates count it: an IPv6 address stands for
        its whole network (ALLAUTH_RATE_LIMIT_IPV6_PREFIX), whose holder has them all."""
        address = self.get_client_ip(request)
        try:
            parsed = ipaddress.ip_address(address)
        except ValueError:
            return address
        if parsed.version == 6:
            prefix = allauth_settings.RATE_LIMIT_IPV6_PREFIX
            return str(ipaddress.ip_network(f"{parsed}/{prefix}", strict=False).network_address)
        return address

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

    # --- Reauthentication and account e-mails (issue 14) ---

    def is_reauthentication_required(self, *, app, **kwargs):
        # allauth asks for the password again before a sensitive change (setting up TOTP,
        # changing the e-mail address) unless the session holds a *re*authentication younger
        # than ACCOUNT_REAUTHENTICATION_TIMEOUT: a sign-in does not count, so a secretariat
        # user sent to set up TOTP right after signing in typed the password twice. A sign-in
        # of this session within the same timeout proves as much as a reauthentication.
        if not super().is_reauthentication_required(app=app, **kwargs):
            return False
        return not signed_in_recently(allauth_context.request)

    def format_email_subject(self, subject):
        # allauth prefixes "[<host name>]" (there is no sites framework): name the body instead.
        return f"[{gettext('Organisation of Educational Cooperation')}] {force_str(subject)}"

    def send_mail(self, template_prefix, email, context):
        # allauth renders its mails in the request's active language (the language of the page
        # the visitor used, from the URL prefix); they name the body, not the server's host.
        context = {
            "current_site": BrandedSite(),
            "site_url": settings.OEC_SITE_URL,
            **context,
        }
        super().send_mail(template_prefix, email, context)

    def render_mail(self, template_prefix, email, context, headers=None):
        """allauth's mails in the brand's layout (members.mail), text and HTML, in the active
        language: the request's, since users keep no language preference of their own."""
        language = translation.get_language() or settings.LANGUAGE_CODE
        subject = one_line(render_to_string(f"{template_prefix}_subject.txt", context))
        return branded_message(
            to=[email] if isinstance(email, str) else list(email),
            subject=self.format_email_subject(subject),
            heading=subject,  # the layout names the body already
            text_template=f"{template_prefix}_message.txt",
            context=context,
            language=language,
            action_label=ACCOUNT_MAIL_ACTIONS.get(template_prefix),
            reason=ACCOUNT_MAIL_REASON,
            headers=headers,
            from_email=self.get_from_email(),
        )


class BrandedSite:
    """What allauth's mail templates read as `current_site`: the body's name and address."""

    @property
    def name(self):
        return gettext("Organisation of Educational Cooperation")

    @property
    def domain(self):
        return urlsplit(settings.OEC_SITE_URL).netloc


def signed_in_recently(request):
    """True if this session's user signed in (or reauthenticated) within
    ACCOUNT_REAUTHENTICATION_TIMEOUT; allauth keeps the records in the session."""
    if request is None or not request.user.is_authenticated:
        return False
    records = get_authentication_records(request, request.user)
    if not records:
        return False
    last = max(record.get("at", 0) for record in records)
    return time.time() - last < account_settings.REAUTHENTICATION_TIMEOUT
