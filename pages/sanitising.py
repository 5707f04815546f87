"""The one HTML allowlist of page bodies: whatever an editor or an import sends, only this stays."""

import re

import nh3

from members.rich_text_editor import CSP_SAFE_STYLES

ALLOWED_TAGS = {"p", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "a", "blockquote", "br"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}

# The rich-text editor always leaves one empty paragraph behind; that is no content at all,
# and an empty translation must stay empty so that the English fallback (and its note) shows.
_EMPTY_ELEMENT = re.compile(r"^\s*(<(?P<tag>p|h2|h3|h4)>\s*(<br>)?\s*</(?P=tag)>\s*)*$")


def sanitise_html(html):
    """`html` with only the allowed tags and attributes: scripts and event handlers never stay."""
    if not html:
        return ""
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    ).strip()
    return "" if _EMPTY_ELEMENT.match(cleaned) else cleaned


# What the rich-text editor offers: exactly the allowlist above, so the editor never produces
# markup that the save would strip.
EDITOR_EXTENSIONS = {
    **CSP_SAFE_STYLES,
    "Bold": True,
    "Italic": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": sorted(URL_SCHEMES)},
}
