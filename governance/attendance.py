"""Attendance at a session's meetings (issue 18): check-in with the badge, roll call, quorum.

Conference services check people in by scanning or typing the code of their badge
(governance/badges.py); a member organisation is present at a meeting when at least one person
of its accredited delegation checked in (`Meeting.members_present`). The roll call counts the
members entitled to vote that are present against the quorum of the rules of procedure, and a
decision adopted by vote at a meeting takes recorded votes only from the members present
(`Vote.clean`). The pages are attendance_views.py's.
"""

import logging
from dataclasses import dataclass
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import Organisation

from .badges import badge_person_id
from .models import Attendance, Delegation, DelegationMember, Meeting, Vote
from .selectors import organisations_in_session_order

logger = logging.getLogger("oec.governance")

# The quorum, in one place. Rules of procedure of the General Assembly (quorum): "A majority
# of the members entitled to vote constitutes a quorum", i.e. more than this share of them.
# Change it here, and only here, if the Assembly amends the rule.
QUORUM_MORE_THAN = Fraction(1, 2)

RECENT_CHECK_INS = 15  # rows of the check-in page's "recent check-ins" list


def quorum(entitled: int) -> int:
    """The fewest members present that make a quorum among `entitled` members entitled to vote:
    the smallest number above QUORUM_MORE_THAN of them (3 of 4, 3 of 5, 1 of 1)."""
    return int(entitled * QUORUM_MORE_THAN) + 1


def members_entitled_to_vote():
    """The charter gives the vote to founding states (`Vote.clean`); a suspended one does not
    sit in the Assembly."""
    return Organisation.objects.filter(
        kind=Organisation.Kind.FOUNDING_STATE, status=Organisation.Status.ACTIVE
    )


# --- Check-in ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckIn:
    attendance: Attendance
    created: bool  # False: the person was already checked in (a second scan counts once)

    @property
    def person(self):
        return self.attendance.delegation_member

    @property
    def delegation(self):
        return self.person.delegation


def check_in(*, meeting: Meeting, token: str, by) -> CheckIn:
    """Check in at `meeting` the holder of the badge whose code is `token`; again gives the first
    check-in back. A code that is no badge, a person whose delegation is not accredited, or one
    of another session's delegation: a ValidationError, and nothing is written."""
    person_id = badge_person_id(token)
    if person_id is None:
        raise ValidationError(
            _("This code is not a badge of the Organisation: check it and type it again."),
            code="forged",
        )
    person = (
        DelegationMember.objects.select_related(
            "user", "delegation__organisation", "delegation__session__organ"
        )
        .filter(pk=person_id)
        .first()
    )
    if person is None or person.delegation.status != Delegation.Status.ACCREDITED:
        raise ValidationError(
            _("This badge is not valid: its holder is no longer on an accredited delegation."),
            code="not_accredited",
        )
    if person.delegation.session_id != meeting.session_id:
        raise ValidationError(
            _("This badge is for another session: %(session)s.")
            % {"session": person.delegation.session},
            code="other_session",
        )
    # get_or_create rereads the row when another phone checked the same badge in meanwhile.
    attendance, created = Attendance.objects.get_or_create(
        meeting=meeting,
        delegation_member=person,
        defaults={"checked_in_at": timezone.now(), "checked_in_by": by},
    )
    attendance.delegation_member = person  # with its delegation, organisation and user
    return CheckIn(attendance=attendance, created=created)


@transaction.atomic
def check_in_undo(*, attendance: Attendance, by) -> None:
    """Take back a mistaken check-in, unless the member would then be absent from a meeting
    where its recorded vote stands (the vote needs the member present: `Vote.clean`)."""
    delegation = attendance.delegation_member.delegation
    others = (
        Attendance.objects.filter(
            meeting_id=attendance.meeting_id, delegation_member__delegation=delegation
        )
        .exclude(pk=attendance.pk)
        .exists()
    )
    voted = Vote.objects.filter(
        decision__meeting_id=attendance.meeting_id, organisation_id=delegation.organisation_id
    ).exists()
    if voted and not others:
        raise ValidationError(
            _(
                "%(organisation)s voted at this meeting: its presence cannot be taken back. "
                "Correct the recorded votes first."
            )
            % {"organisation": delegation.organisation},
            code="voted",
        )
    logger.info(
        "check-in %s (meeting %s, person %s) undone by user %s",
        attendance.pk,
        attendance.meeting_id,
        attendance.delegation_member_id,
        getattr(by, "pk", None),
    )
    attendance.delete()


# --- Reads -------------------------------------------------------------------------------------


def current_meeting(meetings, *, now=None):
    """Of a session's `meetings` (in order), the one on now or the next one today in the
    session's time zone; else the next one to come; else the last one; None without meetings."""
    if not meetings:
        return None
    now = now or timezone.now()
    local = now.astimezone(meetings[0].session.zone)
    today = [meeting for meeting in meetings if meeting.date == local.date()]
    for meeting in today:
        if meeting.end_time > local.time():
            return meeting
    ahead = [meeting for meeting in meetings if meeting.date > local.date()]
    return ahead[0] if ahead else meetings[-1]


def recent_check_ins(meeting, limit=RECENT_CHECK_INS):
    """The last check-ins at `meeting`, latest first, with who and which delegation: one query."""
    return list(
        meeting.attendances.select_related(
            "delegation_member__user", "delegation_member__delegation__organisation"
        ).order_by("-checked_in_at", "-pk")[:limit]
    )


def check_in_count(meeting):
    return meeting.attendances.count()


@dataclass(frozen=True)
class RollCallRow:
    organisation: Organisation
    people: int  # persons of its delegation checked in

    @property
    def present(self):
        return self.people > 0


@dataclass(frozen=True)
class RollCall:
    meeting: Meeting
    rows: list  # RollCallRow, every member entitled to vote, in the session's order

    @property
    def present(self):
        return [row for row in self.rows if row.present]

    @property
    def absent(self):
        return [row for row in self.rows if not row.present]

    @property
    def entitled(self):
        return len(self.rows)

    @property
    def quorum(self):
        return quorum(self.entitled)

    @property
    def has_quorum(self):
        return len(self.present) >= self.quorum


def roll_call(meeting) -> RollCall:
    """The members entitled to vote, each present or absent at `meeting`, with how many of its
    people checked in: one query, whatever the number of members and check-ins."""
    checked_in = Q(
        delegations__session_id=meeting.session_id,
        delegations__status=Delegation.Status.ACCREDITED,
        delegations__members__attendances__meeting=meeting,
    )
    organisations = members_entitled_to_vote().annotate(
        people=Count("delegations__members__attendances", filter=checked_in)
    )
    rows = [
        RollCallRow(organisation=organisation, people=organisation.people)
        for organisation in organisations_in_session_order(organisations, meeting.session)
    ]
    return RollCall(meeting=meeting, rows=rows)
