"""The dashboard's tiles: one per task the person may act on, with its count and one action.

Each tile asks the one permission policy (`user.has_perm`) whether the person may act, and
its app's selectors for the count: at most one query per tile (or none, for those that read
the governance summary the dashboard has already), whatever the data size.
"""

from dataclasses import dataclass, field

import rules
from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from bulletins.tokens import unsubscribe_token
from governance.models import Delegation
from governance.selectors import delegations_awaiting_accreditation_count
from members.models import TranslationAssignment
from members.selectors import organisation_workload
from news.selectors import article_counts
from pages.selectors import page_counts
from partnerships.selectors import (
    activities_awaiting_review_count,
    applications_awaiting_decision_count,
    partner_workspace,
)


@dataclass(frozen=True)
class Badge:
    """A status shown with the site's status badges (`.status .status-<kind>`)."""

    label: str
    kind: str


@dataclass
class Tile:
    """One task: what it is, how much waits (a count or a status), and its one action."""

    name: str  # a stable identifier, for the page's ids and the tests
    title: str
    action_label: str
    action_url: str
    count: int | None = None
    count_label: str = ""
    badge: Badge | None = None
    facts: list[str] = field(default_factory=list)
    note: str = ""  # a message to act on, such as the secretariat's reason for returning
    primary: bool = False  # the main action of the whole page
    # What waits, by to-do item name (oec_portal/todo.py reads them instead of counting again).
    counts: dict[str, int] = field(default_factory=dict)


def _date(value):
    return formats.date_format(value, "DATE_FORMAT")


def _moment(value):
    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")


def delegation_tile(governance):
    """The focal point's delegation to the next session: register it, finish it, correct it."""
    session, delegation = governance.next_session, governance.delegation
    url = reverse("governance:delegation", args=[session.number])
    facts = [str(session)]
    if session.registration_deadline and session.registration_is_open:
        facts.append(
            _("Registration closes on %(deadline)s.")
            % {"deadline": _moment(session.registration_deadline)}
        )
    tile = Tile(
        name="delegation",
        title=_("Your delegation"),
        action_label=_("See your delegation"),
        action_url=url,
        facts=facts,
    )
    if delegation is None:
        tile.badge = Badge(_("Not registered"), "pending")
        tile.action_label, tile.primary = _("Register your delegation"), True
        return tile
    tile.badge = Badge(delegation.get_status_display(), delegation.status)
    if delegation.status == Delegation.Status.RETURNED:
        tile.note = delegation.return_reason
    if not session.registration_is_open:
        return tile
    if delegation.status == Delegation.Status.RETURNED:
        tile.action_label, tile.primary = _("Correct and resubmit"), True
    elif delegation.status == Delegation.Status.DRAFT:
        tile.action_label, tile.primary = _("Complete and submit"), True
    return tile


def session_tile(governance, *, with_delegation):
    session = governance.next_session
    if session is None:
        return Tile(
            name="session",
            title=_("Next session"),
            action_label=_("See the sessions"),
            action_url=reverse("governance:session_list"),
            facts=[_("No session is planned at the moment.")],
        )
    tile = Tile(
        name="session",
        title=_("Next session"),
        action_label=_("About the session"),
        action_url=session.get_absolute_url(),
        facts=[
            str(session),
            f"{session.venue}, {_date(session.start_date)} – {_date(session.end_date)}",
        ],
    )
    if with_delegation:
        delegation = governance.delegation
        tile.badge = (
            Badge(delegation.get_status_display(), delegation.status)
            if delegation
            else Badge(_("Delegation not registered yet"), "pending")
        )
        if delegation and delegation.status == Delegation.Status.RETURNED:
            tile.note = delegation.return_reason
    return tile


def documents_tile(governance):
    return Tile(
        name="documents",
        title=_("Documents"),
        count=governance.new_documents_count,
        count_label=_("new since your last visit"),
        action_label=_("Open the document register"),
        action_url=reverse("governance:document_list"),
    )


def decisions_tile():
    return Tile(
        name="decisions",
        title=_("Decisions"),
        facts=[_("What the General Assembly decided, with its votes.")],
        action_label=_("Read the decisions"),
        action_url=reverse("governance:decision_list"),
    )


def _member_tiles(user, organisation):
    """Join requests, people and the microsite's overview: one query for the three."""
    may = {
        perm: user.has_perm(perm, organisation)
        for perm in (
            "members.answer_join_requests",
            "members.manage_people",
            "members.edit_microsite",
        )
    }
    show_microsite = may["members.edit_microsite"] and not organisation.is_host
    if not (may["members.answer_join_requests"] or may["members.manage_people"] or show_microsite):
        return []
    workload = organisation_workload(organisation)
    tiles = []
    if may["members.answer_join_requests"]:
        tiles.append(
            Tile(
                name="join-requests",
                title=_("Join requests"),
                count=workload["join_requests_waiting"],
                count_label=_("waiting for an answer"),
                action_label=_("Answer join requests"),
                action_url=reverse("members:join_requests"),
                counts={"join-requests": workload["join_requests_waiting"]},
            )
        )
    if may["members.manage_people"]:
        tiles.append(
            Tile(
                name="people",
                title=_("People and invitations"),
                count=workload["people"],
                count_label=_("people act for your organisation"),
                facts=[
                    _("Invitations not yet accepted: %(count)s")
                    % {"count": workload["invitations_pending"]}
                ],
                action_label=_("Invite people"),
                action_url=reverse("members:people"),
            )
        )
    if show_microsite:
        tiles.append(
            Tile(
                name="microsite",
                title=_("Microsite overview and team"),
                count=workload["team"],
                count_label=_("people in the team"),
                action_label=_("Edit the overview"),
                action_url=reverse("members:microsite_edit"),
            )
        )
    return tiles


def _pages_tile(user, organisation):
    counts = page_counts(user, organisation)
    return Tile(
        name="pages",
        title=_("Pages"),
        count=counts["pages"],
        count_label=_("pages"),
        facts=[_("Drafts: %(count)s") % {"count": counts["drafts"]}],
        action_label=_("Edit pages"),
        action_url=reverse("pages:dashboard_list"),
    )


def _news_tile(user, organisation):
    counts = article_counts(user, organisation)
    return Tile(
        name="news",
        title=_("News"),
        count=counts["drafts"],
        count_label=_("drafts"),
        facts=[
            _("In review: %(count)s") % {"count": counts["in_review"]},
            _("Published: %(count)s") % {"count": counts["published"]},
        ],
        action_label=_("Write and publish news"),
        action_url=reverse("news:dashboard_list"),
        counts={"articles-to-review": counts["in_review"]},
    )


def _partner_tiles(user, organisation):
    """The partner's profile, activities and bulletin: one query for the three."""
    workspace = partner_workspace(user, organisation)
    if workspace is None:
        return []
    profile = Tile(
        name="partner-profile",
        title=_("Partner profile"),
        badge=Badge(workspace.get_status_display(), "approved" if workspace.is_public else ""),
        facts=[
            _("Public in the partner database.")
            if workspace.is_public
            else _("Not public in the partner database.")
        ],
        action_label=_("Edit the profile"),
        action_url=reverse("partnerships:profile_edit"),
    )
    activities = Tile(
        name="activities",
        title=_("Activities and publications"),
        count=workspace.activities_approved,
        count_label=_("approved"),
        facts=[
            _("Waiting for approval: %(count)s") % {"count": workspace.activities_submitted},
            _("Drafts: %(count)s") % {"count": workspace.activities_draft},
        ],
        action_label=_("Report an activity"),
        action_url=reverse("partnerships:activity_create"),
        counts={"returned-activities": workspace.activities_returned},
    )
    if workspace.activities_returned:
        activities.badge = Badge(
            _("Returned to you: %(count)s") % {"count": workspace.activities_returned},
            "returned",
        )
        activities.action_label = _("Correct the returned activities")
        activities.action_url = reverse("partnerships:activity_list")
    return [profile, activities, _bulletin_tile(workspace)]


def _bulletin_tile(workspace):
    tile = Tile(
        name="bulletin",
        title=_("Monthly bulletin"),
        action_label=_("Read the bulletins"),
        action_url=reverse("bulletins:archive"),
    )
    if workspace.contact_email and workspace.receives_bulletin:
        language = dict(settings.LANGUAGES).get(workspace.bulletin_language, "")
        tile.facts = [_("You receive it in %(language)s.") % {"language": language}]
        tile.action_label = _("Choose its language")
        tile.action_url = reverse(
            "bulletins:preferences", args=[unsubscribe_token(workspace.contact_email)]
        )
    else:
        tile.facts = [_("You do not receive it.")]
    return tile


def _secretariat_tiles(user):
    # The policy's own rules (rules.has_perm): user.has_perm without an object would also ask
    # Django's model backend, which reads the user's group permissions (two queries) for every
    # member who is not in the secretariat.
    tiles = []
    if rules.has_perm("members.access_back_office", user):
        tiles.append(
            Tile(
                name="back-office",
                title=_("Back office"),
                facts=[_("Sessions, documents, partnerships, bulletins and people.")],
                action_label=_("Open the back office"),
                action_url=reverse("admin:index"),
            )
        )
    if rules.has_perm("governance.manage_conference", user):
        awaiting = delegations_awaiting_accreditation_count()
        tiles.append(
            Tile(
                name="accreditation",
                title=_("Delegations"),
                count=awaiting,
                counts={"delegations-to-accredit": awaiting},
                count_label=_("submitted, waiting for accreditation"),
                action_label=_("Accredit delegations"),
                action_url=reverse("admin:governance_delegation_changelist")
                + "?status__exact=submitted",
            )
        )
    if rules.has_perm("partnerships.review", user):
        activities = activities_awaiting_review_count()
        applications = applications_awaiting_decision_count()
        tiles.append(
            Tile(
                name="partnership-review",
                title=_("Partner activities to review"),
                count=activities,
                counts={
                    "activities-to-approve": activities,
                    "applications-to-decide": applications,
                },
                count_label=_("waiting for approval"),
                facts=[
                    _("Partnership applications to decide on: %(count)s") % {"count": applications}
                ],
                action_label=_("Review activities"),
                action_url=reverse("admin:partnerships_cooperationactivity_changelist")
                + "?status__exact=submitted",
            )
        )
    return tiles


def _translation_tile(user):
    """The communications staff's overview, or a translator's assignments (one query)."""
    if rules.has_perm("members.manage_translations", user):
        open_count = TranslationAssignment.objects.open().count()
        return Tile(
            name="translations",
            title=_("Translations"),
            facts=[
                _("Which texts lack French, Spanish or Arabic, or are outdated."),
                _("Assignments not done yet: %(count)s") % {"count": open_count},
            ],
            action_label=_("Open the translation overview"),
            action_url=reverse("translations:overview"),
        )
    if rules.has_perm("members.use_translation_workspace", user):
        to_do = TranslationAssignment.objects.open().filter(translator=user).count()
        return Tile(
            name="translations",
            title=_("Translations assigned to you"),
            count=to_do,
            count_label=_("to do"),
            action_label=_("See your assignments"),
            action_url=reverse("translations:mine"),
            primary=bool(to_do),
        )
    return None


def dashboard_tiles(*, user, organisation, governance):
    """The tiles of `user`'s dashboard when acting for `organisation` (or None): the delegation
    to register first, then the organisation's work, then what there is to read, then the
    secretariat's; `governance` is the dashboard's governance summary (governance.selectors)."""
    tiles = []
    if governance.may_register_delegation:
        tiles.append(delegation_tile(governance))
    if organisation is not None:
        # has_perm is always true for a superuser, but only a partner NGO has a profile.
        if organisation.is_partner and user.has_perm("partnerships.edit_profile", organisation):
            tiles += _partner_tiles(user, organisation)
        tiles += _member_tiles(user, organisation)
        if user.has_perm("pages.edit_page", organisation):
            tiles.append(_pages_tile(user, organisation))
        if user.has_perm("news.write_for_organisation", organisation):
            tiles.append(_news_tile(user, organisation))
    tiles.append(documents_tile(governance))
    is_member = bool(organisation and organisation.is_member)
    if is_member:
        tiles.append(decisions_tile())
    with_delegation = is_member and not governance.may_register_delegation
    tiles.append(session_tile(governance, with_delegation=with_delegation))
    tiles += _secretariat_tiles(user)
    translation_tile = _translation_tile(user)
    return [*tiles, translation_tile] if translation_tile else tiles
