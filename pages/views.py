from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.middleware.csp import get_nonce
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from js_asset import Media

from members.content_cache import reads_query_parameters
from members.models import Organisation
from members.permissions import access_acting_organisation

from . import services
from .forms import PageForm
from .menus import host_menu
from .models import Page
from .selectors import pages_visible_to


def _page_context(request, page, **extra):
    """What the page template needs: the page, its fallback state, its canonical URL."""
    language = get_language()
    context = {
        "page": page,
        "shows_fallback": not page.has_translation(language),
        "canonical_url": request.build_absolute_uri(page.get_absolute_url()),
        "section_menu": _section_menu(page),
        "content_languages": page.available_languages(),
    }
    return context | extra


def _section_menu(page):
    """The body's page and its neighbours in the menu (from the cached menu, no query)."""
    if not page.organisation.is_host:
        return None
    for entry in host_menu():
        slugs = {entry["slug"], *(child["slug"] for child in entry["children"])}
        if page.slug in slugs and entry["children"]:
            return entry
    return None


@reads_query_parameters()
def page_detail(request, slug):
    """One of the body's mission pages, at /<lang>/<slug>/."""
    page = get_object_or_404(
        pages_visible_to(request.user).of_host().select_related("organisation"),
        slug=slug,
    )
    return render(request, "pages/page.html", _page_context(request, page))


@reads_query_parameters()
def member_page(request, organisation_slug, slug):
    """A member's page, at /<lang>/members/<organisation>/<slug>/ (the body's pages live at /)."""
    page = get_object_or_404(
        pages_visible_to(request.user)
        .filter(organisation__slug=organisation_slug)
        .exclude(organisation__kind=Organisation.Kind.HOST)
        .select_related("organisation"),
        slug=slug,
    )
    return render(request, "pages/page.html", _page_context(request, page))


# --- The member dashboard: the acting organisation's pages ----------------------------------


def _page_of(request, pk):
    """The acting organisation's page; another organisation's is "not found", never "forbidden"."""
    organisation = access_acting_organisation(request, "pages.edit_page")
    return get_object_or_404(
        Page.objects.for_organisation(organisation).select_related("organisation"), pk=pk
    )


def _form_context(request, form, organisation, page=None):
    nonce = get_nonce(request)
    return {
        "form": form,
        "organisation": organisation,
        "page": page,
        # The editor's import map is an inline script: it needs the page's CSP nonce.
        "form_media": Media.from_media(form.media, nonce=str(nonce) if nonce is not None else ""),
    }


@login_required
def dashboard_pages(request):
    organisation = access_acting_organisation(request, "pages.edit_page")
    pages = (
        Page.objects.for_organisation(organisation)
        .select_related("organisation", "parent")
        .in_order()
    )
    return render(
        request, "pages/dashboard/page_list.html", {"organisation": organisation, "pages": pages}
    )


@login_required
def dashboard_page_create(request):
    organisation = access_acting_organisation(request, "pages.edit_page")
    form = PageForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        page = services.page_create(organisation=organisation, fields=form.page_fields())
        messages.success(request, _("The page was saved as a draft. Check it, then publish it."))
        return redirect("pages:dashboard_preview", pk=page.pk)
    return render(
        request, "pages/dashboard/page_form.html", _form_context(request, form, organisation)
    )


@login_required
def dashboard_page_edit(request, pk):
    page = _page_of(request, pk)
    organisation = page.organisation
    form = PageForm(request.POST or None, instance=page, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        services.page_update(page=page, fields=form.page_fields())
        messages.success(request, _("The page was saved."))
        return redirect("pages:dashboard_preview", pk=page.pk)
    return render(
        request,
        "pages/dashboard/page_form.html",
        _form_context(request, form, organisation, page=page),
    )


@login_required
def dashboard_page_preview(request, pk):
    """The page as the public will see it, with the buttons to publish or withdraw it."""
    page = _page_of(request, pk)
    return render(request, "pages/page.html", _page_context(request, page, is_preview=True))


@login_required
@require_POST
def dashboard_page_publish(request, pk):
    page = _page_of(request, pk)
    services.page_publish(page=page)
    messages.success(request, _("“%(title)s” is now public.") % {"title": page.title})
    return redirect("pages:dashboard_list")


@login_required
@require_POST
def dashboard_page_unpublish(request, pk):
    page = _page_of(request, pk)
    services.page_unpublish(page=page)
    messages.success(
        request,
        _("“%(title)s” is a draft again: the public no longer sees it.") % {"title": page.title},
    )
    return redirect("pages:dashboard_list")
