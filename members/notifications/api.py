"""The public API: `notify(...)`, called by the services of any app, inside their transaction.

It writes one event and one ledger row per recipient, decides per recipient whether a mail goes
now, in tonight's digest or never (their choice), and enqueues the mail task on commit: nothing
leaves when the service's transaction rolls back, and the task sends each row exactly once.
"""

import re
from collections.abc import Iterable
from functools import partial

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.template.loader import get_template

from members.models import (
    Membership,
    Notification,
    NotificationEvent,
    Organisation,
    User,
)

from .rendering import template_names
from .tasks import send_notification_mails

EVENT_NAME = re.compile(r"^[a-z_]+\.[a-z_]+$")

MAIL_STATUS_FOR_CHOICE = {
    User.NotificationMail.IMMEDIATELY: Notification.MailStatus.PENDING,
    User.NotificationMail.DAILY_DIGEST: Notification.MailStatus.DIGEST,
    User.NotificationMail.PORTAL_ONLY: Notification.MailStatus.PORTAL_ONLY,
}


def recipients_of(*, organisation: Organisation, roles: Iterable[str], exclude=None):
    """(user, role) of the active people who hold one of `roles` in `organisation`, and only
    there: a focal point of another organisation is never among them."""
    memberships = (
        Membership.objects.filter(
            organisation=organisation, role__in=list(roles), user__is_active=True
        )
        .select_related("user")
        .order_by("user__email")
    )
    if exclude is not None:
        memberships = memberships.exclude(user=exclude)
    return [(membership.user, membership.role) for membership in memberships]


def notify(
    *,
    event: str,
    organisation: Organisation,
    roles: Iterable[str],
    obj=None,
    url: str = "",
    actor=None,
    context: dict | None = None,
) -> NotificationEvent | None:
    """Notify the people of `organisation` who hold one of `roles` that `event` happened.

    - `event`: "<app>.<what_happened>", e.g. "news.article_submitted"; its texts are the
      templates notifications/<app>/<what_happened>_subject.txt and _body.txt (any app's
      templates folder), rendered in each recipient's language with `context`.
    - `organisation`: the tenant whose people act on it (the host for the secretariat).
    - `roles`: members.models.Role values; the recipients are the active users holding one of
      them in `organisation` (nobody else's people), minus `actor`, who knows already.
    - `obj`: the row it is about (kept as a generic reference), `url`: the page that does the
      work (a path, as reverse() gives it: shown in each reader's language), `context`: plain
      JSON values the texts show (titles, names), so the inbox needs no other query.

    Returns the event, or None when nobody holds those roles (nothing is written then).
    Call it inside the service's transaction; the mails go after the commit.
    """
    if not EVENT_NAME.match(event):
        raise ValueError(f"An event is named '<app>.<what_happened>', not {event!r}.")
    for name in template_names(event):
        get_template(name)  # a missing text fails here, in the service's tests, not in a task
    recipients = recipients_of(organisation=organisation, roles=roles, exclude=actor)
    if not recipients:
        return None
    notification_event = NotificationEvent.objects.create(
        organisation=organisation,
        kind=event,
        target_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        target_id=obj.pk if obj is not None else None,
        actor=actor,
        url=url,
        context={"organisation": str(organisation), **(context or {})},
    )
    notifications = Notification.objects.bulk_create(
        [
            Notification(
                event=notification_event,
                recipient=user,
                role=role,
                mail_status=MAIL_STATUS_FOR_CHOICE.get(
                    user.notification_mail, Notification.MailStatus.PENDING
                ),
            )
            for user, role in recipients
        ]
    )
    to_mail = [n.pk for n in notifications if n.mail_status == Notification.MailStatus.PENDING]
    if to_mail:
        transaction.on_commit(partial(send_notification_mails.delay, to_mail), robust=True)
    return notification_event
