"""What a month's bulletin says: gathered once from the apps below, rendered per language.

The bulletin of month M goes out early in M and reports the past month (M-1): the news
published then, the public documents entered in the register and the decisions adopted, the
partner activities approved; plus the coming sessions and the officers' introduction.
"""

import datetime
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.formats import date_format
from django.utils.html import strip_tags
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from governance import selectors as governance_selectors
from news import selectors as news_selectors
from partnerships import selectors as partnership_selectors

ITEMS_PER_SECTION = 20
SESSIONS_SHOWN = 3


def previous_month(month):
    return (month - datetime.timedelta(days=1)).replace(day=1)


def next_month(month):
    return (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def month_window(month):
    """The past month of the bulletin of `month`, as [start, end) aware datetimes in Geneva."""
    zone = ZoneInfo(settings.TIME_ZONE)
    start = previous_month(month)
    return (
        datetime.datetime.combine(start, datetime.time.min, tzinfo=zone),
        datetime.datetime.combine(month, datetime.time.min, tzinfo=zone),
    )


@dataclass
class MonthContent:
    articles: list = field(default_factory=list)
    sessions: list = field(default_factory=list)
    documents: list = field(default_factory=list)
    decisions: list = field(default_factory=list)
    activities: list = field(default_factory=list)

    @property
    def is_empty(self):
        return not any(
            (self.articles, self.sessions, self.documents, self.decisions, self.activities)
        )


def gather(month):
    """The month's items from news, governance and partnerships, each list evaluated once."""
    start, end = month_window(month)
    return MonthContent(
        articles=list(news_selectors.articles_published_between(start, end)[:ITEMS_PER_SECTION]),
        sessions=list(governance_selectors.upcoming_sessions()[:SESSIONS_SHOWN]),
        documents=list(
            governance_selectors.public_documents_entered_between(start, end)[:ITEMS_PER_SECTION]
        ),
        decisions=list(
            governance_selectors.public_decisions_adopted_between(start.date(), end.date())[
                :ITEMS_PER_SECTION
            ]
        ),
        activities=list(
            partnership_selectors.public_activities_reviewed_between(start, end)[:ITEMS_PER_SECTION]
        ),
    )


def subject_for(month):
    return _("OEC partner bulletin, %(month)s") % {"month": date_format(month, "YEAR_MONTH_FORMAT")}


def _own_introduction(bulletin, language):
    """The introduction written in `language`, or "" (the editor leaves "<p></p>" behind when
    a text is deleted: markup alone is no text)."""
    html = getattr(bulletin, f"introduction_{language}", "") or ""
    return html if strip_tags(html).strip() else ""


def introduction_in(bulletin, language):
    """The introduction an edition in `language` shows: its own, else the English one."""
    return _own_introduction(bulletin, language) or _own_introduction(
        bulletin, settings.LANGUAGE_CODE
    )


def introduction_fallbacks(bulletin):
    """The languages whose edition shows the English introduction for want of its own, in the
    order of settings.LANGUAGES ([] when each has one, or when there is no English one either).

    The officers are told before they approve (admin), and confirm it (services).
    """
    default = settings.LANGUAGE_CODE
    if not _own_introduction(bulletin, default):
        return []
    return [
        code
        for code, _name in settings.LANGUAGES
        if code != default and not _own_introduction(bulletin, code)
    ]


def language_names(codes):
    """The languages' names in the active language, e.g. "Spanish, Arabic"."""
    return ", ".join(str(get_language_info(code)["name_translated"]) for code in codes)


def render_edition(*, bulletin, content, language):
    """(subject, html, text) of the bulletin in `language`; content falls back to English."""
    with translation.override(language):
        context = {
            "bulletin": bulletin,
            "introduction": introduction_in(bulletin, language),
            "content": content,
            "site_url": settings.OEC_SITE_URL.rstrip("/"),
            "period_label": date_format(previous_month(bulletin.month), "YEAR_MONTH_FORMAT"),
            "language": language,
        }
        return (
            subject_for(bulletin.month),
            render_to_string("bulletins/email/edition.html", context).strip(),
            render_to_string("bulletins/email/edition.txt", context).strip() + "\n",
        )
