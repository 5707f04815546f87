"""Decisions on a partnership's status, following the framework's rules, and its history."""

import datetime
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from members.models import Membership, Organisation, Role

from ..emails import send_admission_decision
from ..models import Contact, Partnership, PartnershipStatusChange, Status
from .notices import admission_decided_notify

# Which decisions the framework allows from each status. Leaving "ended" needs a new
# application (`partnership_reapply`), never a plain status change.
ALLOWED_TRANSITIONS = {
    Status.APPLICANT: {Status.CONSULTATIVE, Status.ENDED},
    Status.CONSULTATIVE: {Status.ASSOCIATE, Status.SUSPENDED, Status.ENDED},
    Status.ASSOCIATE: {Status.CONSULTATIVE, Status.SUSPENDED, Status.ENDED},
    Status.SUSPENDED: {Status.CONSULTATIVE, Status.ASSOCIATE, Status.ENDED},
    Status.ENDED: set(),
}
ORGANISATION_STATUS_FOR = {
    Status.APPLICANT: Organisation.Status.PENDING,
    Status.CONSULTATIVE: Organisation.Status.ACTIVE,
    Status.ASSOCIATE: Organisation.Status.ACTIVE,
    Status.SUSPENDED: Organisation.Status.SUSPENDED,
    Status.ENDED: Organisation.Status.WITHDRAWN,
}


def _years_later(date, years):
    """The same day `years` later (earlier if negative); 28 February for a 29 February."""
    try:
        return date.replace(year=date.year + years)
    except ValueError:
        return date.replace(year=date.year + years, day=28)


def consultative_days(partnership, *, until) -> int:
    """Days the partnership spent in consultative status up to `until`, from its history."""
    days = 0
    started = None
    for change in partnership.status_changes.order_by("decided_on", "recorded_at", "pk"):
        if change.decided_on > until:
            break
        if started is not None:
            days += (change.decided_on - started).days
            started = None
        if change.to_status == Status.CONSULTATIVE:
            started = change.decided_on
    if started is not None:
        days += (until - started).days
    return days


def _check_change(partnership, *, to_status, decided_on):
    current = Status(partnership.status)
    if to_status == current:
        raise ValidationError(
            _("The partnership already has the status “%(status)s”.") % {"status": current.label},
            code="same_status",
        )
    if current == Status.ENDED:
        raise ValidationError(
            _("This partnership has ended: it can only start again with a new application."),
            code="ended",
        )
    if to_status not in ALLOWED_TRANSITIONS[current]:
        raise ValidationError(
            _("A partnership cannot go from “%(from)s” to “%(to)s”.")
            % {"from": current.label, "to": Status(to_status).label},
            code="transition",
        )
    last = partnership.status_changes.order_by("-decided_on").first()
    if last is not None and decided_on < last.decided_on:
        raise ValidationError(
            _("The decision date cannot be before the last recorded decision (%(date)s).")
            % {"date": date_format(last.decided_on, "DATE_FORMAT")},
            code="decided_on",
        )
    if to_status == Status.ASSOCIATE:
        years = settings.OEC_ASSOCIATE_MIN_CONSULTATIVE_YEARS
        needed = (decided_on - _years_later(decided_on, -years)).days
        if consultative_days(partnership, until=decided_on) < needed:
            raise ValidationError(
                _("Associate status needs at least %(years)d years of consultative status.")
                % {"years": years},
                code="too_early_for_associate",
            )


def record_status_change(
    *, partnership, from_status, to_status, decided_on, deciding_body, **details
):
    """One line of the partnership's history (kept for every change, never edited)."""
    return PartnershipStatusChange.objects.create(
        partnership=partnership,
        from_status=from_status,
        to_status=to_status,
        decided_on=decided_on,
        deciding_body=deciding_body,
        **details,
    )


def partnership_record_creation(*, partnership: Partnership, deciding_body: str, recorded_by=None):
    """The first line of a partnership's history (made in the back office, not applied for)."""
    return record_status_change(
        partnership=partnership,
        from_status="",
        to_status=partnership.status,
        decided_on=timezone.localdate(),
        deciding_body=deciding_body,
        recorded_by=recorded_by,
    )


@transaction.atomic
def partnership_record_import(*, partnership: Partnership, recorded_by=None):
    """A partnership brought in by a back-office import, saved before: the first line of its
    history (decided on its admission date, or today for an applicant) and its organisation's
    status, as a decision would have set them."""
    _sync_organisation_status(partnership)
    return record_status_change(
        partnership=partnership,
        from_status="",
        to_status=partnership.status,
        decided_on=partnership.admitted_on or timezone.localdate(),
        deciding_body=_("Imported in the back office"),
        recorded_by=recorded_by,
    )


def _sync_organisation_status(partnership):
    organisation = partnership.organisation
    organisation.status = ORGANISATION_STATUS_FOR[partnership.status]
    organisation.save(update_fields=["status"])


@transaction.atomic
def partnership_change_status(
    *,
    partnership: Partnership,
    to_status: str,
    decided_on: datetime.date,
    deciding_body: str,
    decision_reference: str = "",
    note: str = "",
    recorded_by=None,
) -> PartnershipStatusChange:
    """Apply a decision on the partnership's status, following the framework's rules.

    Raises ValidationError (nothing changed) for a change the framework does not allow:
    associate status before enough consultative years, any change of an ended partnership.
    Admission (applicant → consultative) sets the admission date and the first review date.
    """
    partnership = Partnership.objects.select_for_update().get(pk=partnership.pk)
    to_status = Status(to_status)
    if not deciding_body.strip():
        raise ValidationError(_("Name the body that took the decision."), code="deciding_body")
    _check_change(partnership, to_status=to_status, decided_on=decided_on)
    from_status = partnership.status
    review_years = settings.OEC_PARTNERSHIP_REVIEW_YEARS
    update_fields = ["status", "updated_at"]
    partnership.status = to_status
    if to_status == Status.CONSULTATIVE and from_status == Status.APPLICANT:
        partnership.admitted_on = decided_on
        update_fields.append("admitted_on")
    if to_status in (Status.CONSULTATIVE, Status.ASSOCIATE) and from_status != Status.SUSPENDED:
        partnership.next_review_on = _years_later(decided_on, review_years)
        update_fields.append("next_review_on")
    if to_status == Status.ENDED:
        partnership.next_review_on = None
        update_fields.append("next_review_on")
    partnership.save(update_fields=update_fields)
    _sync_organisation_status(partnership)
    change = record_status_change(
        partnership=partnership,
        from_status=from_status,
        to_status=to_status,
        decided_on=decided_on,
        deciding_body=deciding_body,
        decision_reference=decision_reference,
        note=note,
        recorded_by=recorded_by,
    )
    if from_status == Status.APPLICANT:
        admission_decision_announce(
            partnership=partnership, admitted=to_status == Status.CONSULTATIVE, by=recorded_by
        )
    return change


def admission_decision_announce(*, partnership: Partnership, admitted: bool, by=None) -> None:
    """The applicant hears the decision on its application: its contacts who sign in for it
    through the notifications, each other contact on record (an applicant's usually have no
    account yet) by one mail after the commit, in the language they chose."""
    admission_decided_notify(partnership=partnership, admitted=admitted, by=by)
    signed_in = {
        email.lower()
        for email in Membership.objects.filter(
            organisation=partnership.organisation, role=Role.PARTNER_CONTACT, user__is_active=True
        ).values_list("user__email", flat=True)
    }
    contact_ids = [
        contact.pk
        for contact in Contact.objects.filter(organisation=partnership.organisation)
        if contact.email.lower() not in signed_in
    ]
    # One task per contact, after the commit: a retry after a failure never mails twice
    # those who already have it.
    for contact_id in contact_ids:
        transaction.on_commit(partial(send_admission_decision.delay, contact_id, admitted=admitted))


@transaction.atomic
def partnership_reapply(*, partnership: Partnership, applied_on: datetime.date) -> None:
    """An ended partnership starts again as a new application (the only way out of "ended")."""
    partnership = Partnership.objects.select_for_update().get(pk=partnership.pk)
    if partnership.status != Status.ENDED:
        raise ValidationError(_("Only an ended partnership needs a new application."))
    partnership.status = Status.APPLICANT
    partnership.admitted_on = None
    partnership.next_review_on = None
    partnership.save(update_fields=["status", "admitted_on", "next_review_on", "updated_at"])
    _sync_organisation_status(partnership)
    record_status_change(
        partnership=partnership,
        from_status=Status.ENDED,
        to_status=Status.APPLICANT,
        decided_on=applied_on,
        deciding_body=_("New application"),
    )
