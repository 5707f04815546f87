"""Reads that compose the policy with the models: what a user may see (views, the API, site
search, template tags) and what other floors show (the member dashboard; the monthly bulletin)."""

import unicodedata
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Case, Count, OuterRef, Prefetch, Subquery, Value, When, Window

from members.content_cache import cached_until_content_changes
from members.permissions import audience

from .models import (
    AssemblySession,
    Credentials,
    Deadline,
    Decision,
    Delegation,
    DelegationMember,
    Document,
    DocumentFile,
    DocumentText,
    Language,
    Meeting,
    Vote,
    slug_to_symbol,
)
from .permissions import (
    deadline_visibility_condition,
    decision_visibility_condition,
    document_visibility_condition,
    meeting_visibility_condition,
)

NEW_DOCUMENTS_SHOWN = 10


def documents_visible_to(user):
    """The documents `user` may see (THE document policy), as a queryset to chain."""
    return Document.objects.filter(document_visibility_condition(user))


@dataclass(frozen=True)
class Passage:
    """Words found inside a language file, with the file's language (plain data: cached)."""

    language: str
    language_name: str
    html: str


def with_passages(documents, query, *, language, file_language=None):
    """`documents` (already visible to the viewer: the page of results being shown) as a list,
    each with `passages`: where `query` occurs inside its language files, the viewer's
    `language` first. One query, whatever the number of documents."""
    documents = list(documents)
    for document in documents:
        document.passages = []
    if not documents or not (query or "").strip():
        return documents
    by_id = {document.pk: document for document in documents}
    order = [language] + [code for code in Language.values if code != language]
    found = DocumentText.objects.filter(document_file__document_id__in=by_id).passages(
        query, languages=[file_language] if file_language else None
    )
    for document_id, code, html in sorted(found, key=lambda row: order.index(row[1])):
        by_id[document_id].passages.append(
            Passage(language=code, language_name=str(Language(code).label), html=html)
        )
    return documents


def decisions_visible_to(user):
    """Public decisions for everyone; the others for member users and the secretariat."""
    return Decision.objects.filter(decision_visibility_condition(user))


def decisions_with_votes_visible_to(user):
    """The decisions `user` may see with what their page and their Akoma Ntoso show: session,
    organ, agenda item and the recorded votes with their member states (no query per row)."""
    return (
        decisions_visible_to(user)
        .select_related("session__organ", "agenda_item")
        .prefetch_related(Prefetch("votes", queryset=Vote.objects.select_related("organisation")))
    )


def recorded_votes_visible_to(user):
    """The recorded votes of the decisions `user` may see, decision by decision (newest
    first), each member state in name order; with the decision, its session and the state."""
    return (
        Vote.objects.filter(decision__in=decisions_visible_to(user))
        .select_related("decision__session", "organisation")
        .order_by("-decision__adopted_on", "decision__symbol", "organisation__name", "pk")
    )


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


def upcoming_sessions():
    """Sessions of every organ not yet closed, soonest first, with their organ."""
    return AssemblySession.objects.upcoming().select_related("organ")


def public_documents_entered_between(start, end):
    """Documents an anonymous visitor may read (the document policy decides what is public),
    entered in the register in [start, end), newest publication first."""
    return (
        documents_visible_to(AnonymousUser())
        .filter(created_at__gte=start, created_at__lt=end)
        .order_by("-publication_date", "symbol")
    )


def public_decisions_adopted_between(start, end):
    """Public decisions adopted on a day in [start, end) (dates), newest first."""
    return (
        Decision.objects.public()
        .filter(adopted_on__gte=start, adopted_on__lt=end)
        .order_by("-adopted_on", "symbol")
    )


def documents_published_since(user, since):
    """Documents entered in the register after `since` that `user` may read, newest first.

    Only the documents' own columns: a caller that shows sessions or files adds
    `.with_related()`.
    """
    return documents_visible_to(user).filter(created_at__gt=since).order_by("-created_at", "symbol")


def downloadable_file(user, symbol_slug, language):
    """The file in `language` of the document `symbol_slug`, if `user` may read the document;
    else None. One query, and none while the content has not changed since someone with the
    same access downloaded it."""

    def read():
        return (
            DocumentFile.objects.filter(
                document__in=documents_visible_to(user).filter(symbol=slug_to_symbol(symbol_slug)),
                language=language,
            )
            .select_related("document")
            .first()
        )

    return cached_until_content_changes(
        "downloadable-file", audience(user), symbol_slug, language, compute=read
    )


def session_files_visible_to(user, session, language):
    """The files in `language` of `session`'s documents that `user` may read, by symbol."""
    return (
        DocumentFile.objects.filter(
            document__in=documents_visible_to(user).filter(session=session), language=language
        )
        .select_related("document")
        .order_by("document__symbol")
    )


def sign_in_would_show_document(user, symbol_slug, language=None) -> bool:
    """True when `user` is signed out and the document `symbol_slug` (with a file in
    `language`, if given) is open to members: signing in may show it, so the visitor is asked
    to. A restricted document stays "not found" for everyone who may not see it, signed in or
    not, exactly like a document that does not exist (SECURITY.md C3)."""
    if user.is_authenticated:
        return False
    documents = Document.objects.filter(
        symbol=slug_to_symbol(symbol_slug), access=Document.Access.MEMBERS
    )
    if language is not None:
        documents = documents.filter(files__language=language)
    return documents.exists()


def _next_session_with_delegation(organisation):
    """The next session and `organisation`'s delegation to it, in one query."""
    sessions = AssemblySession.objects.general_assembly().upcoming().select_related("organ")
    if organisation is None:
        return sessions.first(), None
    own = Delegation.objects.filter(session=OuterRef("pk"), organisation=organisation)
    session = sessions.annotate(
        delegation_pk=Subquery(own.values("pk")[:1]),
        delegation_status=Subquery(own.values("status")[:1]),
        delegation_return_reason=Subquery(own.values("return_reason")[:1]),
    ).first()
    if session is None or session.delegation_pk is None:
        return session, None
    # A row loaded with only these columns (the others are deferred, as with .only()).
    delegation = Delegation.from_db(
        session._state.db,
        ["id", "session_id", "organisation_id", "status", "return_reason"],
        [
            session.delegation_pk,
            session.pk,
            organisation.pk,
            session.delegation_status,
            session.delegation_return_reason,
        ],
    )
    delegation.session, delegation.organisation = session, organisation
    return session, delegation


def dashboard_summary(*, user, organisation, since) -> DashboardSummary:
    """What a member's dashboard shows about governance, in a fixed number of queries (2, and
    none while the content has not changed since another visit with the same access)."""

    def read():
        session, delegation = _next_session_with_delegation(organisation)
        # The total comes with the first rows (a window count): no separate COUNT query.
        shown = list(
            documents_published_since(user, since).annotate(total=Window(Count("pk")))[
                :NEW_DOCUMENTS_SHOWN
            ]
        )
        return session, delegation, shown

    session, delegation, shown = cached_until_content_changes(
        "dashboard-governance",
        organisation.pk if organisation else None,
        audience(user),
        since.isoformat(),
        compute=read,
    )
    may_register = bool(
        session
        and organisation is not None
        and organisation.is_member
        and user.has_perm("governance.register_delegation", organisation)
        and (delegation is not None or session.registration_is_open)
    )
    return DashboardSummary(
        next_session=session,
        delegation=delegation,
        may_register_delegation=may_register,
        new_documents=shown,
        new_documents_count=shown[0].total if shown else 0,
    )


def delegations_awaiting_accreditation_count():
    """Delegations submitted to sessions not yet closed, waiting for conference services."""
    return Delegation.objects.filter(
        status=Delegation.Status.SUBMITTED, session__in=AssemblySession.objects.upcoming()
    ).count()


# --- A session's lists: participants and credentials ------------------------------------------


def _alphabetical_key(text):
    """Alphabetical order of a name in any of our scripts: accents and case do not count."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def in_session_order(delegations, session):
    """The delegations in the alphabetical order of their names in the session's working
    language (English names where one is missing), as a list of participants is printed."""
    key = _session_sort_key(session)
    return sorted(delegations, key=lambda delegation: key(delegation.organisation))


def organisations_in_session_order(organisations, session):
    """Member organisations in the order of `in_session_order` (the roll call's)."""
    return sorted(organisations, key=_session_sort_key(session))


def _session_sort_key(session):
    language = session.language

    def key(organisation):
        name = getattr(organisation, f"name_{language}", "") or organisation.name_en or ""
        return _alphabetical_key(name)

    return key


def participants_of(session):
    """The accredited delegations of the session with their people, head first: the list of
    participants (provisional until the secretariat publishes it). A delegation only submitted
    is its own organisation's and the secretariat's business until it is accredited."""
    people = people_in_list_order(DelegationMember.objects.select_related("user"))
    delegations = (
        session.delegations.accredited()
        .select_related("organisation")
        .prefetch_related(Prefetch("members", queryset=people))
    )
    return in_session_order(delegations, session)


_FUNCTION_ORDER = Case(
    *(
        When(function=function, then=Value(rank))
        for rank, function in enumerate(DelegationMember.Function.values)
    ),
    default=Value(len(DelegationMember.Function.values)),
)


def people_in_list_order(people):
    """A delegation's people as a list of participants prints them: the head, then by function."""
    return people.order_by("-is_head", _FUNCTION_ORDER, "pk")


@dataclass
class CredentialsReport:
    """The credentials committee's report: the delegations by what the secretariat received."""

    in_due_form: list
    provisional: list  # a copy or provisional information
    without: list

    @property
    def total(self):
        return len(self.in_due_form) + len(self.provisional) + len(self.without)


def credentials_report(session):
    """Every delegation registered for the session (submitted or accredited), by credentials."""
    delegations = in_session_order(
        session.delegations.filter(
            status__in=[Delegation.Status.SUBMITTED, Delegation.Status.ACCREDITED]
        ).select_related("organisation"),
        session,
    )
    report = CredentialsReport(in_due_form=[], provisional=[], without=[])
    for delegation in delegations:
        if delegation.credentials_received == Credentials.ORIGINAL:
            report.in_due_form.append(delegation)
        elif delegation.credentials_received in (Credentials.COPY, Credentials.PROVISIONAL):
            report.provisional.append(delegation)
        else:
            report.without.append(delegation)
    return report


# --- Calendars ---------------------------------------------------------------------------------


def meetings_visible_to(user):
    """The meetings `user` may see (closed ones for members and the secretariat only)."""
    return Meeting.objects.filter(meeting_visibility_condition(user))


def session_meetings(user, session):
    """The meetings of `session` that `user` may see, in order, as a list whose rows know their
    session (a meeting's times need its zone): one query."""
    meetings = list(meetings_visible_to(user).filter(session=session))
    for meeting in meetings:
        meeting.session = session
    return meetings


def deadlines_kept_by(user):
    """The deadlines of `user`'s member organisations (all of them for the secretariat)."""
    return Deadline.objects.filter(deadline_visibility_condition(user))


def calendar_sessions(user, *, with_deadlines=False):
    """General Assembly sessions, first one first, each with `calendar_meetings` (those `user`
    may see) and, `with_deadlines`, `calendar_deadlines` (those `user` keeps): three queries
    at most, whatever the number of sessions."""
    prefetches = [
        Prefetch(
            "meetings",
            queryset=meetings_visible_to(user).order_by("date", "start_time", "pk"),
            to_attr="calendar_meetings",
        )
    ]
    if with_deadlines:
        prefetches.append(
            Prefetch(
                "deadlines",
                queryset=deadlines_kept_by(user).order_by("due_at", "pk"),
                to_attr="calendar_deadlines",
            )
        )
    return (
        AssemblySession.objects.general_assembly()
        .select_related("organ")
        .order_by("start_date", "number")
        .prefetch_related(*prefetches)
    )
