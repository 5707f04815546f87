"""Governance items for pages of other apps (the home page) and the icons of its documents:
`{% load governance_tags %}`."""

import unicodedata

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from members.content_cache import cached_until_rows_change
from members.templatetags.icons import icon

from ..calendars import webcal_url
from ..models import AssemblySession, Document, Follow, Organ
from ..selectors import documents_visible_to

register = template.Library()


@register.simple_tag
def upcoming_sessions(count=1):
    """The next General Assembly sessions that are not closed, kept until a session or an organ
    changes (or the day does): the home page is drawn again after any edit (issue 19)."""

    def draw():
        sessions = AssemblySession.objects.general_assembly().upcoming().select_related("organ")
        return render_to_string(
            "governance/tags/upcoming_sessions.html", {"sessions": list(sessions[:count])}
        )

    html = cached_until_rows_change(
        "upcoming-sessions",
        [AssemblySession, Organ],
        count,
        timezone.localdate(),
        compute=draw,
    )
    return mark_safe(html)  # noqa: S308 (the template's own rendering, escaped by it)


@register.inclusion_tag("governance/tags/latest_documents.html", takes_context=True)
def latest_documents(context, count=5):
    """The newest documents of the register that the viewer may read."""
    request = context.get("request")
    user = getattr(request, "user", None)
    documents = documents_visible_to(user).select_related("session__organ")
    return {"documents": list(documents.order_by("-publication_date", "symbol")[:count])}


# The icon of each kind of document, access class and file format (members' {% icon %}, from
# tools/copy_icons.sh's list): a reader scanning the register tells a budget from a report, and
# a members-only document from a public one, before reading the words beside the icon.
DOCUMENT_TYPE_ICONS = {
    Document.Type.REPORT: "file-text",
    Document.Type.WORKING_PAPER: "file-pencil",
    Document.Type.PROGRAMME_AND_BUDGET: "report-money",
    Document.Type.STRATEGIC_PLAN: "target-arrow",
    Document.Type.INFORMATION: "info-circle",
    Document.Type.RESOLUTION_TEXT: "gavel",
}
ACCESS_ICONS = {
    Document.Access.PUBLIC: "world",
    Document.Access.MEMBERS: "users",
    Document.Access.RESTRICTED: "lock",
    Document.Access.SECRETARIAT: "shield-lock",
}
FILE_FORMAT_ICONS = {"pdf": "file-type-pdf", "docx": "file-type-docx"}


@register.simple_tag
def document_type_icon(document):
    return icon(DOCUMENT_TYPE_ICONS.get(document.type, "file"))


@register.simple_tag
def access_icon(document):
    return icon(ACCESS_ICONS.get(document.access, "lock"))


@register.filter
def file_format(document_file):
    """The file's format as people name it (PDF, DOCX), from its stored name's extension."""
    return document_file.file.name.rsplit(".", 1)[-1].upper()


@register.simple_tag
def file_format_icon(document_file):
    return icon(FILE_FORMAT_ICONS.get(file_format(document_file).lower(), "file"))


@register.inclusion_tag("governance/tags/calendar_links.html", takes_context=True)
def calendar_links(context, session=None):
    """ "Add to calendar" for one session (its .ics file) and the subscription to every session
    (the public feed, as a webcal: address that calendar applications open)."""
    request = context["request"]
    feed = reverse("governance:public_calendar")
    return {
        "session": session,
        "session_file": (
            reverse("governance:session_calendar", args=[session.number]) if session else None
        ),
        "subscribe_url": webcal_url(request, feed),
        "feed_url": feed,
    }


@register.filter
def isolated(text):
    """`text` between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE (Unicode's bidi
    algorithm): a Latin venue inside an Arabic sentence keeps its own direction, in the
    browser and in WeasyPrint's PDFs alike, and inside a translated sentence, where a <bdi>
    cannot go."""
    return f"\u2068{text}\u2069" if text else ""


@register.filter
def text_direction(text):
    """ "rtl" or "ltr", from the first letter of `text` with a direction ("auto" if none).

    For the PDFs: WeasyPrint does not isolate a <bdi>, so "Prof." in an Arabic badge would
    print ".Prof" unless its paragraph says its own direction."""
    for character in str(text or ""):
        direction = unicodedata.bidirectional(character)
        if direction in ("R", "AL"):
            return "rtl"
        if direction == "L":
            return "ltr"
    return "auto"


@register.filter
def in_current_language(texts):
    """The text of {language code: text} in the active language, else in the default one (a
    notification keeps a title in every language: each reader reads theirs)."""
    texts = texts or {}
    return texts.get(get_language() or "") or texts.get(settings.LANGUAGE_CODE) or ""


@register.inclusion_tag("governance/tags/follows.html", takes_context=True)
def follows_of_viewer(context):
    """What the viewer follows (sessions and document series), each with its "Unfollow"
    button: the notification settings page lists them. One query."""
    request = context["request"]
    return {"follows": list(Follow.objects.of(request.user)), "request": request}
