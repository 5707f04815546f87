"""What the partnerships app tells people, through the notifications core (members.notifications):
each function is called by a service inside its transaction, and the mails go after the commit,
once per event and recipient, in each recipient's language.

The secretariat's events reach the partnerships officers of the host organisation; a partner's
events reach the partner's own contacts (users holding the partner contact role there), and
nobody of another organisation.
"""

from django.urls import reverse

from members.models import Organisation, Role
from members.notifications import notify

from ..models import CooperationActivity, Partnership


def _host():
    return Organisation.objects.filter(kind=Organisation.Kind.HOST).first()


def _back_office(model, pk):
    return reverse(f"admin:partnerships_{model}_change", args=[pk])


def _tell_officers(*, event, obj, url, actor=None, context):
    host = _host()
    if host is None:
        return None
    return notify(
        event=event,
        organisation=host,
        roles=[Role.PARTNERSHIPS],
        obj=obj,
        url=url,
        actor=actor,
        context=context,
    )


def application_received_notify(*, partnership: Partnership):
    """A partnership application came in: the partnerships officers decide on it."""
    return _tell_officers(
        event="partnerships.application_received",
        obj=partnership,
        url=_back_office("partnership", partnership.pk),
        context={"name": str(partnership.organisation)},
    )


def activity_submitted_notify(*, activity: CooperationActivity, by=None):
    """A partner sent an activity for approval: the partnerships officers review it."""
    return _tell_officers(
        event="partnerships.activity_submitted",
        obj=activity,
        url=_back_office("cooperationactivity", activity.pk),
        actor=by,
        context={"title": str(activity.title), "name": str(activity.organisation)},
    )


def activity_reviewed_notify(*, activity: CooperationActivity, approved: bool, by=None):
    """The secretariat approved or returned an activity: the partner's contacts hear it."""
    return notify(
        event="partnerships.activity_approved" if approved else "partnerships.activity_returned",
        organisation=activity.organisation,
        roles=[Role.PARTNER_CONTACT],
        obj=activity,
        url=reverse("partnerships:activity_edit", kwargs={"pk": activity.pk}),
        actor=by,
        context={"title": str(activity.title)},
    )


def admission_decided_notify(*, partnership: Partnership, admitted: bool, by=None):
    """The decision on an application was recorded: the applicant's contacts who sign in hear
    it here (the others by mail: decisions.admission_decision_mail)."""
    return notify(
        event="partnerships.admission_decided",
        organisation=partnership.organisation,
        roles=[Role.PARTNER_CONTACT],
        obj=partnership,
        url=reverse("partnerships:profile_edit"),
        actor=by,
        context={"name": str(partnership.organisation), "admitted": admitted},
    )


def review_due_notify(*, partnership: Partnership):
    """A periodic review is coming: the partnerships officers prepare it, the partner's
    contacts hear that it comes."""
    context = {
        "name": str(partnership.organisation),
        "date": partnership.next_review_on.isoformat(),
    }
    _tell_officers(
        event="partnerships.review_due",
        obj=partnership,
        url=_back_office("partnership", partnership.pk),
        context=context,
    )
    notify(
        event="partnerships.review_due_partner",
        organisation=partnership.organisation,
        roles=[Role.PARTNER_CONTACT],
        obj=partnership,
        url=reverse("partnerships:profile_edit"),
        context=context,
    )
