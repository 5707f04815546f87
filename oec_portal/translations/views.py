"""Thin views of translation management (`/<lang>/dashboard/translations/`).

The communications officers (and administrators) see everything; a translator reaches only
the editor of what is assigned to them: anyone else who may not use the workspace is refused
(403), and an item that is not theirs is "not found" (404), as the house pattern says.
"""

import difflib
import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.middleware.csp import get_nonce
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from js_asset import Media

from members.models import TranslationAssignment
from members.permissions import access_acting_organisation
from members.translation_records import OUTDATED, TranslationTarget, target_languages

from . import exchange, services
from .forms import (
    STATE_LABELS,
    AssignmentForm,
    ExportForm,
    ImportForm,
    OverviewFilterForm,
    TranslationForm,
    language_choices,
    language_direction,
)
from .items import item_type_of
from .overview import (
    assignments_for_communications,
    item_language_state,
    source_records,
    translation_overview,
    with_items,
)

PER_PAGE = 50
MANAGE, WORKSPACE = "members.manage_translations", "members.use_translation_workspace"


@login_required
def overview(request):
    access_acting_organisation(request, MANAGE)
    filter_form = OverviewFilterForm(request.GET or None)
    filters = filter_form.filters()
    result = translation_overview(**filters)
    page = Paginator(result.rows, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "filter_form": filter_form,
        "page": page,
        "counts": [(state, STATE_LABELS[state], n) for state, n in result.counts.items()],
        "total": result.total,
        "state_labels": STATE_LABELS,
        # Its own ids: the filter form above has a "language" field too.
        "export_form": ExportForm(
            initial={"language": filters["language"] or None}, auto_id="id_export_%s"
        ),
        "filters": filters,
        "may_manage": True,
    }
    return render(request, "translations/overview.html", context)


@login_required
def assignments(request):
    access_acting_organisation(request, MANAGE)
    page = Paginator(assignments_for_communications(), PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = with_items(page.object_list)
    context = {"page": page, "mine": False, "may_manage": True}
    return render(request, "translations/assignments.html", context)


@login_required
def my_assignments(request):
    access_acting_organisation(request, WORKSPACE)
    queryset = TranslationAssignment.objects.for_translator(request.user)
    page = Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = with_items(page.object_list)
    context = {
        "page": page,
        "mine": True,
        "may_manage": request.user.has_perm(MANAGE, request.organisation),
    }
    return render(request, "translations/assignments.html", context)


def _item_for(request, type_key, pk, language):
    """(item_type, item) the user may translate into `language`; 404 for anything else."""
    access_acting_organisation(request, WORKSPACE)
    item_type = item_type_of(type_key)
    if item_type is None or language not in target_languages():
        raise Http404
    item = item_type.get(pk)
    target = TranslationTarget(
        content_type_id=item_type.content_type.pk, object_id=pk, language=language
    )
    if item is None or not request.user.has_perm("members.translate_item", target):
        raise Http404
    return item_type, item


_WORDS = re.compile(r"(\s+)")


def source_change(before, after):
    """[(kind, text)] from the source a translation was made from to today's source: kind is
    "equal", "removed" or "added" (the template escapes the text)."""
    old, new = _WORDS.split(before or ""), _WORDS.split(after or "")
    segments = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new).get_opcodes():
        if tag == "equal":
            segments.append(("equal", "".join(old[i1:i2])))
            continue
        if i2 > i1:
            segments.append(("removed", "".join(old[i1:i2])))
        if j2 > j1:
            segments.append(("added", "".join(new[j1:j2])))
    return segments


def _public_url(item):
    """Where the portal shows the item, when it shows it to the public (a partner still
    applying, a draft article or a members-only decision has no public page to link to)."""
    if not hasattr(item, "get_absolute_url") or getattr(item, "is_public", True) is False:
        return ""
    return item.get_absolute_url()


def _editor_context(request, item_type, item, language, form, assign_form=None):
    state, field_states = item_language_state(item_type, item, language)
    records = source_records(item_type, item, language)
    rows = []
    for name in form.translated_fields:
        record = records.get(name)
        outdated = field_states.get(name) == OUTDATED
        rows.append(
            {
                "field": form[name],
                "source": getattr(item, f"{name}_en"),
                "rich_text": name in item_type.rich_text,
                "state": field_states.get(name),
                "state_label": STATE_LABELS.get(field_states.get(name), ""),
                "change": source_change(record.source_text, getattr(item, f"{name}_en"))
                if outdated and record
                else None,
            }
        )
    may_manage = request.user.has_perm(MANAGE, request.organisation)
    content_type = item_type.content_type
    nonce = get_nonce(request)
    return {
        "item_type": item_type,
        "item": item,
        "item_name": item_type.name(item),
        "language": language,
        "language_name": dict(language_choices())[language],
        "direction": language_direction(language),
        "state": state,
        "state_label": STATE_LABELS[state],
        "rows": rows,
        "form": form,
        "form_media": Media.from_media(form.media, nonce=str(nonce) if nonce is not None else ""),
        "may_manage": may_manage,
        "assign_form": (assign_form or AssignmentForm()) if may_manage else None,
        "assignment": TranslationAssignment.objects.open()
        .for_item(content_type=content_type, object_id=item.pk, language=language)
        .select_related("translator")
        .first(),
        "public_url": _public_url(item),
    }


@login_required
def edit(request, type_key, pk, language):
    item_type, item = _item_for(request, type_key, pk, language)
    form = TranslationForm(request.POST or None, item_type=item_type, item=item, language=language)
    if request.method == "POST" and form.is_valid():
        completed = services.translation_save(
            item_type=item_type,
            item=item,
            language=language,
            values=form.values(),
            user=request.user,
        )
        messages.success(request, _("The translation was saved and is up to date."))
        if completed is not None and completed.translator_id == request.user.pk:
            messages.success(request, _("Your assignment is done. Thank you."))
            return redirect("translations:mine")
        return redirect("translations:edit", type_key, pk, language)
    context = _editor_context(request, item_type, item, language, form)
    return render(request, "translations/editor.html", context)


@login_required
@require_POST
def assign(request, type_key, pk, language):
    organisation = access_acting_organisation(request, MANAGE)
    item_type, item = _item_for(request, type_key, pk, language)
    assign_form = AssignmentForm(request.POST)
    if assign_form.is_valid():
        services.translation_assign(
            organisation=organisation,
            item_type=item_type,
            item=item,
            language=language,
            translator=assign_form.cleaned_data["translator"],
            assigned_by=request.user,
            due_on=assign_form.cleaned_data["due_on"],
            note=assign_form.cleaned_data["note"],
        )
        messages.success(request, _("The translation was assigned."))
        return redirect("translations:edit", type_key, pk, language)
    form = TranslationForm(item_type=item_type, item=item, language=language)
    context = _editor_context(request, item_type, item, language, form, assign_form)
    return render(request, "translations/editor.html", context, status=400)


@login_required
@require_POST
def withdraw(request, pk):
    access_acting_organisation(request, MANAGE)
    assignment = get_object_or_404(TranslationAssignment.objects.open(), pk=pk)
    services.translation_assignment_withdraw(assignment=assignment)
    messages.success(request, _("The assignment was withdrawn."))
    return redirect("translations:assignments")


@login_required
def export(request):
    access_acting_organisation(request, MANAGE)
    form = ExportForm(request.GET)
    if not form.is_valid():
        messages.error(request, _("Choose the language of the file to export."))
        return redirect("translations:overview")
    language, file_format = form.cleaned_data["language"], form.cleaned_data["format"]
    filters = OverviewFilterForm(request.GET).filters() | {"language": language}
    rows = translation_overview(**filters).rows
    if file_format == "po":
        content, content_type, suffix = (
            exchange.export_po(rows, language),
            "text/x-gettext-translation",
            "po",
        )
    else:
        content, content_type, suffix = (
            exchange.export_xliff(rows, language),
            "application/x-xliff+xml",
            "xlf",
        )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="oec-translations-{language}.{suffix}"'
    return response


@login_required
def import_file(request):
    access_acting_organisation(request, MANAGE)
    form = ImportForm(request.POST or None, request.FILES or None)
    check = None
    if request.method == "POST" and form.is_valid():
        check = exchange.check_import(form.cleaned_data["file"])
        if not check.refused:
            completed = services.translations_import(
                changes=check.changes, language=check.language, user=request.user
            )
            messages.success(
                request,
                _("%(units)s translations were imported; %(done)s assignments are done.")
                % {"units": check.unit_count, "done": len(completed)},
            )
            return redirect("translations:overview")
    status = 400 if check is not None or form.errors else 200
    return render(
        request,
        "translations/import.html",
        {"form": form, "check": check, "may_manage": True},
        status=status,
    )
