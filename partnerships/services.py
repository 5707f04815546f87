"""Use cases of the partnerships app: applications, status decisions, profiles, activities,
and the reminder of periodic reviews."""

import datetime
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from members.models import Membership, Organisation, Role
from members.uploads import detect_document_kind, storage_name

from .models import (
    Contact,
    CooperationActivity,
    Partnership,
    PartnershipStatusChange,
    Status,
)

logger = logging.getLogger(__name__)

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


def _years_before(date, years):
    try:
        return date.replace(year=date.year - years)
    except ValueError:  # 29 February
        return date.replace(year=date.year - years, day=28)


def _years_after(date, years):
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
            % {"date": last.decided_on.isoformat()},
            code="decided_on",
        )
    if to_status == Status.ASSOCIATE:
        years = getattr(settings, "OEC_ASSOCIATE_MIN_CONSULTATIVE_YEARS", 2)
        needed = (decided_on - _years_before(decided_on, years)).days
        if consultative_days(partnership, until=decided_on) < needed:
            raise ValidationError(
                _("Associate status needs at least %(years)d years of consultative status.")
                % {"years": years},
                code="too_early_for_associate",
            )


def _record(*, partnership, from_status, to_status, decided_on, deciding_body, **details):
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
    return _record(
        partnership=partnership,
        from_status="",
        to_status=partnership.status,
        decided_on=timezone.localdate(),
        deciding_body=deciding_body,
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
    review_years = getattr(settings, "OEC_PARTNERSHIP_REVIEW_YEARS", 4)
    update_fields = ["status", "updated_at"]
    partnership.status = to_status
    if to_status == Status.CONSULTATIVE and from_status == Status.APPLICANT:
        partnership.admitted_on = decided_on
        update_fields.append("admitted_on")
    if to_status in (Status.CONSULTATIVE, Status.ASSOCIATE) and from_status != Status.SUSPENDED:
        partnership.next_review_on = _years_after(decided_on, review_years)
        update_fields.append("next_review_on")
    if to_status == Status.ENDED:
        partnership.next_review_on = None
        update_fields.append("next_review_on")
    partnership.save(update_fields=update_fields)
    _sync_organisation_status(partnership)
    return _record(
        partnership=partnership,
        from_status=from_status,
        to_status=to_status,
        decided_on=decided_on,
        deciding_body=deciding_body,
        decision_reference=decision_reference,
        note=note,
        recorded_by=recorded_by,
    )


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
    _record(
        partnership=partnership,
        from_status=Status.ENDED,
        to_status=Status.APPLICANT,
        decided_on=applied_on,
        deciding_body=_("New application"),
    )


def _unique_slug(name):
    base = slugify(name)[:70] or "partner"
    slug, number = base, 1
    while Organisation.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def _store(field, uploaded):
    kind = detect_document_kind(uploaded)
    field.save(storage_name(kind), uploaded, save=False)


@transaction.atomic
def partnership_apply(
    *,
    name: str,
    country: str,
    website: str,
    geographic_scope: str,
    description: str,
    language: str,
    fields_of_competence,
    functional_areas,
    contact_name: str,
    contact_email: str,
    statutes,
    activity_report,
    applied_in: str = settings.LANGUAGE_CODE,
) -> Partnership:
    """A public application: a pending partner organisation, an applicant partnership, a contact.

    The organisation's region follows its country (Organisation.Region.for_country). The
    files are checked by content (members.uploads) and stored under server-made names in
    private storage. Once the application is saved, the partnerships officers are told, and
    the contact receives an acknowledgement in `applied_in`, the language of the form.
    """
    # Checked again here so that no caller can store an unchecked file.
    for uploaded in (statutes, activity_report):
        detect_document_kind(uploaded)
    organisation = Organisation.objects.create(
        kind=Organisation.Kind.PARTNER_NGO,
        name=name,
        # A proper name: kept in the default language too, which every other falls back to
        # (an application sent from /fr/ would otherwise have no English name).
        **{f"name_{settings.MODELTRANSLATION_DEFAULT_LANGUAGE}": name},
        slug=_unique_slug(name),
        country=country,
        region=Organisation.Region.for_country(country),
        website=website,
        status=Organisation.Status.PENDING,
    )
    partnership = Partnership(
        organisation=organisation,
        status=Status.APPLICANT,
        geographic_scope=geographic_scope,
        headquarters_country=country,
        website=website,
    )
    setattr(partnership, f"description_{language}", description)
    _store(partnership.statutes, statutes)
    _store(partnership.activity_report, activity_report)
    partnership.save()
    partnership.fields_of_competence.set(fields_of_competence)
    partnership.functional_areas.set(functional_areas)
    _record(
        partnership=partnership,
        from_status="",
        to_status=Status.APPLICANT,
        decided_on=timezone.localdate(),
        deciding_body=_("Application received"),
    )
    contact = Contact.objects.create(
        organisation=organisation,
        name=contact_name,
        email=contact_email.lower(),
        preferred_language=language,
    )
    transaction.on_commit(lambda: _notify_officers_of_application(partnership.pk))
    transaction.on_commit(lambda: _acknowledge_application(contact.pk, language=applied_in))
    return partnership


def partnerships_officer_emails():
    """E-mail addresses of the secretariat's partnerships officers."""
    return sorted(
        Membership.objects.filter(
            organisation__kind=Organisation.Kind.HOST,
            role=Role.PARTNERSHIPS,
            user__is_active=True,
        ).values_list("user__email", flat=True)
    )


def _acknowledge_application(contact_id, *, language):
    """Tell the applicant, in the language of the form they used, that the application came."""
    contact = Contact.objects.select_related("organisation").get(pk=contact_id)
    with translation.override(language):
        context = {"contact": contact, "organisation": contact.organisation}
        send_mail(
            subject=" ".join(
                render_to_string(
                    "partnerships/email/application_acknowledgement_subject.txt", context
                ).split()
            ),
            message=render_to_string(
                "partnerships/email/application_acknowledgement_body.txt", context
            ),
            from_email=None,
            recipient_list=[contact.email],
        )


def _notify_officers_of_application(partnership_id):
    partnership = Partnership.objects.select_related("organisation").get(pk=partnership_id)
    recipients = partnerships_officer_emails()
    if not recipients:
        return
    # The secretariat's working language, not the applicant's (the request's): officers do not
    # all read the language an NGO applied in.
    with translation.override(settings.LANGUAGE_CODE):
        send_mail(
            subject=_("New partnership application: %(name)s") % {"name": partnership.organisation},
            message=render_to_string(
                "partnerships/email/application_received.txt",
                {"partnership": partnership, "site_url": settings.OEC_SITE_URL},
            ),
            from_email=None,
            recipient_list=recipients,
        )


@transaction.atomic
def partnership_profile_update(*, partnership: Partnership, data: dict) -> Partnership:
    """A partner contact's edit of the public profile (description per language, website...)."""
    fields = [name for name in data if name not in ("fields_of_competence", "functional_areas")]
    for name in fields:
        setattr(partnership, name, data[name])
    partnership.save(update_fields=[*fields, "updated_at"])
    if "fields_of_competence" in data:
        partnership.fields_of_competence.set(data["fields_of_competence"])
    if "functional_areas" in data:
        partnership.functional_areas.set(data["functional_areas"])
    return partnership


@transaction.atomic
def cooperation_activity_save(
    *, activity: CooperationActivity, user, uploaded_file=None
) -> CooperationActivity:
    """Save a partner's draft activity; an approved or submitted one cannot be edited."""
    if activity.pk and not CooperationActivity.objects.get(pk=activity.pk).is_editable:
        raise ValidationError(_("This activity is awaiting approval or approved: it is locked."))
    if uploaded_file is not None:
        _store(activity.file, uploaded_file)
    if activity.pk is None:
        activity.created_by = user
        activity.status = CooperationActivity.Status.DRAFT
    activity.save()
    return activity


@transaction.atomic
def cooperation_activity_submit(*, activity: CooperationActivity) -> CooperationActivity:
    if not activity.is_editable:
        raise ValidationError(_("Only a draft or rejected activity can be submitted."))
    activity.status = CooperationActivity.Status.SUBMITTED
    activity.submitted_at = timezone.now()
    activity.save(update_fields=["status", "submitted_at"])
    return activity


@transaction.atomic
def cooperation_activity_review(
    *, activity: CooperationActivity, approve: bool, reviewed_by
) -> CooperationActivity:
    """The secretariat approves (public from then on) or rejects a submitted activity."""
    if activity.status != CooperationActivity.Status.SUBMITTED:
        raise ValidationError(_("Only a submitted activity can be approved or rejected."))
    activity.status = (
        CooperationActivity.Status.APPROVED if approve else CooperationActivity.Status.REJECTED
    )
    activity.reviewed_at = timezone.now()
    activity.reviewed_by = reviewed_by
    activity.save(update_fields=["status", "reviewed_at", "reviewed_by"])
    return activity


def reviews_due_notify(*, today: datetime.date | None = None, within_days: int = 60) -> int:
    """E-mail the partnerships officers the periodic reviews due within `within_days`.

    Returns how many partnerships the e-mail listed (0: nothing due or nobody to tell).
    """
    today = today or timezone.localdate()
    due = list(Partnership.objects.reviews_due(today=today, within_days=within_days))
    recipients = partnerships_officer_emails()
    if not due or not recipients:
        return 0
    send_mail(
        subject=_("Partnership reviews due in the next %(days)d days: %(count)d")
        % {"days": within_days, "count": len(due)},
        message=render_to_string(
            "partnerships/email/reviews_due.txt",
            {"partnerships": due, "today": today, "site_url": settings.OEC_SITE_URL},
        ),
        from_email=None,
        recipient_list=recipients,
    )
    logger.info("partnerships: %d reviews due mailed to %d officers", len(due), len(recipients))
    return len(due)
