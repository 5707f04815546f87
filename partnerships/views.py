import datetime
import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from members import rate_limits
from members.content_cache import reads_query_parameters
from members.content_languages import languages_with_text
from members.csv_downloads import csv_response
from members.kept_uploads import UploadKeeper
from members.pagination import CountedWithPagePaginator
from members.permissions import access_acting_organisation
from members.request_facts import client_ip

from . import services
from .filters import PartnerFilter
from .forms import ActivityForm, ApplicationForm, ProfileForm
from .models import (
    CooperationActivity,
    FieldOfCompetence,
    FunctionalArea,
    LiaisonSeat,
    NgoConference,
    Partnership,
)
from .selectors import activities_managed_by, terms_of

PAGE_SIZE = 25


@reads_query_parameters("page", "format", *PartnerFilter.base_filters)
def partner_list(request):
    """The public partner database; `?format=csv|json` downloads the same selection."""
    partnerships = Partnership.objects.public()
    filterset = PartnerFilter(request.GET or None, queryset=partnerships, request=request)
    selection = filterset.qs
    if not request.GET.get("q"):
        selection = selection.order_by("organisation__name", "pk")
    export = request.GET.get("format")
    if export == "csv":
        return _csv_response(selection.with_profile())
    if export == "json":
        return _json_response(selection.with_profile())
    page = CountedWithPagePaginator(selection.with_card(), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    # The filter offers every field of competence: kept, they also name the cards'.
    fields_of_competence = terms_of(FieldOfCompetence)
    _name_fields_of_competence(page, fields_of_competence)
    context = {
        "filter": filterset,
        "page": page,
        # What the filter form shows besides its data (its errors come from both): the page
        # keeps its HTML by them, without building the form (filters.PartnerFilter.form).
        "terms_offered": (fields_of_competence, terms_of(FunctionalArea)),
    }
    return render(request, "partnerships/partner_list.html", context)


def _name_fields_of_competence(partnerships, terms):
    """Set each card's `card_fields`: its fields of competence, in the terms' order, from the
    ids its row carries (`with_card`)."""
    for partnership in partnerships:
        if not hasattr(partnership, "field_of_competence_ids"):  # prefetched (SQLite)
            partnership.card_fields = list(partnership.fields_of_competence.all())
            continue
        chosen = set(partnership.field_of_competence_ids)
        partnership.card_fields = [term for term in terms if term.pk in chosen]


def _export_name(extension):
    return f"oec-partners-{timezone.localdate().isoformat()}.{extension}"


# The downloads import the open data API's serializers (Django REST framework, ~7 MB) when
# first asked for, not in every web worker (tests/perf/test_worker_imports.py).


def _csv_response(selection):
    from .exports import EXPORT_FIELDS, export_rows

    return csv_response(
        export_rows(selection), fieldnames=EXPORT_FIELDS, filename=_export_name("csv")
    )


def _json_response(selection):
    from .exports import export_rows

    body = json.dumps(
        {"language": get_language(), "partners": list(export_rows(selection))},
        cls=DjangoJSONEncoder,
        ensure_ascii=False,
        indent=1,
    )
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_export_name("json")}"'
    return response


@reads_query_parameters()
def partner_detail(request, slug):
    partnership = get_object_or_404(
        Partnership.objects.public().with_profile(), organisation__slug=slug
    )
    activities = (
        CooperationActivity.objects.public()
        .filter(organisation=partnership.organisation)
        .with_terms()
    )
    return render(
        request,
        "partnerships/partner_detail.html",
        {
            "partnership": partnership,
            "organisation": partnership.organisation,
            "activities": activities,
            # The description is the profile the partner writes in each language; its name is
            # the organisation's own and is not expected to change with the language.
            "content_languages": languages_with_text(partnership, "description"),
        },
    )


def apply(request):
    """The public application for official partnership.

    Success redirects to the thank-you page (post/redirect/get), so that reloading it sends
    nothing again; a form with errors keeps its valid files for the next attempt.
    """
    form = ApplicationForm(
        request.POST or None,
        request.FILES or None,
        upload_keeper=UploadKeeper(request.session),
    )
    if request.method == "POST":
        if not rate_limits.attempt_allowed(
            rate_limits.PARTNERSHIP_APPLICATION, ip=client_ip(request)
        ):
            return render(request, "partnerships/apply_limited.html", status=429)
        if form.is_valid():
            if not form.is_spam:
                data = form.cleaned_data
                services.partnership_apply(
                    name=data["name"],
                    country=data["country"],
                    website=data["website"],
                    geographic_scope=data["geographic_scope"],
                    description=data["description"],
                    language=data["language"],
                    fields_of_competence=data["fields_of_competence"],
                    functional_areas=data["functional_areas"],
                    contact_name=data["contact_name"],
                    contact_email=data["contact_email"],
                    statutes=data["statutes"],
                    activity_report=data["activity_report"],
                    applied_in=get_language() or settings.LANGUAGE_CODE,
                )
            form.discard_kept_uploads()
            # A bot that filled the honeypot sees the same answer and stores nothing.
            return redirect("partnerships:apply_done")
    return render(request, "partnerships/apply.html", {"form": form})


def apply_done(request):
    return render(request, "partnerships/apply_done.html")


@reads_query_parameters("on")
def collective(request):
    """The conference editions and the liaison committee's composition today (or `?on=`)."""
    on = timezone.localdate()
    if request.GET.get("on"):
        try:
            on = datetime.date.fromisoformat(request.GET["on"])
        except ValueError:
            messages.error(request, _("Give the date as YYYY-MM-DD."))
    conferences = NgoConference.objects.prefetch_related("participants").order_by("-number")
    seats = LiaisonSeat.objects.composition_on(on)
    return render(
        request,
        "partnerships/collective.html",
        {"conferences": conferences, "seats": seats, "on": on},
    )


# --- The partner's web space ------------------------------------------------------------------


def _partner_organisation(request, perm):
    """The acting organisation if the user may act for it as its partner contact.

    Only a partner NGO has a partner space: acting for any other organisation finds none (404).
    """
    if getattr(request.organisation, "partnership", None) is None:
        raise Http404
    return access_acting_organisation(request, perm)


@login_required
def profile_edit(request):
    organisation = _partner_organisation(request, "partnerships.edit_profile")
    partnership = organisation.partnership
    form = ProfileForm(request.POST or None, instance=partnership)
    if request.method == "POST" and form.is_valid():
        services.partnership_profile_update(partnership=partnership, data=form.cleaned_data)
        messages.success(request, _("Your public profile was saved."))
        return redirect("partnerships:profile_edit")
    return render(
        request,
        "partnerships/dashboard/profile.html",
        {"form": form, "organisation": organisation, "partnership": partnership},
    )


@login_required
def activity_list(request):
    organisation = _partner_organisation(request, "partnerships.manage_activities")
    activities = activities_managed_by(request.user).filter(organisation=organisation).with_terms()
    return render(
        request,
        "partnerships/dashboard/activity_list.html",
        {"organisation": organisation, "activities": activities},
    )


@login_required
def activity_edit(request, pk=None):
    organisation = _partner_organisation(request, "partnerships.manage_activities")
    if pk is None:
        activity = CooperationActivity(organisation=organisation)
    else:
        # Another organisation's activity is "not found", never "forbidden".
        activity = get_object_or_404(
            activities_managed_by(request.user),
            pk=pk,
            organisation=organisation,
        )
    form = ActivityForm(
        request.POST or None,
        request.FILES or None,
        instance=activity,
        upload_keeper=UploadKeeper(request.session),
    )
    if request.method == "POST" and activity.is_editable and form.is_valid():
        try:
            services.cooperation_activity_save(
                activity=form.instance,
                user=request.user,
                uploaded_file=form.cleaned_data.get("upload"),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            form.discard_kept_uploads()
            messages.success(request, _("The activity was saved as a draft."))
            return redirect("partnerships:activity_list")
    return render(
        request,
        "partnerships/dashboard/activity_form.html",
        {"form": form, "activity": activity, "organisation": organisation},
    )


@login_required
@require_POST
def activity_submit(request, pk):
    organisation = _partner_organisation(request, "partnerships.manage_activities")
    activity = get_object_or_404(
        activities_managed_by(request.user), pk=pk, organisation=organisation
    )
    try:
        services.cooperation_activity_submit(activity=activity, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("The activity was sent to the secretariat for approval."))
    return redirect("partnerships:activity_list")
