"""Public pages of the bulletin: archive, subscription, (un)subscribe, preferences."""

import datetime

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import get_language
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from members import rate_limits
from members.request_facts import client_ip

from . import selectors, services
from .forms import LanguageForm, SubscribeForm
from .models import Bulletin, Subscriber
from .tokens import email_from_confirm_token, email_from_unsubscribe_token

ARCHIVE_PAGE_SIZE = 24


def archive(request):
    """The bulletins that went out, newest first."""
    bulletins = Bulletin.objects.archived().order_by("-month")
    page = Paginator(bulletins, ARCHIVE_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "bulletins/archive.html", {"page": page})


def edition(request, period):
    """One bulletin in the visitor's language (English when it has no such edition)."""
    try:
        month = datetime.datetime.strptime(period, "%Y-%m").date()
    except ValueError:
        raise Http404 from None
    bulletin = get_object_or_404(
        Bulletin.objects.archived().prefetch_related("editions"), month=month
    )
    shown = bulletin.edition_for(get_language() or settings.LANGUAGE_CODE)
    if shown is None:
        raise Http404
    return render(request, "bulletins/edition.html", {"bulletin": bulletin, "edition": shown})


def subscribe(request):
    form = SubscribeForm(request.POST or None, initial={"language": get_language()})
    if request.method == "POST":
        if not rate_limits.attempt_allowed(
            rate_limits.BULLETIN_SUBSCRIPTION, ip=client_ip(request)
        ):
            return render(request, "bulletins/subscribe_limited.html", status=429)
        if form.is_spam:
            # A robot filled the hidden field: it is thanked and nothing is stored.
            return redirect("bulletins:subscribe_thanks")
        if form.is_valid():
            services.subscriber_request(
                email=form.cleaned_data["email"], language=form.cleaned_data["language"]
            )
            return redirect("bulletins:subscribe_thanks")
    return render(request, "bulletins/subscribe.html", {"form": form})


def subscribe_thanks(request):
    return render(request, "bulletins/subscribe_thanks.html")


def _invalid_link(request):
    return render(request, "bulletins/link_invalid.html", status=400)


@require_http_methods(["GET", "POST"])
def subscribe_confirm(request, token):
    """GET asks (link scanners only GET), POST confirms the subscription."""
    email = email_from_confirm_token(token)
    if email is None or not Subscriber.objects.filter(email=email).exists():
        return _invalid_link(request)
    if request.method == "POST":
        if services.subscriber_confirm(email=email) is None:
            return _invalid_link(request)
        return render(request, "bulletins/subscribe_done.html", {"email": email})
    return render(request, "bulletins/subscribe_confirm.html", {"email": email})


@csrf_exempt  # RFC 8058: mail clients POST the one-click unsubscribe with no session or token
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET shows a button; POST (the button, or a mail client's one click) unsubscribes.

    The address has no language prefix (it is written in every bulletin): both pages speak the
    language in which the reader chose to receive the bulletin.
    """
    email = email_from_unsubscribe_token(token)
    if email is None:
        return _invalid_link(request)
    language = selectors.bulletin_language_of(email=email)
    with translation.override(language):
        if request.method == "POST":
            services.address_unsubscribe(email=email)
            response = render(request, "bulletins/unsubscribe_done.html", {"email": email})
        else:
            context = {"email": email, "token": token}
            response = render(request, "bulletins/unsubscribe.html", context)
    # LocaleMiddleware would otherwise label the page with the request's language.
    response.headers["Content-Language"] = language
    return response


@require_http_methods(["GET", "POST"])
def preferences(request, token):
    """The language in which this address receives the bulletin."""
    email = email_from_unsubscribe_token(token)
    if email is None:
        return _invalid_link(request)
    form = LanguageForm(request.POST or None, initial={"language": get_language()})
    saved = False
    if request.method == "POST" and form.is_valid():
        services.address_change_language(email=email, language=form.cleaned_data["language"])
        saved = True
    context = {"email": email, "token": token, "form": form, "saved": saved}
    return render(request, "bulletins/preferences.html", context)
