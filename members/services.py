"""Use cases of the members app: memberships, invitations, switching the acting organisation."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import (
    ROLES_BY_KIND,
    SECRETARIAT_ROLES,
    Invitation,
    JoinRequest,
    Membership,
    Organisation,
    Role,
    TeamMember,
)
from .notifications import notify
from .permissions import forget_memberships
from .tasks import send_invitation_email, send_join_request_answer

ACTING_ORGANISATION_SESSION_KEY = "oec_acting_organisation_id"


def _check_role_fits(*, organisation, role):
    if role not in ROLES_BY_KIND[organisation.kind]:
        raise ValidationError(
            _("The role “%(role)s” does not exist in an organisation of kind “%(kind)s”.")
            % {"role": Role(role).label, "kind": organisation.get_kind_display()},
            code="role_does_not_fit",
        )


def _sync_back_office_access(user):
    """Django admin access follows secretariat membership: staff flag, groups, superuser.

    Administrators are superusers of the back office; other officers get the group named
    after their role, whose model permissions the apps grant (see members.groups).
    """
    # A translator belongs to the host organisation but is no officer: no back office.
    host_roles = set(
        user.memberships.filter(
            organisation__kind=Organisation.Kind.HOST, role__in=SECRETARIAT_ROLES
        ).values_list("role", flat=True)
    )
    user.is_staff = bool(host_roles)
    user.is_superuser = Role.ADMINISTRATOR in host_roles
    user.save(update_fields=["is_staff", "is_superuser"])
    secretariat_groups = Group.objects.filter(name__in=[r.value for r in Role])
    user.groups.remove(*secretariat_groups.exclude(name__in=host_roles))
    user.groups.add(*[Group.objects.get_or_create(name=role)[0] for role in host_roles])
    forget_memberships(user)


@transaction.atomic
def membership_grant(*, user, organisation, role) -> Membership:
    """Give the user this role in the organisation (replacing any role they had there)."""
    _check_role_fits(organisation=organisation, role=role)
    membership, _created = Membership.objects.update_or_create(
        user=user, organisation=organisation, defaults={"role": role}
    )
    _sync_back_office_access(user)
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership) -> None:
    """Take the user out of the organisation; the last focal point cannot be removed."""
    if (
        membership.role == Role.FOCAL_POINT
        and not Membership.objects.filter(
            organisation=membership.organisation, role=Role.FOCAL_POINT
        )
        .exclude(pk=membership.pk)
        .exists()
    ):
        raise ValidationError(
            _("An organisation keeps at least one focal point. Appoint another one first."),
            code="last_focal_point",
        )
    user = membership.user
    membership.delete()
    _sync_back_office_access(user)


@transaction.atomic
def invitation_create(
    *, organisation, email, role, invited_by, language: str = settings.LANGUAGE_CODE
) -> tuple[Invitation, str]:
    """Invite an e-mail address to take a role in the organisation and mail them the link, in
    `language` (the inviter's: the person invited has no account to hold a preference yet).

    Returns the invitation and its token (the token is only ever stored hashed). An earlier
    pending invitation of the same address to the same organisation is revoked.
    """
    email = email.strip().lower()
    _check_role_fits(organisation=organisation, role=role)
    if Membership.objects.filter(organisation=organisation, user__email__iexact=email).exists():
        raise ValidationError(
            _("%(email)s already belongs to this organisation.") % {"email": email},
            code="already_member",
        )
    Invitation.objects.pending().filter(organisation=organisation, email__iexact=email).update(
        revoked_at=timezone.now()
    )
    token = Invitation.new_token()
    invitation = Invitation.objects.create(
        organisation=organisation,
        email=email,
        role=role,
        token_hash=Invitation.hash_token(token),
        invited_by=invited_by,
        expires_at=Invitation.default_expiry(),
    )
    transaction.on_commit(
        lambda: send_invitation_email.delay(invitation.pk, token, language=language)
    )
    return invitation, token


def partner_contact_invite(*, organisation, email, invited_by) -> tuple[Invitation, str]:
    """Invite an e-mail address to be a partner contact of an admitted partner NGO (the
    partnerships officers do it from the partner's back-office record).

    Refused (ValidationError, nothing written) for any other organisation: a member state, an
    applicant, a suspended or ended partner.
    """
    if not organisation.is_admitted_partner:
        raise ValidationError(
            _("Only the contacts of an admitted partner NGO can be invited here."),
            code="not_admitted_partner",
        )
    return invitation_create(
        organisation=organisation, email=email, role=Role.PARTNER_CONTACT, invited_by=invited_by
    )


def invitation_revoke(*, invitation: Invitation) -> None:
    Invitation.objects.filter(pk=invitation.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def invitation_for_token(token) -> Invitation | None:
    """The pending invitation this token opens, or None (unknown, used, revoked or expired)."""
    return Invitation.objects.pending().with_token(token).select_related("organisation").first()


@transaction.atomic
def invitation_accept(*, token, user) -> Membership:
    """Turn a pending invitation into a membership of the user. Works once per token."""
    invitation = Invitation.objects.select_for_update().pending().with_token(token).first()
    if invitation is None:
        raise ValidationError(
            _("This invitation link is not valid: it may have expired or been used already."),
            code="invalid_invitation",
        )
    if invitation.email.lower() != user.email.lower():
        raise ValidationError(
            _("This invitation was sent to another e-mail address."), code="wrong_user"
        )
    membership = membership_grant(
        user=user, organisation=invitation.organisation, role=invitation.role
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership


@transaction.atomic
def account_create_from_invitation(*, token, first_name, last_name, password):
    """Create the account of a newly invited person, with their e-mail address verified."""
    from allauth.account.models import EmailAddress

    invitation = invitation_for_token(token)
    if invitation is None:
        raise ValidationError(
            _("This invitation link is not valid: it may have expired or been used already."),
            code="invalid_invitation",
        )
    try:
        with transaction.atomic():
            user = get_user_model().objects.create_user(
                email=invitation.email,
                password=password,
                first_name=first_name,
                last_name=last_name,
            )
    except IntegrityError as error:
        raise ValidationError(
            _("An account with this e-mail address exists already: sign in to accept."),
            code="account_exists",
        ) from error
    # The invitation reached this address, so it is verified.
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    invitation_accept(token=token, user=user)
    return user


def acting_organisation_switch(*, user, session, organisation) -> None:
    """Let `user` act for another of their organisations for the rest of this `session`."""
    if not user.has_perm("members.act_for_organisation", organisation):
        raise ValidationError(_("You do not belong to this organisation."), code="not_member")
    session[ACTING_ORGANISATION_SESSION_KEY] = organisation.pk


# --- Microsite overview ------------------------------------------------------------------------


@transaction.atomic
def microsite_details_update(*, organisation, **fields):
    """Change an organisation's summary (per language), website and logo."""
    languages = [code for code, _label in settings.LANGUAGES]
    allowed = {"website", "logo"} | {f"summary_{code}" for code in languages}
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"Not microsite fields: {sorted(unknown)}")
    values = dict(fields)
    # Read from the database: a bound ModelForm has already put the new file on the instance.
    old_logo = Organisation.objects.filter(pk=organisation.pk).values_list("logo", flat=True)
    old_logo = old_logo.first() or ""
    if values.get("logo") is False:  # "clear" ticked
        values["logo"] = ""
    elif "logo" in values and values["logo"] is None:
        del values["logo"]
    for name, value in values.items():
        setattr(organisation, name, value)
    organisation.save(update_fields=list(values))
    if old_logo and "logo" in values and organisation.logo.name != old_logo:
        # The replaced file goes once the new one is stored.
        storage = organisation.logo.storage
        transaction.on_commit(lambda: storage.delete(old_logo))
    return organisation


# --- Team ----------------------------------------------------------------------------------


def _team_fields(fields):
    languages = [code for code, _label in settings.LANGUAGES]
    allowed = {"name", "photo"} | {
        f"{name}_{code}" for name in ("role_title", "biography") for code in languages
    }
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"Not team member fields: {sorted(unknown)}")
    values = dict(fields)
    # A form's "clear" checkbox gives False; None means "keep the current photo".
    if values.get("photo") is False:
        values["photo"] = ""
    elif "photo" in values and values["photo"] is None:
        del values["photo"]
    return values


@transaction.atomic
def team_member_create(*, organisation, **fields):
    """Add a person at the end of the organisation's team."""
    values = _team_fields(fields)
    last = TeamMember.objects.of(organisation).values_list("order", flat=True).last() or 0
    team_member = TeamMember(organisation=organisation, order=last + 1, **values)
    team_member.save()
    return team_member


@transaction.atomic
def team_member_update(*, team_member, **fields):
    values = _team_fields(fields)
    old_photo = TeamMember.objects.filter(pk=team_member.pk).values_list("photo", flat=True)
    old_photo = old_photo.first() or ""
    for name, value in values.items():
        setattr(team_member, name, value)
    team_member.save(update_fields=list(values))
    if old_photo and "photo" in values and team_member.photo.name != old_photo:
        storage = team_member.photo.storage
        transaction.on_commit(lambda: storage.delete(old_photo))
    return team_member


@transaction.atomic
def team_member_delete(*, team_member) -> None:
    photo = team_member.photo.name
    storage = team_member.photo.storage
    team_member.delete()
    if photo:
        transaction.on_commit(lambda: storage.delete(photo))


@transaction.atomic
def team_member_move(*, team_member, offset: int) -> None:
    """Move a person up (offset -1) or down (+1) in their team's order."""
    team = list(
        TeamMember.objects.of(team_member.organisation_id).select_for_update().only("pk", "order")
    )
    positions = [member.pk for member in team]
    index = positions.index(team_member.pk)
    target = index + offset
    if not 0 <= target < len(team):
        return
    positions[index], positions[target] = positions[target], positions[index]
    for order, pk in enumerate(positions, start=1):
        TeamMember.objects.filter(pk=pk).update(order=order)


# --- Join requests ---------------------------------------------------------------------------


@transaction.atomic
def join_request_submit(
    *, organisation, name, email, support, message, language, country="", affiliation=""
):
    """Store a visitor's join request and notify the organisation's focal points."""
    join_request = JoinRequest.objects.create(
        organisation=organisation,
        name=name,
        email=email.strip().lower(),
        country=country or "",
        affiliation=affiliation,
        support=support,
        message=message,
        language=language,
    )
    notify(
        event="members.join_request_received",
        organisation=organisation,
        roles=[Role.FOCAL_POINT],
        obj=join_request,
        url=reverse("members:join_request_detail", kwargs={"pk": join_request.pk}),
        context={"name": join_request.name},
    )
    return join_request


@transaction.atomic
def join_request_answer(*, join_request, answer, answered_by):
    """Record the focal point's answer and mail it to the visitor in their language."""
    join_request.answer = answer
    join_request.answered_at = timezone.now()
    join_request.answered_by = answered_by
    join_request.status = JoinRequest.Status.ANSWERED
    join_request.save(update_fields=["answer", "answered_at", "answered_by", "status"])
    transaction.on_commit(lambda: send_join_request_answer.delay(join_request.pk))
    return join_request


@transaction.atomic
def join_request_close(*, join_request):

    join_request.status = JoinRequest.Status.CLOSED
    join_request.closed_at = timezone.now()
    join_request.save(update_fields=["status", "closed_at"])
    return join_request
