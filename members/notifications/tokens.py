"""The signed one-click link in every notification mail: stop such e-mails (RFC 8058).

The token signs the user's id and address: it stops working when the address changes, and a
bulletin's unsubscribe token (another salt) can never be replayed here.
"""

from django.conf import settings
from django.core import signing

from members.models import User

STOP_MAIL_SALT = "members.notifications.stop-mail"


def stop_mail_token(user):
    return signing.TimestampSigner(salt=STOP_MAIL_SALT).sign_object(
        {"user": user.pk, "email": user.email.lower()}
    )


def user_from_stop_mail_token(token):
    """The active user the token was made for, or None (tampered, expired, address changed)."""
    try:
        payload = signing.TimestampSigner(salt=STOP_MAIL_SALT).unsign_object(
            token, max_age=settings.OEC_NOTIFICATION_STOP_MAIL_MAX_AGE
        )
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(payload, dict):
        return None
    return User.objects.filter(
        pk=payload.get("user"), email__iexact=payload.get("email") or "", is_active=True
    ).first()
