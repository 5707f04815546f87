"""Signed links of the bulletin: unsubscribe/preferences, and the subscription confirmation.

A token is a django.core.signing TimestampSigner signature of the address, salted per purpose so
that a confirmation link can never be replayed as an unsubscribe link (or the reverse).
"""

from django.conf import settings
from django.core import signing

from members.models import normalise_email

UNSUBSCRIBE_SALT = "bulletins.unsubscribe"
CONFIRM_SALT = "bulletins.subscribe-confirm"


def _signer(salt):
    return signing.TimestampSigner(salt=salt)


def unsubscribe_token(email):
    return _signer(UNSUBSCRIBE_SALT).sign_object(normalise_email(email))


def email_from_unsubscribe_token(token):
    """The address the token was made for, or None if it is tampered with or expired."""
    max_age = settings.OEC_BULLETIN_UNSUBSCRIBE_MAX_AGE
    return _unsign(token, UNSUBSCRIBE_SALT, max_age)


def confirm_token(email):
    return _signer(CONFIRM_SALT).sign_object(normalise_email(email))


def email_from_confirm_token(token):
    max_age = settings.OEC_BULLETIN_CONFIRM_MAX_AGE
    return _unsign(token, CONFIRM_SALT, max_age)


def _unsign(token, salt, max_age):
    try:
        email = _signer(salt).unsign_object(token, max_age=max_age)
    except (signing.BadSignature, ValueError, TypeError):
        # SignatureExpired is a BadSignature; a mangled payload may fail to decode.
        return None
    return email if isinstance(email, str) and "@" in email else None
