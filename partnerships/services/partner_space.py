"""What a partner contact does in the partner's web space (profile, activities), and the
secretariat's review of the activities they submit."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import CooperationActivity, Partnership
from .files import store_checked_upload
from .notices import activity_reviewed_notify, activity_submitted_notify


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
        store_checked_upload(activity.file, uploaded_file)
    if activity.pk is None:
        activity.created_by = user
        activity.status = CooperationActivity.Status.DRAFT
    activity.save()
    return activity


@transaction.atomic
def cooperation_activity_submit(*, activity: CooperationActivity, by=None) -> CooperationActivity:
    """A partner contact (`by`) sends the activity for approval: the partnerships officers are
    notified."""
    if not activity.is_editable:
        raise ValidationError(_("Only a draft or rejected activity can be submitted."))
    activity.status = CooperationActivity.Status.SUBMITTED
    activity.submitted_at = timezone.now()
    activity.save(update_fields=["status", "submitted_at"])
    activity_submitted_notify(activity=activity, by=by)
    return activity


@transaction.atomic
def cooperation_activity_review(
    *, activity: CooperationActivity, approve: bool, reviewed_by
) -> CooperationActivity:
    """The secretariat approves (public from then on) or rejects a submitted activity; the
    partner's contacts are notified either way."""
    if activity.status != CooperationActivity.Status.SUBMITTED:
        raise ValidationError(_("Only a submitted activity can be approved or rejected."))
    activity.status = (
        CooperationActivity.Status.APPROVED if approve else CooperationActivity.Status.REJECTED
    )
    activity.reviewed_at = timezone.now()
    activity.reviewed_by = reviewed_by
    activity.save(update_fields=["status", "reviewed_at", "reviewed_by"])
    activity_reviewed_notify(activity=activity, approved=approve, by=reviewed_by)
    return activity
