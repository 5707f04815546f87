"""The calendars: the public feed of every session, one file per session, each person's private
feed at a secret address, and the page where a person finds and resets that address."""

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from . import selectors, services
from .calendars import CalendarWriter, ics_response, webcal_url
from .models import CalendarFeed


def _writer(request, *, name, uid, description=""):
    return CalendarWriter(
        name=name,
        uid=uid,
        description=description,
        absolute_url=request.build_absolute_uri,
        uid_domain=request.get_host().partition(":")[0],
    )


@require_GET
def public_calendar(request):
    """Every General Assembly session and its open meetings: the same file for every reader
    (a signed-in member's closed meetings and deadlines are in their private feed)."""
    writer = _writer(
        request,
        name=_("General Assembly of the OEC"),
        uid="general-assembly",
        description=_("Sessions and meetings of the General Assembly."),
    )
    for session in selectors.calendar_sessions(AnonymousUser()):
        writer.add_session(session)
    return ics_response(writer, "oec-general-assembly.ics")


@require_GET
def session_calendar(request, number):
    """One session and its open meetings, to add to a calendar."""
    sessions = list(selectors.calendar_sessions(AnonymousUser()).filter(number=number))
    if not sessions:
        raise Http404
    session = sessions[0]
    writer = _writer(request, name=str(session), uid=f"session-{session.pk}")
    writer.add_session(session)
    return ics_response(writer, f"oec-general-assembly-{session.number}.ics")


@never_cache
@require_GET
def personal_calendar(request, token):
    """A person's feed at their secret address: the sessions, the meetings they may see and
    the deadlines of their organisations. A wrong token, or one from before a reset, is "not
    found". Never kept by a cache: a reset must take effect at once."""
    feed = CalendarFeed.objects.by_token(token)
    if feed is None:
        raise Http404
    user = feed.user
    # The policy's own rule: user.has_perm would also read the user's group permissions.
    with_registration = rules.has_perm("governance.keep_registration_deadline", user)
    writer = _writer(
        request,
        name=_("My OEC calendar"),
        uid=f"person-{feed.pk}",
        description=_("Sessions, meetings and your organisation's deadlines."),
    )
    for session in selectors.calendar_sessions(user, with_deadlines=True):
        writer.add_session(session)
        writer.add_deadlines(session, with_registration=with_registration)
    return ics_response(writer, "oec-calendar.ics")


@login_required
@require_GET
def calendar_subscription(request):
    """The person's calendar addresses: theirs (secret) and the public ones."""
    feed = CalendarFeed.objects.filter(user=request.user).first()
    personal = reverse("governance:personal_calendar", args=[feed.token]) if feed else None
    public = reverse("governance:public_calendar")
    context = {
        "feed": feed,
        "personal_url": request.build_absolute_uri(personal) if personal else None,
        "personal_webcal_url": webcal_url(request, personal) if personal else None,
        "public_url": request.build_absolute_uri(public),
        "public_webcal_url": webcal_url(request, public),
    }
    return render(request, "governance/calendar_subscription.html", context)


@login_required
@require_POST
def calendar_feed_reset(request):
    """Make the person's private address, or a new one that ends the old."""
    had_one = CalendarFeed.objects.filter(user=request.user).exists()
    services.calendar_feed_reset(user=request.user)
    if had_one:
        messages.success(
            request, _("Your calendar has a new address. The old one no longer works.")
        )
    else:
        messages.success(request, _("Your calendar address is ready."))
    return redirect("governance:calendar_subscription")
