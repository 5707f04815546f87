"""A session's printed lists: the list of participants and the credentials committee's report.

Each is a page, a printable A4 PDF (`?format=pdf`) and, for participants, a CSV (`?format=csv`),
in the language of the address. Who may read them is the governance policy's to say.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from members.csv_downloads import csv_response
from members.printing import pdf_response

from . import selectors
from .models import AssemblySession

FORMATS = {"", "pdf", "csv"}


def _session_or_404(number):
    return get_object_or_404(
        AssemblySession.objects.general_assembly().select_related("organ"), number=number
    )


def _format_or_404(request, allowed):
    format_ = request.GET.get("format", "")
    if format_ not in allowed:
        raise Http404
    return format_


def _filename(session, name, extension):
    return f"{session.organ.code}-{session.number}-{name}-{get_language()}.{extension}"


@require_GET
def participants(request, number):
    """The list of participants, by delegation in the session's alphabetical order."""
    session = _session_or_404(number)
    if not request.user.has_perm("governance.view_participants", session):
        raise Http404
    format_ = _format_or_404(request, FORMATS)
    # Members and the secretariat follow the provisional list until it is published.
    provisional = not session.participants_published and request.user.has_perm(
        "governance.view_provisional_participants"
    )
    delegations = selectors.participants_of(session)
    if format_ == "csv":
        return _participants_csv(session, delegations)
    context = {
        "session": session,
        "delegations": delegations,
        "provisional": provisional,
        "printed_at": timezone.now(),
    }
    if format_ == "pdf":
        return pdf_response(
            template="governance/print/participants.html",
            context=context,
            filename=_filename(session, "participants", "pdf"),
            request=request,
        )
    return render(request, "governance/participants.html", context)


def _participants_csv(session, delegations):
    columns = {
        "delegation": _("Delegation"),
        "title": pgettext("person", "Title"),
        "name": _("Name"),
        "name_latin": _("Name in the Latin script"),
        "function": _("Function in the delegation"),
        "position": _("Post"),
    }
    rows = (
        {
            columns["delegation"]: delegation.organisation.name,
            columns["title"]: person.title,
            columns["name"]: person.name,
            columns["name_latin"]: person.name_latin,
            columns["function"]: person.function_label,
            columns["position"]: person.position,
        }
        for delegation in delegations
        for person in delegation.members.all()
    )
    return csv_response(
        rows,
        fieldnames=list(columns.values()),
        filename=_filename(session, "participants", "csv"),
    )


@require_GET
def credentials(request, number):
    """The credentials committee's report: credentials in due form, provisional, none."""
    session = _session_or_404(number)
    if not request.user.has_perm("governance.view_credentials_report", session):
        raise Http404
    format_ = _format_or_404(request, {"", "pdf"})
    report = selectors.credentials_report(session)
    context = {
        "session": session,
        "report": report,
        "credentials_groups": _credentials_groups(report),
        "printed_at": timezone.now(),
    }
    if format_ == "pdf":
        return pdf_response(
            template="governance/print/credentials.html",
            context=context,
            filename=_filename(session, "credentials", "pdf"),
            request=request,
        )
    return render(request, "governance/credentials.html", context)


def _credentials_groups(report):
    """The report's three parts, each with its heading, its sentence and its delegations."""
    return [
        (
            _("Credentials in due form"),
            _(
                "Formal credentials, issued by the head of state or government or by the "
                "minister responsible, have been received for these members."
            ),
            report.in_due_form,
        ),
        (
            _("Provisional information"),
            _(
                "A copy of the credentials, or information on the appointment of the "
                "representatives by letter or e-mail, has been received for these members."
            ),
            report.provisional,
        ),
        (
            _("Without credentials"),
            _("Neither credentials nor information have been received for these members."),
            report.without,
        ),
    ]
