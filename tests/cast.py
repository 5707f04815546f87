"""The cast of the suite: the secretariat, two member states A and B, a partner NGO, and a user
per role of SECURITY.md's authorization matrix.

Plain functions, so that fixtures of every scope make the very same people: tests/conftest.py's
per-test fixtures and the trust tests' world, built once per module (tests/trust/conftest.py).
"""

import time

from members.models import Organisation, Role
from tests.factories import HostFactory, OrganisationFactory, user_with_role


def host():
    return HostFactory()


def member_a():
    return OrganisationFactory(name="Member A", slug="member-a", country="DJ")


def member_b():
    return OrganisationFactory(name="Member B", slug="member-b", country="EC")


def partner():
    return OrganisationFactory(
        name="Partner NGO", slug="partner-ngo", kind=Organisation.Kind.PARTNER_NGO
    )


def delegate_a(member_a):
    return user_with_role(member_a, Role.DELEGATE, email="delegate@member-a.example")


def focal_a(member_a):
    return user_with_role(member_a, Role.FOCAL_POINT, email="focal@member-a.example")


def editor_a(member_a):
    return user_with_role(member_a, Role.EDITOR, email="editor@member-a.example")


def delegate_b(member_b):
    return user_with_role(member_b, Role.DELEGATE, email="delegate@member-b.example")


def focal_b(member_b):
    return user_with_role(member_b, Role.FOCAL_POINT, email="focal@member-b.example")


def partner_contact(partner):
    return user_with_role(partner, Role.PARTNER_CONTACT, email="contact@partner.example")


def secretariat_editor(host):
    return user_with_role(host, Role.COMMUNICATIONS, email="editor@oec.example")


def secretariat_admin(host):
    return user_with_role(host, Role.ADMINISTRATOR, email="admin@oec.example")


def give_totp(user):
    """Give `user` a TOTP authenticator (as after allauth's set-up flow); returns its secret."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def totp_code(secret, *, seconds_needed=10):
    """The code a person types from their authenticator app now. Each code lives for its
    30-second step only (allauth allows no other step), so one read late in its step can reach
    the server in the next and be refused: like a person seeing the countdown nearly out, wait
    for the next code when fewer than `seconds_needed` are left."""
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    left = 30 - time.time() % 30
    if left < seconds_needed:
        time.sleep(left)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))
