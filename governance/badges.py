"""Badges of a session's accredited participants: their codes, and the people they name.

A badge carries a code, printed under its QR code and encoded in it, that names no one: the
delegation member's id and a signature of it (HMAC with the SECRET_KEY and the badges' own
salt), short enough to type when a scanner fails. Only the server can make one, and
`badge_holder()` turns a code back into its holder while the holder's delegation is accredited;
a forged, altered or otherwise signed code gives nobody. The PDF is the page of `badge_views`.
"""

import base64
from dataclasses import dataclass
from itertools import groupby

from django.core import signing
from django.db.models import Prefetch
from django.utils.crypto import salted_hmac
from django.utils.safestring import mark_safe

from .models import Delegation, DelegationMember
from .selectors import in_session_order, people_in_list_order

BADGE_SALT = "governance.badges"
SIGNATURE_LENGTH = 12  # base32 characters: 60 bits
BADGES_PER_SHEET = 8  # 2 × 4 badges of 90 × 65 mm on an A4 sheet


class BadgeSigner(signing.Signer):
    """Django's Signer with a short signature in base32 (capital letters and the digits 2 to
    7), so that a code can be read out and typed."""

    def __init__(self, **kwargs):
        super().__init__(sep=".", salt=BADGE_SALT, **kwargs)

    def signature(self, value, key=None):
        digest = salted_hmac(
            self.salt + "signer", value, key or self.key, algorithm=self.algorithm
        ).digest()
        return base64.b32encode(digest).decode()[:SIGNATURE_LENGTH]


def badge_token(member) -> str:
    """The code on `member`'s badge: "<id>.<signature>", no personal detail."""
    return BadgeSigner().sign(str(member.pk))


def normalise_token(token) -> str:
    """A code as typed: spaces dropped, letters in capitals."""
    return "".join(str(token or "").split()).upper()


def badge_person_id(token):
    """The delegation member's id that `token` was signed for, or None for a code not signed
    here with the badges' salt (forged, altered, typed wrong). Reads nothing."""
    try:
        value = BadgeSigner().unsign(normalise_token(token))
    except signing.BadSignature:
        return None
    return int(value) if value.isdigit() else None


def badge_holder(token):
    """The delegation member whose badge carries `token`, or None.

    None for a code that was not signed here with the badges' salt (forged, altered, typed
    wrong), and for a person no longer on an accredited delegation. Reads one row (with the
    delegation, its session and organisation, and the user)."""
    person_id = badge_person_id(token)
    if person_id is None:
        return None
    return (
        DelegationMember.objects.select_related(
            "user", "delegation__session__organ", "delegation__organisation"
        )
        .filter(pk=person_id, delegation__status=Delegation.Status.ACCREDITED)
        .first()
    )


def badge_qr_code(token):
    """The QR code of a badge's code (segno), error correction M."""
    import segno  # here, not above: only the badges PDF needs it, not every web worker

    return segno.make(token, error="m", micro=False)


def badge_qr_svg(token):
    """The QR code as inline SVG, sized by the stylesheet (no width or height of its own)."""
    svg = badge_qr_code(token).svg_inline(
        scale=1, border=2, omitsize=True, svgclass="badge-qr-code", lineclass=None
    )
    return mark_safe(svg)  # noqa: S308 (segno writes only the modules, no user text)


@dataclass(frozen=True)
class Badge:
    person: DelegationMember
    delegation: Delegation
    token: str

    @property
    def category(self):
        """The colour of the badge: the kind of the member organisation."""
        return self.delegation.organisation.kind

    @property
    def category_label(self):
        return self.delegation.organisation.get_kind_display()

    @property
    def qr_svg(self):
        return badge_qr_svg(self.token)


def accredited_for_badges(delegations):
    """The accredited delegations among `delegations` (a queryset), with their session, their
    organisation and their people in the order of the list of participants: two queries."""
    people = people_in_list_order(DelegationMember.objects.select_related("user"))
    return list(
        delegations.filter(status=Delegation.Status.ACCREDITED)
        .select_related("session__organ", "organisation")
        .prefetch_related(Prefetch("members", queryset=people))
        .order_by("session__organ", "session__number", "pk")
    )


def badges_of(delegations):
    """The badges of the people of `delegations` (accredited, as `accredited_for_badges` gives
    them): session by session, each in its alphabetical order, head of delegation first."""
    badges = []
    for _session, group in groupby(delegations, key=lambda delegation: delegation.session_id):
        group = list(group)
        for delegation in in_session_order(group, group[0].session):
            badges.extend(
                Badge(person=person, delegation=delegation, token=badge_token(person))
                for person in delegation.members.all()
            )
    return badges


def sheets(badges, per_sheet=BADGES_PER_SHEET):
    """The badges by A4 sheet."""
    return [badges[start : start + per_sheet] for start in range(0, len(badges), per_sheet)]


def badges_pdf(delegations, *, request=None) -> bytes:
    """The A4 sheets of badges of the accredited delegations among `delegations`."""
    # Imported here: the PDF machinery (WeasyPrint) loads only when a PDF is drawn.
    from members.printing import render_pdf

    badges = badges_of(accredited_for_badges(delegations))
    return render_pdf(
        template="governance/print/badges.html",
        context={"sheets": sheets(badges), "badges": badges},
        request=request,
    )
