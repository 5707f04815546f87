from allauth.account.internal.flows.login import perform_password_login
from allauth.account.models import Login
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import rate_limits, services
from .content_cache import reads_query_parameters
from .content_languages import languages_with_text
from .forms import (
    AcceptInvitationForm,
    DirectoryFilterForm,
    InvitationForm,
    JoinRequestAnswerForm,
    JoinRequestForm,
    MicrositeDetailsForm,
    OrganisationSwitchForm,
    TeamMemberForm,
)
from .kept_uploads import UploadKeeper
from .models import Invitation, JoinRequest, Membership, Organisation, TeamMember
from .permissions import access_acting_organisation
from .request_facts import client_ip
from .selectors import organisations_visible_to

DIRECTORY_PAGE_SIZE = 24
JOIN_REQUESTS_PAGE_SIZE = 20


@reads_query_parameters("page", *DirectoryFilterForm.base_fields)
def directory(request):
    """Founding states and associate members, filtered by kind and region, searched by name."""
    form = DirectoryFilterForm(request.GET or None)
    organisations = Organisation.objects.directory()
    if form.is_bound:
        organisations = form.filter(organisations) if form.is_valid() else organisations.none()
    page = Paginator(organisations, DIRECTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "members/directory.html", {"page": page, "form": form})


@reads_query_parameters()
def microsite(request, slug):
    """An organisation's overview: who it is, its pages, its team, and how to join it."""
    organisation = get_object_or_404(organisations_visible_to(request.user), slug=slug)
    context = {
        "organisation": organisation,
        "team": TeamMember.objects.of(organisation),
        "accepts_join_requests": organisation.is_member and organisation.is_public,
        "content_languages": languages_with_text(organisation, "name", "summary"),
    }
    return render(request, "members/microsite.html", context)


def join(request, slug):
    """The public "join us / support us" form of a member organisation."""
    organisation = get_object_or_404(Organisation.objects.public().members(), slug=slug)
    form = JoinRequestForm(request.POST or None)
    if request.method == "POST":
        if not rate_limits.attempt_allowed(
            rate_limits.JOIN_REQUEST, ip=client_ip(request), within=organisation.pk
        ):
            return render(
                request, "members/join_limited.html", {"organisation": organisation}, status=429
            )
        if form.is_spam:
            # A robot filled the hidden field: it is told "thank you" and nothing is stored.
            return redirect("members:join_thanks", slug=organisation.slug)
        if form.is_valid():
            services.join_request_submit(
                organisation=organisation,
                language=get_language() or settings.LANGUAGE_CODE,
                **{name: form.cleaned_data[name] for name in JoinRequestForm.Meta.fields},
            )
            return redirect("members:join_thanks", slug=organisation.slug)
    return render(request, "members/join.html", {"organisation": organisation, "form": form})


def join_thanks(request, slug):
    organisation = get_object_or_404(Organisation.objects.public().members(), slug=slug)
    return render(request, "members/join_thanks.html", {"organisation": organisation})


@login_required
def microsite_edit(request):
    """The acting organisation's overview: summary in each language, website and logo."""
    organisation = access_acting_organisation(request, "members.edit_microsite")
    form = MicrositeDetailsForm(
        request.POST or None,
        request.FILES or None,
        instance=organisation,
        upload_keeper=UploadKeeper(request.session),
    )
    if request.method == "POST" and form.is_valid():
        services.microsite_details_update(organisation=organisation, **form.cleaned_data)
        form.discard_kept_uploads()
        messages.success(request, _("The overview of your microsite was saved."))
        return redirect("members:microsite_edit")
    return render(
        request,
        "members/dashboard/microsite_edit.html",
        {"organisation": organisation, "form": form},
    )


@login_required
def team(request):
    """The acting organisation's team, and the form to add a person."""
    organisation = access_acting_organisation(request, "members.edit_microsite")
    form = TeamMemberForm(
        request.POST or None, request.FILES or None, upload_keeper=UploadKeeper(request.session)
    )
    if request.method == "POST" and form.is_valid():
        team_member = services.team_member_create(organisation=organisation, **form.cleaned_data)
        form.discard_kept_uploads()
        messages.success(request, _("%(name)s was added to the team.") % {"name": team_member.name})
        return redirect("members:team")
    context = {
        "organisation": organisation,
        "team": TeamMember.objects.of(organisation),
        "form": form,
    }
    return render(request, "members/dashboard/team.html", context)


def _team_member_of(request, pk):
    organisation = access_acting_organisation(request, "members.edit_microsite")
    # Another organisation's team member is "not found", never "forbidden".
    return get_object_or_404(TeamMember.objects.of(organisation), pk=pk)


@login_required
def team_member_edit(request, pk):
    team_member = _team_member_of(request, pk)
    form = TeamMemberForm(
        request.POST or None,
        request.FILES or None,
        instance=team_member,
        upload_keeper=UploadKeeper(request.session),
    )
    if request.method == "POST" and form.is_valid():
        services.team_member_update(team_member=team_member, **form.cleaned_data)
        form.discard_kept_uploads()
        messages.success(request, _("%(name)s was updated.") % {"name": team_member.name})
        return redirect("members:team")
    return render(
        request,
        "members/dashboard/team_member_edit.html",
        {"team_member": team_member, "form": form},
    )


@login_required
@require_POST
def team_member_delete(request, pk):
    team_member = _team_member_of(request, pk)
    services.team_member_delete(team_member=team_member)
    messages.success(request, _("%(name)s was removed from the team.") % {"name": team_member.name})
    return redirect("members:team")


@login_required
@require_POST
def team_member_move(request, pk):
    team_member = _team_member_of(request, pk)
    offset = {"up": -1, "down": 1}.get(request.POST.get("direction"))
    if offset is None:
        messages.error(request, _("Choose to move the person up or down."))
    else:
        services.team_member_move(team_member=team_member, offset=offset)
    return redirect("members:team")


@login_required
def join_requests(request):
    """The join requests sent to the acting organisation, newest first."""
    organisation = access_acting_organisation(request, "members.answer_join_requests")
    requests_ = JoinRequest.objects.of(organisation)
    page = Paginator(requests_, JOIN_REQUESTS_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "members/dashboard/join_requests.html",
        {"organisation": organisation, "page": page},
    )


def _join_request_of(request, pk):
    organisation = access_acting_organisation(request, "members.answer_join_requests")
    return get_object_or_404(
        JoinRequest.objects.of(organisation).select_related("answered_by"), pk=pk
    )


@login_required
def join_request_detail(request, pk):
    """Read one request and answer it (the answer is mailed to the visitor)."""
    join_request = _join_request_of(request, pk)
    form = JoinRequestAnswerForm(request.POST or None)
    if request.method == "POST":
        if join_request.status == JoinRequest.Status.CLOSED:
            messages.error(request, _("This request is closed: it cannot be answered any more."))
            return redirect("members:join_request_detail", pk=join_request.pk)
        if form.is_valid():
            services.join_request_answer(
                join_request=join_request,
                answer=form.cleaned_data["answer"],
                answered_by=request.user,
            )
            messages.success(
                request,
                _("Your answer was sent to %(email)s.") % {"email": join_request.email},
            )
            return redirect("members:join_request_detail", pk=join_request.pk)
    return render(
        request,
        "members/dashboard/join_request_detail.html",
        {"join_request": join_request, "form": form},
    )


@login_required
@require_POST
def join_request_close(request, pk):
    join_request = _join_request_of(request, pk)
    services.join_request_close(join_request=join_request)
    messages.success(request, _("The request was closed."))
    return redirect("members:join_requests")


@login_required
def people(request):
    """The acting organisation's users and pending invitations, and the form to invite more."""
    organisation = access_acting_organisation(request, "members.manage_people")
    form = InvitationForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_create(
                organisation=organisation,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                invited_by=request.user,
                language=request.LANGUAGE_CODE,
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
    organisation = access_acting_organisation(request, "members.manage_people")
    # Another organisation's invitation is "not found", never "forbidden".
    invitation = get_object_or_404(Invitation, pk=pk, organisation=organisation)
    services.invitation_revoke(invitation=invitation)
    messages.success(request, _("The invitation was withdrawn."))
    return redirect("members:people")


@login_required
@require_POST
def membership_remove(request, pk):
    organisation = access_acting_organisation(request, "members.manage_people")
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
        user=request.user, session=request.session, organisation=form.cleaned_data["organisation"]
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
            messages.success(request, _("Welcome to the OEC Portal."))
            # Through allauth's password sign-in (the invitee has just typed their password),
            # not django.contrib.auth.login(): it records the authentication in the session,
            # so the TOTP setup that secretariat roles are sent to next does not ask for the
            # password again (members.adapters.signed_in_recently). allauth has no public
            # function that both signs in and records it (account.utils.perform_login does
            # not record); tests/members/test_invitations.py notices if this one changes.
            return perform_password_login(
                request,
                {"email": user.email},
                Login(user=user, email=user.email, redirect_url=reverse("dashboard")),
            )
    return render(
        request, "members/invitation_accept.html", {"invitation": invitation, "form": form}
    )
