"""Reads that other floors compose (the member dashboard; partnerships' monthly bulletin)."""

from dataclasses import dataclass

from .models import AssemblySession, Delegation, Document

NEW_DOCUMENTS_SHOWN = 10


@dataclass
class DashboardSummary:
    next_session: AssemblySession | None
    delegation: Delegation | None
    may_register_delegation: bool
    new_documents: list
    new_documents_count: int


def next_session():
    """The next General Assembly session that is not closed, or None."""
    return AssemblySession.objects.general_assembly().upcoming().select_related("organ").first()


def documents_published_since(user, since):
    """Documents entered in the register after `since` that `user` may read, newest first."""
    return (
        Document.objects.visible_to(user)
        .filter(created_at__gt=since)
        .with_related()
        .order_by("-created_at", "symbol")
    )


def dashboard_summary(*, user, organisation, since) -> DashboardSummary:
    """What a member's dashboard shows about governance, in a fixed number of queries."""
    session = next_session()
    delegation = None
    if session and organisation is not None:
        delegation = Delegation.objects.filter(session=session, organisation=organisation).first()
    may_register = bool(
        session
        and organisation is not None
        and organisation.is_member
        and user.has_perm("governance.register_delegation", organisation)
        and (delegation is not None or session.registration_is_open)
    )
    documents = documents_published_since(user, since)
    shown = list(documents[:NEW_DOCUMENTS_SHOWN])
    count = len(shown) if len(shown) < NEW_DOCUMENTS_SHOWN else documents.count()
    return DashboardSummary(
        next_session=session,
        delegation=delegation,
        may_register_delegation=may_register,
        new_documents=shown,
        new_documents_count=count,
    )
