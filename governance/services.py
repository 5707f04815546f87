"""Use cases of governance: files into the register, downloads, delegations."""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import Organisation, Role
from members.notifications import notify
from members.private_file_downloads import write_download_records
from members.uploads import PDF, detect_document_kind, storage_name

from .models import (
    CalendarFeed,
    Decision,
    Delegation,
    DelegationMember,
    Document,
    DocumentDownload,
    DocumentFile,
    TextStatus,
    Vote,
)
from .models.calendar_feeds import new_secret

security_logger = logging.getLogger("oec.security")


def prepare_upload(uploaded, *, allowed=None):
    """Check an upload by content and give it a server-made name; returns (kind, original name).

    The original name is kept only for the Content-Disposition header of later downloads.
    """
    kind = detect_document_kind(uploaded)
    if allowed is not None and kind not in allowed:
        raise ValidationError(
            _("Upload a %(label)s file.") % {"label": " / ".join(k.label for k in allowed)},
            code="file_type",
        )
    original = (uploaded.name or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1][:200]
    uploaded.name = storage_name(kind)
    return kind, original


@transaction.atomic
def document_file_store(*, document: Document, language: str, uploaded) -> DocumentFile:
    """Put (or replace) the `language` file of a document, after the content checks."""
    kind, original = prepare_upload(uploaded)
    document_file = DocumentFile.objects.filter(document=document, language=language).first()
    old_name = document_file.file.name if document_file else None
    if document_file is None:
        document_file = DocumentFile(document=document, language=language)
    document_file.file = uploaded
    document_file.original_filename = original
    document_file.size = uploaded.size
    document_file.content_type = kind.content_type
    document_file.text_status = TextStatus.PENDING
    document_file.save()
    if old_name:
        storage = document_file.file.storage
        transaction.on_commit(lambda: storage.delete(old_name))
    document_file_text_queue(document_file=document_file)
    return document_file


def document_file_text_queue(*, document_file: DocumentFile, force: bool = False) -> None:
    """Have the file's text read for full-text search once the transaction commits (a Celery
    task; the reading skips a file already read unless `force`)."""
    from .tasks import extract_document_file_text

    pk = document_file.pk
    transaction.on_commit(lambda: extract_document_file_text.delay(pk, force))


def _download_row(document_file, user, organisation, ip):
    user = user if user.is_authenticated else None
    organisation = organisation if user else None
    # By key: setting the relations themselves checks each object's database (the user is a
    # lazy object besides), on the path of every download.
    return DocumentDownload(
        document_file_id=document_file.pk,
        symbol=document_file.document.symbol,
        language=document_file.language,
        user_id=user.pk if user else None,
        organisation_id=organisation.pk if organisation else None,
        ip=ip or None,
    )


def _log_if_restricted(download, document, organisation):
    if document.access not in (Document.Access.RESTRICTED, Document.Access.SECRETARIAT):
        return
    security_logger.info(
        "restricted document download: symbol=%s language=%s access=%s user_id=%s "
        "organisation=%s ip=%s at=%s",
        download.symbol,
        download.language,
        document.access,
        download.user_id,
        organisation.slug if organisation and download.user_id else None,
        download.ip,
        download.at.isoformat(),
    )


def document_download_record(
    *, document_file: DocumentFile, user, organisation: Organisation | None, ip: str
) -> DocumentDownload:
    """Audit a download by `user` (anonymous or signed in) acting for `organisation` from `ip`;
    a restricted or secretariat document also logs a security event."""
    [download] = document_downloads_record(
        document_files=[document_file], user=user, organisation=organisation, ip=ip
    )
    return download


def document_downloads_record(
    *, document_files, user, organisation: Organisation | None, ip: str
) -> list[DocumentDownload]:
    """Audit the download of several files at once (a session's documents in one ZIP): one
    row per file, written at once (members.private_file_downloads.write_download_records:
    on the path of every download, issue 19); each file of a restricted or secretariat
    document also logs its security event."""
    downloads = write_download_records(
        [_download_row(file, user, organisation, ip) for file in document_files]
    )
    for download, document_file in zip(downloads, document_files, strict=True):
        _log_if_restricted(download, document_file.document, organisation)
    return downloads


# --- Delegations -------------------------------------------------------------------------------


def _check_may_change(*, delegation, by):
    if delegation.pk and not by.has_perm("governance.edit_delegation", delegation):
        raise ValidationError(
            _(
                "This delegation can no longer be changed here: the registration deadline has "
                "passed or it was accredited. Please contact the secretariat."
            ),
            code="locked",
        )


# What the list of participants prints of a person, besides the name.
LISTED_FIELDS = ("title", "position", "name_latin")


@transaction.atomic
def delegation_save(
    *,
    session,
    organisation: Organisation,
    head: dict,
    members: list[dict],
    credentials_letter=None,
    by,
) -> Delegation:
    """Create or update the organisation's delegation to the session (status back to draft).

    `head` and each of `members` is {"user": User} or {"guest_name": ..., "guest_email": ...},
    with the optional "title", "function", "position" and "name_latin"; users must belong to
    the organisation (forms limit the choices; this is the backstop).
    """
    delegation = (
        Delegation.objects.select_for_update()
        .filter(session=session, organisation=organisation)
        .first()
    )
    if delegation is None:
        if not by.has_perm("governance.register_delegation", organisation):
            raise ValidationError(_("Only the focal point registers the delegation."))
        if not session.registration_is_open and not by.has_perm("governance.manage_conference"):
            raise ValidationError(
                _("The registration deadline of this session has passed."), code="locked"
            )
        delegation = Delegation(session=session, organisation=organisation)
    _check_may_change(delegation=delegation, by=by)
    people = [{**head, "is_head": True}] + [{**m, "is_head": False} for m in members]
    own_user_ids = set(organisation.memberships.values_list("user_id", flat=True))
    seen = set()
    for person in people:
        user = person.get("user")
        key = ("user", user.pk) if user else ("guest", person.get("guest_email", "").lower())
        if key in seen:
            raise ValidationError(_("Each person is listed once."), code="duplicate")
        seen.add(key)
        if user is not None and user.pk not in own_user_ids:
            raise ValidationError(
                _("%(user)s is not a user of %(organisation)s.")
                % {"user": user, "organisation": organisation},
                code="other_tenant",
            )
    if credentials_letter is not None:
        _kind, original = prepare_upload(credentials_letter, allowed=[PDF])
        if delegation.credentials_letter:
            old_name, storage = delegation.credentials_letter.name, private_storage_of(delegation)
            transaction.on_commit(lambda: storage.delete(old_name))
        delegation.credentials_letter = credentials_letter
        delegation.credentials_original_filename = original
    if delegation.status != Delegation.Status.ACCREDITED:
        delegation.status = Delegation.Status.DRAFT
    delegation.save()
    delegation.members.all().delete()
    DelegationMember.objects.bulk_create(
        [
            DelegationMember(
                delegation=delegation,
                is_head=person["is_head"],
                user=person.get("user"),
                guest_name="" if person.get("user") else person["guest_name"],
                guest_email="" if person.get("user") else person["guest_email"],
                **{field: person.get(field, "") for field in LISTED_FIELDS},
                function=person.get("function") or DelegationMember.Function.MEMBER,
            )
            for person in people
        ]
    )
    return delegation


def private_storage_of(delegation):
    return delegation.credentials_letter.storage


@transaction.atomic
def delegation_submit(*, delegation: Delegation, by) -> Delegation:
    """Send the delegation to the secretariat for accreditation."""
    _check_may_change(delegation=delegation, by=by)
    if not delegation.members.filter(is_head=True).exists():
        raise ValidationError(_("Name the head of delegation first."), code="no_head")
    if not delegation.credentials_letter:
        raise ValidationError(_("Upload the credentials letter first."), code="no_credentials")
    delegation.status = Delegation.Status.SUBMITTED
    delegation.submitted_at = timezone.now()
    delegation.return_reason = ""
    delegation.save(update_fields=["status", "submitted_at", "return_reason", "updated_at"])
    host = Organisation.objects.filter(kind=Organisation.Kind.HOST).first()
    if host is not None:  # the secretariat accredits: its conference services officers hear
        notify(
            event="governance.delegation_submitted",
            organisation=host,
            roles=[Role.CONFERENCE_SERVICES],
            obj=delegation,
            url=reverse("admin:governance_delegation_change", args=[delegation.pk]),
            actor=by,
            context={"member": str(delegation.organisation), "session": str(delegation.session)},
        )
    return delegation


def _decide(*, delegation, status, reason, by):
    if not by.has_perm("governance.manage_conference"):
        raise ValidationError(_("Only the secretariat accredits delegations."))
    delegation.status = status
    delegation.return_reason = reason
    delegation.decided_at = timezone.now()
    delegation.save(update_fields=["status", "return_reason", "decided_at", "updated_at"])
    notify(
        event=f"governance.delegation_{status}",
        organisation=delegation.organisation,
        roles=[Role.FOCAL_POINT],
        obj=delegation,
        url=reverse("governance:delegation", kwargs={"number": delegation.session.number}),
        actor=by,
        context={"session": str(delegation.session), "reason": reason},
    )
    return delegation


@transaction.atomic
def delegation_accredit(*, delegation: Delegation, by) -> Delegation:
    """Accredit the delegation; its focal points are notified."""
    return _decide(delegation=delegation, status=Delegation.Status.ACCREDITED, reason="", by=by)


@transaction.atomic
def delegation_return(*, delegation: Delegation, reason: str, by) -> Delegation:
    """Return the delegation to its focal point with a reason; they are notified."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Say why the delegation is returned."), code="no_reason")
    return _decide(delegation=delegation, status=Delegation.Status.RETURNED, reason=reason, by=by)


@transaction.atomic
def calendar_feed_reset(*, user) -> CalendarFeed:
    """Give `user` a private calendar address, or a new one: every address given before it
    answers "not found" from now on (a copied address that went too far is withdrawn)."""
    feed = CalendarFeed.objects.select_for_update().filter(user=user).first()
    if feed is None:
        feed = CalendarFeed.objects.create(user=user)
    else:
        feed.secret = new_secret()
        feed.reset_at = timezone.now()
        feed.save(update_fields=["secret", "reset_at"])
    security_logger.info("calendar address reset: user_id=%s", user.pk)
    return feed


@transaction.atomic
def vote_record(*, decision: Decision, organisation, choice: str) -> Vote:
    """Record (or correct) a member state's vote on a decision adopted by vote. Refused with a
    ValidationError for a member that is not a founding state, a decision not adopted by vote,
    or a member absent from the meeting where the decision was adopted (`Vote.clean`)."""
    vote = Vote.objects.filter(decision=decision, organisation=organisation).first() or Vote(
        decision=decision, organisation=organisation
    )
    vote.choice = choice
    vote.full_clean(validate_unique=False)
    vote.save()
    return vote
