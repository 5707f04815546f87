"""The texts of a notification: its line in the inbox, its mail (subject, text, simple HTML),
and the daily digest, each in the reader's language.

Plain templates for now; the portal's branded mail builder may wrap `render_mail`'s parts later
without the events changing: each event's texts stay two templates,
notifications/<app>/<what_happened>_subject.txt and _body.txt.
"""

from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

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
        return " ".join(render_to_string(subject_template, _context(event, language)).split())


@dataclass(frozen=True)
class Mail:
    subject: str
    text: str
    html: str
    stop_url: str
    language: str


def stop_url_for(user):
    return absolute(reverse("notifications_stop_mail", args=[stop_mail_token(user)]))


def render_mail(notification) -> Mail:
    """The mail of one notification to its recipient, in the recipient's language."""
    user, event = notification.recipient, notification.event
    language = user.mail_language
    with translation.override(language):
        context = _context(event, language)
        context["event"] = event
        _subject, body_template = template_names(event.kind)
        context |= {
            # The row the event is about, for the body's details (one query, per mail only).
            "target": event.target,
            "recipient": user,
            "body": render_to_string(body_template, context).strip(),
            "stop_url": stop_url_for(user),
            "preferences_url": absolute(reverse("notifications:preferences")),
            "language": language,
        }
        context["subject"] = subject_of(event, language)
        return Mail(
            subject=context["subject"],
            text=render_to_string("notifications/email/notification.txt", context),
            html=render_to_string("notifications/email/notification.html", context),
            stop_url=context["stop_url"],
            language=language,
        )


def render_digest(user, notifications) -> Mail:
    """The day's notifications of `user` in one mail, each with its link."""
    language = user.mail_language
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
        context = {
            "recipient": user,
            "items": items,
            "stop_url": stop_url_for(user),
            "preferences_url": absolute(reverse("notifications:preferences")),
            "language": language,
        }
        subject = " ".join(
            render_to_string("notifications/email/digest_subject.txt", context).split()
        )
        return Mail(
            subject=subject,
            text=render_to_string("notifications/email/digest.txt", context),
            html=render_to_string("notifications/email/digest.html", context),
            stop_url=context["stop_url"],
            language=language,
        )
