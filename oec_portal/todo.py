"""The dashboard's to-do list: the work waiting for the person's role, counted from the state
of the rows (not from notifications), so an item goes away when the work is done, not when a
notification is read.

Each item asks the one permission policy whether the person acts on it, and its app's selector
for the count: at most one query per item whatever the data size, none when the dashboard's
tiles counted it already (Tile.counts); the delegation to register reads the governance summary
the dashboard has already. Items with nothing waiting are left out.
"""

from dataclasses import dataclass

import rules
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bulletins.selectors import bulletins_awaiting_approval_count
from governance.models import Delegation
from governance.selectors import delegations_awaiting_accreditation_count
from members.models import JoinRequest
from news.selectors import articles_awaiting_acceptance_count, articles_in_review_count
from partnerships.selectors import (
    activities_awaiting_review_count,
    applications_awaiting_decision_count,
    partner_workspace,
    reviews_due_count,
)

REVIEWS_DUE_WITHIN_DAYS = 60


@dataclass(frozen=True)
class TodoItem:
    name: str  # a stable identifier, for the page's ids and the tests
    label: str  # says what waits, with its count
    count: int
    url: str
    back_office: bool = False  # the work is done in the back office (/admin/)


def _counted(known, name, compute):
    """The count a tile has already (`known`), else `compute()`'s."""
    return known[name] if name in known else compute()


def _admin_list(name, **filters):
    query = "&".join(f"{key}={value}" for key, value in filters.items())
    return reverse(f"admin:{name}_changelist") + (f"?{query}" if query else "")


def _member_items(user, organisation, governance, known):
    items = []
    if organisation is None:
        return items
    if user.has_perm("members.answer_join_requests", organisation) and not organisation.is_host:
        count = _counted(
            known,
            "join-requests",
            lambda: JoinRequest.objects.filter(
                organisation=organisation, status=JoinRequest.Status.NEW
            ).count(),
        )
        items.append(
            TodoItem(
                "join-requests",
                ngettext(
                    "%(count)d join request to answer",
                    "%(count)d join requests to answer",
                    count,
                )
                % {"count": count},
                count,
                reverse("members:join_requests"),
            )
        )
    if user.has_perm("news.review_for_organisation", organisation):
        count = _counted(
            known, "articles-to-review", lambda: articles_in_review_count(organisation)
        )
        items.append(
            TodoItem(
                "articles-to-review",
                ngettext("%(count)d article to review", "%(count)d articles to review", count)
                % {"count": count},
                count,
                reverse("news:dashboard_list"),
            )
        )
    if governance.may_register_delegation and governance.next_session.registration_is_open:
        delegation = governance.delegation
        waiting = delegation is None or delegation.status in (
            Delegation.Status.DRAFT,
            Delegation.Status.RETURNED,
        )
        label = (
            _("Correct and resubmit your delegation")
            if delegation is not None and delegation.status == Delegation.Status.RETURNED
            else _("Register your delegation to %(session)s") % {"session": governance.next_session}
        )
        items.append(
            TodoItem(
                "delegation",
                label,
                int(waiting),
                reverse("governance:delegation", args=[governance.next_session.number]),
            )
        )
    if organisation.is_partner and user.has_perm("partnerships.edit_profile", organisation):
        workspace = (
            None if "returned-activities" in known else partner_workspace(user, organisation)
        )
        count = _counted(
            known, "returned-activities", lambda: workspace.activities_returned if workspace else 0
        )
        items.append(
            TodoItem(
                "returned-activities",
                ngettext(
                    "%(count)d activity returned to you to correct",
                    "%(count)d activities returned to you to correct",
                    count,
                )
                % {"count": count},
                count,
                reverse("partnerships:activity_list"),
            )
        )
    return items


def _secretariat_items(user, known):
    # rules.has_perm, not user.has_perm: see dashboard_tiles._secretariat_tiles.
    items = []
    if rules.has_perm("governance.manage_conference", user):
        count = _counted(known, "delegations-to-accredit", delegations_awaiting_accreditation_count)
        items.append(
            TodoItem(
                "delegations-to-accredit",
                ngettext(
                    "%(count)d delegation to accredit",
                    "%(count)d delegations to accredit",
                    count,
                )
                % {"count": count},
                count,
                _admin_list("governance_delegation", status__exact="submitted"),
                back_office=True,
            )
        )
    if rules.has_perm("news.accept_article", user):
        count = articles_awaiting_acceptance_count()
        items.append(
            TodoItem(
                "member-news-to-accept",
                ngettext(
                    "%(count)d member's article to accept into the Organisation's news",
                    "%(count)d members' articles to accept into the Organisation's news",
                    count,
                )
                % {"count": count},
                count,
                _admin_list("news_article", portal="pending"),
                back_office=True,
            )
        )
    if rules.has_perm("partnerships.review", user):
        count = _counted(known, "applications-to-decide", applications_awaiting_decision_count)
        items.append(
            TodoItem(
                "applications-to-decide",
                ngettext(
                    "%(count)d partnership application to decide on",
                    "%(count)d partnership applications to decide on",
                    count,
                )
                % {"count": count},
                count,
                _admin_list("partnerships_partnership", status__exact="applicant"),
                back_office=True,
            )
        )
        count = _counted(known, "activities-to-approve", activities_awaiting_review_count)
        items.append(
            TodoItem(
                "activities-to-approve",
                ngettext(
                    "%(count)d partner activity to approve",
                    "%(count)d partner activities to approve",
                    count,
                )
                % {"count": count},
                count,
                _admin_list("partnerships_cooperationactivity", status__exact="submitted"),
                back_office=True,
            )
        )
        count = reviews_due_count(today=timezone.localdate(), within_days=REVIEWS_DUE_WITHIN_DAYS)
        items.append(
            TodoItem(
                "reviews-due",
                ngettext(
                    "%(count)d periodic review of a partnership due",
                    "%(count)d periodic reviews of partnerships due",
                    count,
                )
                % {"count": count},
                count,
                _admin_list("partnerships_partnership"),
                back_office=True,
            )
        )
    if rules.has_perm("bulletins.approve", user):
        count = bulletins_awaiting_approval_count()
        items.append(
            TodoItem(
                "bulletin-to-approve",
                ngettext("%(count)d bulletin to approve", "%(count)d bulletins to approve", count)
                % {"count": count},
                count,
                _admin_list("bulletins_bulletin", status__exact="awaiting_approval"),
                back_office=True,
            )
        )
    return items


def todo_items(*, user, organisation, governance, tiles=()):
    """What waits for `user` acting for `organisation` (or None), most local first: their
    organisation's work, then the secretariat's queues; only items with something waiting.
    `tiles`: the dashboard's (dashboard_tiles.py), whose counts are not counted again."""
    known = {name: count for tile in tiles for name, count in tile.counts.items()}
    items = _member_items(user, organisation, governance, known) + _secretariat_items(user, known)
    return [item for item in items if item.count]
