"""Conference services print the badges of a session's accredited participants (issue 18).

The page lists the session's registered delegations and which of them get badges; `?format=pdf`
prints the badges of all accredited delegations, `&delegation=<id>` those of one of them.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from .badges import badges_pdf
from .models import AssemblySession, Delegation
from .selectors import in_session_order


@login_required
@require_GET
def session_badges(request, number):
    """The badges of a session: conference services only."""
    if not request.user.has_perm("governance.manage_conference"):
        raise PermissionDenied
    session = get_object_or_404(
        AssemblySession.objects.general_assembly().select_related("organ"), number=number
    )
    format_ = request.GET.get("format", "")
    if format_ not in ("", "pdf"):
        raise Http404
    if format_ == "pdf":
        return _pdf(request, session)
    delegations = in_session_order(
        session.delegations.select_related("organisation").annotate(people=Count("members")),
        session,
    )
    accredited = [d for d in delegations if d.status == Delegation.Status.ACCREDITED]
    context = {
        "session": session,
        "accredited": accredited,
        "skipped": [d for d in delegations if d.status != Delegation.Status.ACCREDITED],
        "badge_count": sum(d.people for d in accredited),
    }
    return render(request, "governance/badges.html", context)


def _pdf(request, session):
    delegations = session.delegations.all()
    name = "badges"
    if "delegation" in request.GET:
        try:
            pk = int(request.GET["delegation"])
        except ValueError:
            raise Http404 from None
        delegation = get_object_or_404(
            delegations.select_related("organisation"),
            pk=pk,
            status=Delegation.Status.ACCREDITED,
        )
        delegations = delegations.filter(pk=pk)
        name = f"badges-{delegation.organisation.slug}"
    response = HttpResponse(badges_pdf(delegations, request=request), "application/pdf")
    filename = f"{session.organ.code}-{session.number}-{name}-{get_language()}.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
