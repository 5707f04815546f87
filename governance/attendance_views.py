"""Conference services check participants in at a meeting and call the roll (issue 18).

The check-in page works on a phone: choose the meeting, then scan the badge's QR code (the
browser's BarcodeDetector, static/js/checkin-scanner.js, where there is one) or type its code;
a plain form either way, the script only fills and sends it. Conference services only
(administrators hold the role); the rules are attendance.py's.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import attendance
from .models import AssemblySession, Attendance


def _session_for_conference_services(request, number):
    if not request.user.has_perm("governance.manage_conference"):
        raise PermissionDenied
    return get_object_or_404(
        AssemblySession.objects.general_assembly().select_related("organ"), number=number
    )


def _meetings(session):
    """The session's meetings in order, each knowing its session (their times need its zone)."""
    meetings = list(session.meetings.all())
    for meeting in meetings:
        meeting.session = session
    return meetings


def _chosen(meetings, value):
    """The meeting named by `value` (an id from the form or the address), or the one on now."""
    if value in (None, ""):
        return attendance.current_meeting(meetings)
    meeting = next((meeting for meeting in meetings if str(meeting.pk) == value), None)
    if meeting is None:
        raise Http404
    return meeting


def _check_in_url(session, meeting):
    url = reverse("governance:check_in", args=[session.number])
    return f"{url}?meeting={meeting.pk}" if meeting else url


@login_required
@require_http_methods(["GET", "POST"])
def check_in(request, number):
    """Choose the meeting (GET ?meeting=), check a badge in (POST meeting and code)."""
    session = _session_for_conference_services(request, number)
    meetings = _meetings(session)
    data = request.POST if request.method == "POST" else request.GET
    meeting = _chosen(meetings, data.get("meeting"))
    outcome = error = None
    if request.method == "POST":
        if meeting is None:
            raise Http404
        try:
            outcome = attendance.check_in(
                meeting=meeting, token=request.POST.get("code", ""), by=request.user
            )
        except ValidationError as refused:
            error = refused.messages[0]
    context = {
        "session": session,
        "meetings": meetings,
        "meeting": meeting,
        "outcome": outcome,
        "error": error,
        "code": request.POST.get("code", "") if error else "",
        "recent": attendance.recent_check_ins(meeting) if meeting else [],
        "count": attendance.check_in_count(meeting) if meeting else 0,
    }
    return render(request, "governance/check_in.html", context)


@login_required
@require_POST
def check_in_undo(request, number, pk):
    """Take back a mistaken check-in, back to the check-in page of its meeting."""
    session = _session_for_conference_services(request, number)
    row = get_object_or_404(
        Attendance.objects.select_related(
            "meeting", "delegation_member__user", "delegation_member__delegation__organisation"
        ),
        pk=pk,
        meeting__session=session,
    )
    try:
        attendance.check_in_undo(attendance=row, by=request.user)
    except ValidationError as refused:
        messages.error(request, refused.messages[0])
    else:
        messages.success(
            request,
            _("The check-in of %(name)s was taken back.") % {"name": row.delegation_member.name},
        )
    return redirect(_check_in_url(session, row.meeting))


@login_required
@require_GET
def roll_call(request, number, pk):
    """The members entitled to vote, present or absent at the meeting, and the quorum."""
    session = _session_for_conference_services(request, number)
    meetings = _meetings(session)
    meeting = next((meeting for meeting in meetings if meeting.pk == pk), None)
    if meeting is None:
        raise Http404
    context = {
        "session": session,
        "meetings": meetings,
        "meeting": meeting,
        "roll_call": attendance.roll_call(meeting),
    }
    return render(request, "governance/roll_call.html", context)
