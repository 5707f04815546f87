"""What every mail the portal sends must be (members/mail.py), checked the same way in each app."""

import re
from html.parser import HTMLParser

from django.conf import settings

BODY_NAME = {
    "en": "Organisation of Educational Cooperation",
    "fr": "Organisation de coopération éducative",
    "es": "Organización de Cooperación Educativa",
    "ar": "منظمة التعاون التربوي",
}
# Tags that load or run something, or that mail clients strip (style sheets).
FORBIDDEN_TAGS = {"script", "link", "style", "iframe", "object", "embed", "form", "base"}
LOADING_ATTRIBUTES = {"src", "srcset", "background", "poster", "data"}
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")\s]+)")


class Resources(HTMLParser):
    """The tags and the addresses an HTML part would load when opened."""

    def __init__(self):
        super().__init__()
        self.tags = set()
        self.loaded = []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        for name, value in attrs:
            if name in LOADING_ATTRIBUTES and value:
                self.loaded.append(value)
            if name == "style" and value:
                self.loaded.extend(CSS_URL.findall(value))


def outside_resources(html):
    """The tags that load or run something, and the addresses loaded from outside the portal."""
    parser = Resources()
    parser.feed(html)
    own = settings.OEC_SITE_URL.rstrip("/") + "/"
    return sorted(parser.tags & FORBIDDEN_TAGS), [
        url for url in parser.loaded if not url.startswith(own)
    ]


def html_part(message):
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return html


def assert_branded(message, *, language):
    """A text part and an HTML part in the Organisation's layout, in `language`, a one-line
    subject, and nothing loaded from outside the portal."""
    rtl = language == "ar"
    assert message.subject and "\n" not in message.subject and "\r" not in message.subject
    assert message.content_subtype == "plain" and message.body.strip()
    assert message.body.rstrip().endswith(settings.OEC_SITE_URL.rstrip("/"))
    html = html_part(message)
    assert html.startswith("<!DOCTYPE html>")
    assert f'<html lang="{language}" dir="{"rtl" if rtl else "ltr"}">' in html
    assert f"{BODY_NAME[language]}</div>" in html  # the wordmark
    assert f"{BODY_NAME[language]}</strong>" in html  # the footer
    assert f'<img src="{settings.OEC_SITE_URL.rstrip("/")}/static/img/icon-192.png"' in html
    assert outside_resources(html) == ([], [])
    return html
