"""Following a session or a document series, and the alert when a document is issued (issue
18's alerts, through the notifications core): the use cases, as services.py's are."""

import rules
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import Notification, Organisation, Role, User
from members.notifications import notify
from members.permissions import memberships_of, remember_memberships

from .models import Document, Follow


@transaction.atomic
def follow_session(*, user, session) -> Follow:
    """`user` follows `session`: every document issued for it reaches them (once)."""
    if not user.has_perm("governance.follow_session", session):
        raise ValidationError(_("Sign in to follow a session."), code="forbidden")
    follow, _created = Follow.objects.get_or_create(user=user, session=session)
    return follow


@transaction.atomic
def follow_series(*, user, document) -> Follow:
    """`user` follows the series of `document` (its base document and every /Rev., /Add. and
    /Corr. of it), if they may read it."""
    if not user.has_perm("governance.follow_document", document):
        raise ValidationError(_("You may not follow this document."), code="forbidden")
    follow, _created = Follow.objects.get_or_create(user=user, document_id=document.series_id)
    return follow


def unfollow(*, follow: Follow) -> None:
    follow.delete()


@transaction.atomic
def document_issue(*, document: Document, by=None) -> bool:
    """Mark `document` issued once it is readable beyond the secretariat, and tell its followers;
    True the one time that happens. Call it, inside the transaction, wherever a document is
    entered or its access changes (the back office, the ZIP batch): saving it again, or
    changing it later, tells nobody again.

    Issued means visible: the register shows a document as soon as its access class lets a
    reader see it, whatever its publication date (no date hides a document).
    """
    if document.access == Document.Access.SECRETARIAT:
        return False
    claimed = Document.objects.filter(pk=document.pk, issued_at__isnull=True).update(
        issued_at=timezone.now()
    )
    if not claimed:
        return False
    document_issued_notify(document=document, by=by)
    return True


@transaction.atomic
def document_access_widen(*, document: Document, by=None) -> int:
    """Its access changed after it was issued (restricted to more organisations, or opened to
    all members): tell the followers who may read it now and were not told of it yet. Returns
    how many were told; narrowing it, or saving it again unchanged, tells nobody."""
    if document.issued_at is None:
        return 0  # not issued yet: document_issue tells every reader when it is
    return document_issued_notify(document=document, by=by, only_untold=True)


def _told_of(document):
    """The people already told that `document` was issued."""
    return Notification.objects.filter(
        event__kind="governance.document_issued",
        event__target_type=ContentType.objects.get_for_model(Document),
        event__target_id=document.pk,
    ).values("recipient_id")


def _organisation_key(memberships, restricted_ids):
    """Which of a reader's organisations a notification belongs to: one a restricted document
    is restricted to, else a member's, else the host's (then the oldest), the same each time."""
    rank = {kind: index for index, kind in enumerate(Organisation.MEMBER_KINDS)}
    rank[Organisation.Kind.HOST] = len(rank)

    def key(organisation_id):
        kind = memberships[organisation_id][1]
        return (
            organisation_id not in restricted_ids,
            rank.get(kind, len(rank) + 1),
            organisation_id,
        )

    return key


def document_issued_notify(*, document: Document, by=None, only_untold=False) -> int:
    """Tell the followers of the document's session and of its series who may read it (the
    document policy) that it is issued: one notification each, in their organisation (the
    tenant rule: one call of notify per organisation). `only_untold`: leave out those already
    told of it. Returns how many were told."""
    document = (
        Document.objects.select_related("session")
        .prefetch_related("restricted_to")
        .get(pk=document.pk)
    )
    following = Follow.objects.filter(
        Q(session_id=document.session_id) | Q(document_id=document.series_id)
    ).values("user_id")
    followers = User.objects.filter(pk__in=following)
    if only_untold:
        followers = followers.exclude(pk__in=_told_of(document))
    followers = remember_memberships(followers.order_by("pk"))
    readers = [
        user for user in followers if rules.has_perm("governance.read_document", user, document)
    ]
    restricted_ids = (
        {organisation.pk for organisation in document.restricted_to.all()}
        if document.access == Document.Access.RESTRICTED
        else set()
    )
    by_organisation = {}
    for user in readers:
        memberships = memberships_of(user)
        if not memberships:
            continue  # nobody's person (no organisation): the inbox is an organisation's
        organisation_id = min(memberships, key=_organisation_key(memberships, restricted_ids))
        by_organisation.setdefault(organisation_id, []).append(user)
    context = {
        "symbol": document.symbol,
        "kind": document.issue_kind,
        # Each reader's language: the subject shows the title in theirs (English if none).
        "titles": {
            code: getattr(document, f"title_{code}", "") or "" for code, _name in settings.LANGUAGES
        },
    }
    told = 0
    for organisation in Organisation.objects.filter(pk__in=by_organisation).order_by("pk"):
        event = notify(
            event="governance.document_issued",
            organisation=organisation,
            roles=Role.values,
            people=by_organisation[organisation.pk],
            obj=document,
            url=document.get_absolute_url(),
            actor=by,
            context=context,
        )
        told += event.notifications.count() if event else 0
    return told
