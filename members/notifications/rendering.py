"""The texts of a notification: its line in the inbox, its mail (subject, text, simple HTML),
and the daily digest, each in the reader's language.

Each event's texts are two templates, notifications/<app>/<what_happened>_subject.txt and
_body.txt; the mail around them is the portal's brand (members/mail.py's `branded_parts`), its
footer offering the person's notification settings and a one-click stop.
"""

from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from ..mail import branded_parts, one_line, render_plain
from .tokens import stop_mail_token


def template_names(kind):
    app, what = kind.split(".", 1)
    return (
        f"notifications/{app}/{what}_subject.txt",
        f"notifications/{app}/{what}_body.txt",
    )


LANGUAGE_CODES = frozenset(code for code, _name in settings.LANGUAGES)


def link_in(url, language):
    """The event's page in `language`: the path was stored with the prefix of whichever
    language the actor used (our paths are not translated, only prefixed); outside the
    language-prefixed pages (the back office) it stays as it is."""
    if not url.startswith("/"):
        return url
    prefix, _slash, rest = url[1:].partition("/")
    return f"/{language}/{rest}" if prefix in LANGUAGE_CODES else url


def absolute(path):
    return settings.OEC_SITE_URL + path if path.startswith("/") else path


def _context(event, language):
    return {
        **event.context,
        "event": event,
        "context": event.context,
        "url": absolute(link_in(event.url, language)),
    }


def subject_of(event, language=None):
    """One line, whatever the context holds (a line break in a header is refused by Django)."""
    language = language or translation.get_language()
    with translation.override(language):
        subject_template, _body = template_names(event.kind)
        # Plain text, not HTML: a visitor's "Eve <b>" stays so (the inbox's template escapes it).
        return one_line(render_plain(subject_template, _context(event, language)))


@dataclass(frozen=True)
class Mail:
    subject: str
    text: str
    html: str
    stop_url: str
    language: str


def stop_url_for(user):
    return absolute(reverse("notifications_stop_mail", args=[stop_mail_token(user)]))


def _footer_links(stop_url):
    return [
        (_("Choose how you hear of your notifications"), _preferences_url()),
        (_("Stop these e-mails"), stop_url),
    ]


def _preferences_url():
    return absolute(reverse("notifications:preferences"))


def _mail(parts, stop_url, language) -> Mail:
    return Mail(
        subject=parts.subject,
        text=parts.text,
        html=parts.html,
        stop_url=stop_url,
        language=language,
    )


def render_mail(notification) -> Mail:
    """The mail of one notification to its recipient, in the recipient's language."""
    user, event = notification.recipient, notification.event
    language = user.mail_language
    # Once: the footer's link and the List-Unsubscribe header are the same signed address (two
    # signatures a second apart would differ).
    stop_url = stop_url_for(user)
    with translation.override(language):
        context = _context(event, language)
        _subject, body_template = template_names(event.kind)
        # The row the event is about, for the body's details (one query, per mail only).
        context |= {"target": event.target, "recipient": user}
        context["body"] = render_to_string(body_template, context).strip()
        parts = branded_parts(
            subject=subject_of(event, language),
            text=render_to_string("notifications/email/notification.txt", context),
            language=language,
            reason=_("You receive this e-mail because of your role in the OEC Portal."),
            action_label=_("Open it in the portal"),
            footer_links=_footer_links(stop_url),
        )
    return _mail(parts, stop_url, language)


def render_digest(user, notifications) -> Mail:
    """The day's notifications of `user` in one mail, each with its link."""
    language = user.mail_language
    stop_url = stop_url_for(user)
    with translation.override(language):
        items = [
            {
                "subject": subject_of(n.event, language),
                "url": absolute(link_in(n.event.url, language)),
                "organisation": n.event.organisation,
                "at": n.event.created_at,
            }
            for n in notifications
        ]
        context = {"recipient": user, "items": items}
        parts = branded_parts(
            subject=render_to_string("notifications/email/digest_subject.txt", context),
            text=render_to_string("notifications/email/digest.txt", context),
            html_body=render_to_string("notifications/email/digest_body.html", context),
            language=language,
            reason=_("You receive this daily digest because of your role in the OEC Portal."),
            footer_links=_footer_links(stop_url),
        )
    return _mail(parts, stop_url, language)
