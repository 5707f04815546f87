"""Use cases of the members app: memberships, invitations, switching the acting organisation."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import ROLES_BY_KIND, Invitation, Membership, Organisation, Role
from .permissions import forget_memberships

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
    host_roles = set(
        user.memberships.filter(organisation__kind=Organisation.Kind.HOST).values_list(
            "role", flat=True
        )
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
def invitation_create(*, organisation, email, role, invited_by) -> tuple[Invitation, str]:
    """Invite an e-mail address to take a role in the organisation and mail them the link.

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
    from .tasks import send_invitation_email

    transaction.on_commit(lambda: send_invitation_email.delay(invitation.pk, token))
    return invitation, token


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


def acting_organisation_switch(*, request, organisation) -> None:
    """Act for another of the user's organisations for the rest of this session."""
    if not request.user.has_perm("members.act_for_organisation", organisation):
        raise ValidationError(_("You do not belong to this organisation."), code="not_member")
    request.session[ACTING_ORGANISATION_SESSION_KEY] = organisation.pk
