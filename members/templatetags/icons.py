"""Interface icons: the outline SVGs of npm's @tabler/icons, copied into static/icons/ by
tools/copy_icons.sh, drawn inline so that they take the text's colour (currentColor) and size
(em, static/css/site.css's "Icons" section) and cost no request of their own.

Every icon stands beside words that say the same thing, so it is hidden from assistive
technology. An unknown name raises, in tests and in production alike: the names are a closed
set fixed at build time (tools/copy_icons.sh's list, which tests/portal/test_icons.py checks
against every {% icon %} in the templates), and a page that silently lost its icons would hide a
build that forgot to copy them.
"""

import re
from functools import cache

from django import template
from django.contrib.staticfiles import finders
from django.utils.safestring import mark_safe

register = template.Library()

# Icons that point along the line of reading: drawn mirrored on right-to-left pages (site.css,
# `[dir="rtl"] .icon-directional`), so that "next" points to the end of the line in Arabic too.
DIRECTIONAL_ICONS = frozenset({"chevron-left", "chevron-right", "external-link"})

# The icon's drawing: what lies inside <svg>, less tabler's invisible 24x24 bounding box.
_INNER_SVG = re.compile(r"<svg\b[^>]*>(?P<inner>.*)</svg>", re.DOTALL)
_BOUNDING_BOX = re.compile(r'<path stroke="none" d="M0 0h24v24H0z" fill="none"\s*/>')


class IconNotFound(template.TemplateSyntaxError):
    pass


@cache
def _drawing(name):
    path = finders.find(f"icons/{name}.svg") if re.fullmatch(r"[a-z0-9-]+", name) else None
    if not path:
        raise IconNotFound(
            f"No icon {name!r} in static/icons/:"
            " add it to tools/copy_icons.sh and run `make icons`."
        )
    with open(path, encoding="utf-8") as svg:
        inner = _INNER_SVG.search(svg.read())["inner"]
    return " ".join(_BOUNDING_BOX.sub("", inner).split())


@register.simple_tag
def icon(name):
    """The named icon as an inline <svg>, hidden from screen readers: `{% icon "download" %}`."""
    classes = f"icon icon-{name}" + (" icon-directional" if name in DIRECTIONAL_ICONS else "")
    # The name matched [a-z0-9-]+ (_drawing raises otherwise) and the drawing is our own copy
    # of the package's file, never user input.
    return mark_safe(  # noqa: S308
        f'<svg class="{classes}" viewBox="0 0 24 24" width="1em" height="1em" aria-hidden="true"'
        ' focusable="false" fill="none" stroke="currentColor" stroke-width="2"'
        f' stroke-linecap="round" stroke-linejoin="round">{_drawing(name)}</svg>'
    )
