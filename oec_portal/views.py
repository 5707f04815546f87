"""Views that compose several apps: home page, member dashboard, health check."""

import logging

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe

from members.content_cache import (
    cached_until_content_changes,
    cached_until_rows_change,
    reads_query_parameters,
)
from members.forms import OrganisationSwitchForm
from members.models import Organisation
from members.permissions import may_act_for_any_organisation
from members.private_page_cache import cached_per_signed_in_user

from .celery import app as celery_app

logger = logging.getLogger(__name__)


def _members_on_home():
    """The key figures and the featured members, the home page's two reads of organisations."""
    from django.db.models import Count, Q

    kind = Organisation.Kind
    figures = Organisation.objects.public().aggregate(
        founding_state_count=Count("pk", filter=Q(kind=kind.FOUNDING_STATE)),
        associate_member_count=Count("pk", filter=Q(kind=kind.ASSOCIATE_MEMBER)),
        partner_count=Count("pk", filter=Q(kind=kind.PARTNER_NGO)),
    )
    featured = Organisation.objects.public().members().filter(featured=True).order_by("name")
    return figures | {"featured_members": list(featured)}


@reads_query_parameters()
def home(request):
    """The mission, key figures computed from the data, featured members, the mission pages."""
    from django.conf import settings

    # Kept until an organisation changes: publishing an article does not count them again.
    context = cached_until_rows_change("home-members", [Organisation], compute=_members_on_home)
    return render(request, "home.html", context | {"language_count": len(settings.LANGUAGES)})


def _switch_form(request, organisation, memberships):
    form = OrganisationSwitchForm(
        user=request.user, initial={"organisation": organisation.pk if organisation else None}
    )
    if not may_act_for_any_organisation(request.user):
        # The choices are the user's organisations, listed on the page anyway: rendering them
        # needs no query. The switch view validates the choice with its own form.
        ordered = sorted((m.organisation for m in memberships), key=lambda o: (o.kind, o.name))
        form.fields["organisation"].choices = [(o.pk, str(o)) for o in ordered]
    return form


@login_required
@cached_per_signed_in_user
def dashboard(request):
    """The member's home: a tile per task they may act on, new documents, their account."""
    # Imported here so that this view's imports stay with it (other views compose other apps).
    from governance.selectors import dashboard_summary

    from .dashboard_tiles import dashboard_tiles
    from .dashboard_visits import dashboard_visit_since
    from .todo import todo_items

    since = dashboard_visit_since(request)
    memberships = cached_until_content_changes(
        "dashboard-memberships",
        request.user.pk,
        compute=lambda: list(request.user.memberships.select_related("organisation")),
    )
    organisation = request.organisation
    # The switch is offered to whoever has a choice; deciding it needs no COUNT query.
    may_switch = len(memberships) > 1 or may_act_for_any_organisation(request.user)
    governance = dashboard_summary(user=request.user, organisation=organisation, since=since)
    tiles = dashboard_tiles(user=request.user, organisation=organisation, governance=governance)
    context = {
        "organisation": organisation,
        "memberships": memberships,
        "switch_form": _switch_form(request, organisation, memberships) if may_switch else None,
        "since": since,
        "governance": governance,
        "tiles": tiles,
        "todo": todo_items(
            user=request.user, organisation=organisation, governance=governance, tiles=tiles
        ),
    }
    return render(request, "dashboard.html", context)


def _check(name, probe):
    try:
        probe()
    except Exception:  # any failure of a dependency is a "down", reported, never raised
        logger.exception("health check: %s is down", name)
        return False
    return True


def _probe_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _probe_cache():
    cache.set("healthz", "ok", 5)
    if cache.get("healthz") != "ok":
        raise RuntimeError("cache did not return what was stored")


def _probe_broker():
    if celery_app.conf.task_always_eager:
        return
    with celery_app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)


@never_cache
@require_safe  # load balancers ask with HEAD: the same answer, without its body
def healthz(request):
    """The state of the database, the cache and the broker; 503 when the database is down."""
    checks = {
        "database": _check("database", _probe_database),
        "cache": _check("cache", _probe_cache),
        "broker": _check("broker", _probe_broker),
    }
    status = 200 if checks["database"] else 503
    body = {name: "ok" if up else "down" for name, up in checks.items()}
    body["status"] = "ok" if all(checks.values()) else ("degraded" if status == 200 else "down")
    return JsonResponse(body, status=status)


@reads_query_parameters()
@require_GET
def robots_txt(request):
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /api/"]
    for code in ("en", "fr", "es", "ar"):
        lines += [f"Disallow: /{code}/dashboard/", f"Disallow: /{code}/accounts/"]
    lines.append(f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
