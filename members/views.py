from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .forms import AcceptInvitationForm, InvitationForm, OrganisationSwitchForm
from .models import Invitation, Membership, Organisation


def directory(request):
    organisations = Organisation.objects.public().members().order_by("kind", "name")
    page = Paginator(organisations, 30).get_page(request.GET.get("page"))
    return render(request, "members/directory.html", {"page": page})


def microsite(request, slug):
    organisation = get_object_or_404(Organisation.objects.visible_to(request.user), slug=slug)
    return render(request, "members/microsite.html", {"organisation": organisation})


def _organisation_managed_by(request):
    """The acting organisation, if the user may manage its people; otherwise refuse."""
    organisation = request.organisation
    if not organisation or not request.user.has_perm("members.manage_people", organisation):
        raise PermissionDenied
    return organisation


@login_required
def people(request):
    """The acting organisation's users and pending invitations, and the form to invite more."""
    organisation = _organisation_managed_by(request)
    form = InvitationForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_create(
                organisation=organisation,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                invited_by=request.user,
            )
        except ValidationError as error:
            form.add_error("email", error)
        else:
            messages.success(
                request,
                _("An invitation was sent to %(email)s.") % {"email": form.cleaned_data["email"]},
            )
            return redirect("members:people")
    context = {
        "organisation": organisation,
        "form": form,
        "memberships": organisation.memberships.select_related("user").order_by("user__email"),
        "invitations": organisation.invitations.pending().select_related("invited_by"),
    }
    return render(request, "members/people.html", context)


@login_required
@require_POST
def invitation_revoke(request, pk):
    organisation = _organisation_managed_by(request)
    # Another organisation's invitation is "not found", never "forbidden".
    invitation = get_object_or_404(Invitation, pk=pk, organisation=organisation)
    services.invitation_revoke(invitation=invitation)
    messages.success(request, _("The invitation was withdrawn."))
    return redirect("members:people")


@login_required
@require_POST
def membership_remove(request, pk):
    organisation = _organisation_managed_by(request)
    membership = get_object_or_404(Membership, pk=pk, organisation=organisation)
    try:
        services.membership_remove(membership=membership)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("%(user)s was removed.") % {"user": membership.user})
    return redirect("members:people")


@login_required
@require_POST
def organisation_switch(request):
    form = OrganisationSwitchForm(request.POST, user=request.user)
    if not form.is_valid():
        raise Http404
    services.acting_organisation_switch(
        request=request, organisation=form.cleaned_data["organisation"]
    )
    messages.success(
        request,
        _("You now act for %(organisation)s.")
        % {"organisation": form.cleaned_data["organisation"]},
    )
    return redirect("dashboard")


def invitation_accept(request, token):
    """Accept an invitation: a signed-in invitee joins; a new one sets a name and password."""
    invitation = services.invitation_for_token(token)
    if invitation is None:
        return render(request, "members/invitation_invalid.html", status=404)
    if request.user.is_authenticated:
        if request.method == "POST":
            try:
                services.invitation_accept(token=token, user=request.user)
            except ValidationError as error:
                messages.error(request, error.messages[0])
                return redirect("dashboard")
            messages.success(
                request,
                _("You joined %(organisation)s.") % {"organisation": invitation.organisation},
            )
            return redirect("dashboard")
        return render(request, "members/invitation_accept.html", {"invitation": invitation})
    if get_user_model().objects.filter(email__iexact=invitation.email).exists():
        messages.info(request, _("Sign in with your account to accept the invitation."))
        return redirect(f"{reverse('account_login')}?next={request.path}")
    form = AcceptInvitationForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.account_create_from_invitation(
                token=token,
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                password=form.cleaned_data["password1"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome to the OEC Portal."))
            return redirect("dashboard")
    return render(
        request, "members/invitation_accept.html", {"invitation": invitation, "form": form}
    )
