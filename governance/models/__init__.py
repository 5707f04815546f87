"""The governing organs of the body: sessions, agenda, documents, decisions, delegations.

Every model is importable from here (`from governance.models import Document`), as migrations
and the other apps expect; each lives in the module named after what it holds.
"""

from .attendance import Attendance
from .calendar_feeds import CalendarFeed
from .decisions import Decision, DecisionQuerySet, Vote
from .delegations import Credentials, Delegation, DelegationMember, DelegationQuerySet
from .documents import Document, DocumentFile, DocumentQuerySet, Language
from .downloads import DocumentDownload
from .follows import Follow, FollowQuerySet
from .meetings import Deadline, Meeting
from .office_holders import OfficeHolder
from .sessions import (
    GENERAL_ASSEMBLY_CODE,
    AgendaItem,
    AssemblySession,
    AssemblySessionQuerySet,
    Organ,
    validate_agenda_item_of_session,
    validate_time_zone,
)
from .symbols import SYMBOL_PATTERN, SYMBOL_RE, slug_to_symbol, symbol_to_slug, symbol_validator
from .texts import DocumentText, DocumentTextQuerySet, TextStatus

__all__ = [
    "GENERAL_ASSEMBLY_CODE",
    "SYMBOL_PATTERN",
    "SYMBOL_RE",
    "TextStatus",
    "AgendaItem",
    "Attendance",
    "AssemblySession",
    "AssemblySessionQuerySet",
    "Credentials",
    "CalendarFeed",
    "Deadline",
    "Decision",
    "DecisionQuerySet",
    "Delegation",
    "DelegationMember",
    "DelegationQuerySet",
    "Document",
    "DocumentDownload",
    "DocumentFile",
    "DocumentQuerySet",
    "DocumentText",
    "DocumentTextQuerySet",
    "Follow",
    "FollowQuerySet",
    "Language",
    "Meeting",
    "OfficeHolder",
    "Organ",
    "Vote",
    "slug_to_symbol",
    "symbol_to_slug",
    "symbol_validator",
    "validate_agenda_item_of_session",
    "validate_time_zone",
]
