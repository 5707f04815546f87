"""The dashboard's "new since your last visit": when the member's last visit began."""

from datetime import datetime, timedelta

from django.utils import timezone

from .models import DashboardVisit

# A first dashboard visit shows what was published in the last month.
FIRST_VISIT_LOOKBACK = timedelta(days=30)
DASHBOARD_SINCE_SESSION_KEY = "oec_dashboard_since"


def dashboard_visit_since(request):
    """The start of "new since your last visit" for this dashboard view.

    The database keeps the time of the last visit across sessions and devices; the session
    keeps the start fixed for the rest of this visit, so that reloading the dashboard does not
    empty the list the member has not read yet.
    """
    since = request.session.get(DASHBOARD_SINCE_SESSION_KEY)
    if since:
        return datetime.fromisoformat(since)
    now = timezone.now()
    visit = DashboardVisit.objects.filter(user=request.user).first()
    if visit:
        since = visit.last_visit_at
        DashboardVisit.objects.filter(user=request.user).update(last_visit_at=now)
    else:
        since = now - FIRST_VISIT_LOOKBACK
        # ON CONFLICT DO NOTHING: the same user's first visit from two tabs at once is no
        # error, and it needs no savepoint.
        DashboardVisit.objects.bulk_create(
            [DashboardVisit(user=request.user, last_visit_at=now)], ignore_conflicts=True
        )
    request.session[DASHBOARD_SINCE_SESSION_KEY] = since.isoformat()
    return since
