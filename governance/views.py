"""Public and member pages of governance. Visibility comes from the selectors and the policy."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from members.content_cache import cached_until_content_changes, reads_query_parameters
from members.content_languages import languages_with_text
from members.kept_uploads import UploadKeeper
from members.permissions import audience
from members.private_file_downloads import private_file_download_record, private_file_response
from members.private_page_cache import cached_per_signed_in_user
from members.request_facts import client_ip
from members.uploads import PDF

from . import alerts, selectors, services
from .attendance import current_meeting
from .forms import DelegationHeadForm, DelegationMemberFormSet, DocumentFilterForm
from .models import (
    AssemblySession,
    Delegation,
    DelegationMember,
    Follow,
    Language,
    OfficeHolder,
    slug_to_symbol,
)

PAGE_SIZE = 30


def _session_or_404(number):
    return get_object_or_404(
        AssemblySession.objects.general_assembly().select_related("organ"), number=number
    )


def _accredited_delegations(request, session):
    if not request.user.has_perm("governance.view_accredited_delegations"):
        return None
    return (
        session.delegations.accredited()
        .select_related("organisation")
        .prefetch_related(
            Prefetch("members", queryset=DelegationMember.objects.select_related("user"))
        )
    )


@reads_query_parameters()
def session_list(request):
    sessions = AssemblySession.objects.general_assembly().select_related("organ")
    office_holders = OfficeHolder.objects.order_by("post", "-term_start")
    return render(
        request,
        "governance/session_list.html",
        {"sessions": sessions, "office_holders": office_holders},
    )


@reads_query_parameters()
def session_detail(request, number):
    """The agenda, each item with the documents and decisions the viewer may see."""
    session = _session_or_404(number)
    documents = selectors.documents_visible_to(request.user).filter(session=session).with_files()
    decisions = selectors.decisions_visible_to(request.user).filter(session=session)
    by_item = {}
    for document in documents:
        by_item.setdefault(document.agenda_item_id, {"documents": [], "decisions": []})
        by_item[document.agenda_item_id]["documents"].append(document)
    for decision in decisions:
        by_item.setdefault(decision.agenda_item_id, {"documents": [], "decisions": []})
        by_item[decision.agenda_item_id]["decisions"].append(decision)
    in_languages = {file.language for document in documents for file in document.files.all()}
    empty = {"documents": [], "decisions": []}
    agenda = [(item, by_item.get(item.pk, empty)) for item in session.agenda_items.all()]
    context = {
        "session": session,
        "agenda": agenda,
        "other": by_item.get(None, empty),
        "delegations": _accredited_delegations(request, session),
        # The session's documents in one language as one ZIP (session_archive.py), for each
        # language the viewer has a file in.
        "archives": [(code, label) for code, label in Language.choices if code in in_languages],
        "meetings": selectors.session_meetings(request.user, session),
        "content_languages": languages_with_text(session, "description", "venue"),
        # Whether the viewer follows the session (its "Unfollow" button): one query, signed in.
        "follow": _follow_of(request.user, session=session),
    }
    # Conference services' roll call link: the meeting on now (or next), from the rows above.
    context["current_meeting"] = current_meeting(context["meetings"])
    return render(request, "governance/session_detail.html", context)


def _follow_of(user, **target):
    if not user.is_authenticated:
        return None
    return Follow.objects.filter(user=user, **target).first()


@reads_query_parameters("page", *DocumentFilterForm.base_fields)
@cached_per_signed_in_user
def document_list(request):
    """The register: what the viewer may see, searched and filtered through a form.

    The form and the results are the same for every viewer with the same audience: they are
    rendered once and kept until a document changes.
    """

    def render_register():
        form = DocumentFilterForm(request.GET or None)
        documents = selectors.documents_visible_to(request.user).with_files()
        query, file_language = "", None
        if form.is_bound:
            if form.is_valid():
                documents = form.filter(documents, language=get_language())
                query, file_language = form.searched_words()
            else:
                documents = documents.none()
        page = Paginator(documents, PAGE_SIZE).get_page(request.GET.get("page"))
        # Words found inside the files of the documents shown: one query for the page.
        page.object_list = selectors.with_passages(
            page.object_list, query, language=get_language(), file_language=file_language
        )
        return render_to_string(
            "governance/_document_register.html", {"form": form, "page": page}, request
        )

    register = cached_until_content_changes(
        "document-register",
        audience(request.user),
        request.get_full_path(),
        compute=render_register,
    )
    return render(request, "governance/document_list.html", {"register": register})


def _visible_document_or_404(request, symbol):
    """The document if the viewer may see it; otherwise 404, exactly as if it did not exist."""
    return get_object_or_404(
        # The restricted_to organisations are read by the page only for a restricted document.
        selectors.documents_visible_to(request.user).with_related().select_related("revises"),
        symbol=slug_to_symbol(symbol),
    )


def _sign_in_or_404(request, symbol, language=None):
    """A signed-out visitor following a link to a members' document is asked to sign in and
    brought back; anything else the viewer may not see is "not found" (SECURITY.md C3)."""
    if selectors.sign_in_would_show_document(request.user, symbol, language=language):
        return redirect_to_login(request.get_full_path())
    raise Http404


@reads_query_parameters()
def document_detail(request, symbol):
    try:
        document = _visible_document_or_404(request, symbol)
    except Http404:
        return _sign_in_or_404(request, symbol)
    revisions = (
        selectors.documents_visible_to(request.user).filter(revises=document).order_by("symbol")
    )
    context = {
        "document": document,
        "revisions": revisions,
        "content_languages": languages_with_text(document, "title"),
        "follow": _follow_of(request.user, document_id=document.series_id),
    }
    return render(request, "governance/document_detail.html", context)


# --- Following a session or a document series ---------------------------------------------------


@login_required
@require_POST
def session_follow(request, number):
    session = _session_or_404(number)
    alerts.follow_session(user=request.user, session=session)
    messages.success(request, _("You now follow this session."))
    return redirect(session)


@login_required
@require_POST
def document_follow(request, symbol):
    """Follow the document's series; a document the person may not read is "not found"."""
    document = _visible_document_or_404(request, symbol)
    alerts.follow_series(user=request.user, document=document)
    messages.success(request, _("You now follow this series."))
    return redirect(document)


@login_required
@require_POST
def unfollow(request, pk):
    """Stop following (one's own follows only); back to the page it was asked from."""
    follow = get_object_or_404(Follow, pk=pk, user=request.user)
    alerts.unfollow(follow=follow)
    messages.success(request, _("You no longer follow it."))
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(back)
    return redirect("notifications:preferences")


@require_GET
def document_download(request, symbol, language):
    """Hand out one language file after the policy check, and audit it (SECURITY.md D2, D3)."""
    document_file = selectors.downloadable_file(request.user, symbol, language)
    if document_file is None:
        return _sign_in_or_404(request, symbol, language)
    response = private_file_response(
        document_file.file,
        filename=document_file.download_filename,
        content_type=document_file.content_type,
        as_attachment=document_file.content_type != PDF.content_type,
    )
    services.document_download_record(
        document_file=document_file,
        user=request.user,
        organisation=request.organisation,
        ip=client_ip(request),
    )
    return response


@reads_query_parameters("page")
def decision_list(request):
    decisions = (
        selectors.decisions_visible_to(request.user)
        .select_related("session__organ", "agenda_item")
        .order_by("-adopted_on", "symbol")
    )
    page = Paginator(decisions, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "governance/decision_list.html", {"page": page})


@reads_query_parameters()
def decision_detail(request, symbol):
    decision = get_object_or_404(
        selectors.decisions_with_votes_visible_to(request.user).select_related("meeting"),
        symbol=slug_to_symbol(symbol),
    )
    languages = languages_with_text(decision, "title", "text")
    present = decision.members_present()
    context = {
        "decision": decision,
        # Who was in the room when it was adopted by vote (the check-ins at its meeting).
        "members_present": list(present.order_by("name")) if present is not None else None,
        "content_languages": languages,
        # One Akoma Ntoso expression per language the decision is written in (akoma_ntoso.py).
        "akn_expressions": [(code, Language(code).label) for code in languages],
    }
    return render(request, "governance/decision_detail.html", context)


# --- Delegations (members) ---------------------------------------------------------------------


def _person_initial(member):
    if member is None:
        return {}
    listed = {
        "title": member.title,
        "name_latin": member.name_latin,
        "position": member.position,
        "function": member.function,
    }
    if member.user_id:
        return {"user": member.user_id, **listed}
    return {"guest_name": member.guest_name, "guest_email": member.guest_email, **listed}


@login_required
def delegation(request, number):
    """The acting organisation's delegation to a session: its focal point registers it."""
    session = _session_or_404(number)
    organisation = request.organisation
    if organisation is None or not organisation.is_member:
        raise Http404
    delegation = (
        Delegation.objects.filter(session=session, organisation=organisation)
        .prefetch_related(
            Prefetch("members", queryset=DelegationMember.objects.select_related("user"))
        )
        .first()
    )
    may_register = request.user.has_perm("governance.register_delegation", organisation)
    if not may_register and not (
        delegation and request.user.has_perm("governance.view_own_delegation", delegation)
    ):
        raise Http404
    if delegation is None:
        can_edit = may_register and session.registration_is_open
    else:
        can_edit = may_register and request.user.has_perm("governance.edit_delegation", delegation)
    members = list(delegation.members.all()) if delegation else []
    head = next((m for m in members if m.is_head), None)
    form_kwargs = {"organisation": organisation}
    head_form = DelegationHeadForm(
        request.POST or None,
        request.FILES or None,
        prefix="head",
        initial=_person_initial(head),
        upload_keeper=UploadKeeper(request.session),
        **form_kwargs,
    )
    member_forms = DelegationMemberFormSet(
        request.POST or None,
        prefix="members",
        initial=[_person_initial(m) for m in members if not m.is_head],
        form_kwargs=form_kwargs,
    )
    if request.method == "POST":
        if not can_edit:
            messages.error(
                request,
                _(
                    "This delegation can no longer be changed here: the registration deadline "
                    "has passed or it was accredited. Please contact the secretariat."
                ),
            )
            return redirect("governance:delegation", number=number)
        if request.POST.get("action") == "submit" and delegation is not None:
            try:
                services.delegation_submit(delegation=delegation, by=request.user)
            except ValidationError as error:
                messages.error(request, error.messages[0])
            else:
                messages.success(request, _("The delegation was sent to the secretariat."))
            return redirect("governance:delegation", number=number)
        if head_form.is_valid() and member_forms.is_valid():
            try:
                services.delegation_save(
                    session=session,
                    organisation=organisation,
                    head=head_form.person(),
                    members=member_forms.people(),
                    credentials_letter=head_form.cleaned_data.get("credentials_letter"),
                    by=request.user,
                )
            except ValidationError as error:
                head_form.add_error(None, error)
            else:
                head_form.discard_kept_uploads()
                messages.success(request, _("The delegation was saved as a draft."))
                return redirect("governance:delegation", number=number)
    context = {
        "session": session,
        "organisation": organisation,
        "delegation": delegation,
        "members": members,
        "can_edit": can_edit,
        "head_form": head_form,
        "member_forms": member_forms,
    }
    return render(request, "governance/delegation.html", context)


@login_required
@require_GET
def delegation_credentials(request, pk):
    """The credentials letter: for the organisation's member users and the secretariat only."""
    delegation = get_object_or_404(Delegation.objects.select_related("organisation"), pk=pk)
    if not delegation.credentials_letter or not request.user.has_perm(
        "governance.view_own_delegation", delegation
    ):
        raise Http404
    response = private_file_response(
        delegation.credentials_letter,
        filename=delegation.private_file_download_name("credentials_letter"),
        content_type=PDF.content_type,
        as_attachment=False,
    )
    private_file_download_record(
        field_file=delegation.credentials_letter,
        owner=delegation.organisation,
        user=request.user,
        organisation=request.organisation,
        ip=client_ip(request),
    )
    return response
