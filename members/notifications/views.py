"""The person's notifications: their inbox, their choice of e-mail, and the one-click stop."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from . import selectors, services
from .forms import NotificationPreferencesForm
from .rendering import link_in, subject_of
from .tokens import user_from_stop_mail_token

INBOX_PAGE_SIZE = 25


@login_required
def inbox(request):
    """The person's notifications, newest first; each links to the page that does the work."""
    page = Paginator(selectors.notifications_of(request.user), INBOX_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    language = translation.get_language()
    rows = [
        {
            "notification": notification,
            "subject": subject_of(notification.event, language),
            "url": link_in(notification.event.url, language),
        }
        for notification in page
    ]
    return render(request, "notifications/inbox.html", {"page": page, "rows": rows})


@login_required
@require_POST
def mark_all_read(request):
    services.notifications_mark_read(user=request.user)
    messages.success(request, _("All your notifications are marked as read."))
    return redirect("notifications:inbox")


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    """How the person hears of notifications: at once, in a daily digest, or in the portal."""
    form = NotificationPreferencesForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        services.notification_preferences_update(
            user=request.user,
            notification_mail=form.cleaned_data["notification_mail"],
            language=form.cleaned_data["language"],
        )
        messages.success(request, _("Your choice is saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})


@csrf_exempt  # RFC 8058: mail clients POST the one-click link with no session or token
@require_http_methods(["GET", "POST"])
def stop_mail(request, token):
    """GET shows a button (link scanners only GET); POST stops the notification e-mails.

    No language prefix (the link is in every notification mail): the pages speak the
    language of the person's mails.
    """
    user = user_from_stop_mail_token(token)
    if user is None:
        return render(request, "notifications/link_invalid.html", status=400)
    language = user.mail_language
    with translation.override(language):
        if request.method == "POST":
            services.notification_mail_stop(user=user)
            response = render(request, "notifications/stop_mail_done.html", {"email": user.email})
        else:
            response = render(request, "notifications/stop_mail.html", {"email": user.email})
    response.headers["Content-Language"] = language
    return response
