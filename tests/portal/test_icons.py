"""Interface icons: {% icon "name" %} draws one of @tabler/icons' SVGs inline, hidden from
screen readers and in the text's colour; `make icons` (tools/copy_icons.sh) copies every icon
the templates name, and nothing else of the package's 6,000; icons that point along the line
turn round in Arabic."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.template import Context, Template

from governance.templatetags.governance_tags import (
    ACCESS_ICONS,
    DOCUMENT_TYPE_ICONS,
    FILE_FORMAT_ICONS,
)
from members.templatetags.icons import DIRECTIONAL_ICONS, IconNotFound

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_DIRS = [ROOT / "templates", *ROOT.glob("*/templates")]
ICON_IN_TEMPLATE = re.compile(r"""{%\s*icon\s+["']([^"']+)["']\s*%}""")


def render(source):
    return Template("{% load icons %}" + source).render(Context())


def icons_named_in_templates():
    names = set()
    for directory in TEMPLATE_DIRS:
        for path in directory.rglob("*.html"):
            names.update(ICON_IN_TEMPLATE.findall(path.read_text(encoding="utf-8")))
    return names


def icons_the_build_copies():
    script = (ROOT / "tools" / "copy_icons.sh").read_text()
    lists = re.findall(r'^\w+="([a-z0-9 -]+)"$', script, re.MULTILINE)
    return {name for names in lists for name in names.split()}


def icons_named_anywhere():
    by_python = {*DOCUMENT_TYPE_ICONS.values(), *ACCESS_ICONS.values(), *FILE_FORMAT_ICONS.values()}
    return icons_named_in_templates() | by_python | {"file"}


def test_an_icon_is_inline_svg_hidden_from_screen_readers_in_the_text_colour():
    html = render('{% icon "download" %}')
    assert html.startswith(
        '<svg class="icon icon-download" viewBox="0 0 24 24" width="1em" height="1em"'
        ' aria-hidden="true" focusable="false" fill="none" stroke="currentColor"'
    )
    assert '<path d="M4 17v2a2 2 0 0 0 2 2h12a2 2 0 0 0 2 -2v-2" />' in html
    assert html.endswith("</svg>")
    # The package's invisible 24x24 frame and its own classes are left out; no inline style
    # (the CSP forbids them).
    assert 'd="M0 0h24v24H0z"' not in html
    assert "icon-tabler" not in html
    assert "style" not in html


def test_an_unknown_icon_fails_loudly():
    with pytest.raises(IconNotFound, match="No icon 'no-such-icon' in static/icons/"):
        render('{% icon "no-such-icon" %}')


def test_an_icon_name_cannot_reach_outside_the_icons():
    with pytest.raises(IconNotFound):
        render('{% icon "../css/site" %}')


def test_the_templates_name_icons():
    # The regex below must see the tags, or the next test would pass on nothing.
    assert {"search", "download", "chevron-right", "home"} <= icons_named_in_templates()


@pytest.mark.parametrize("name", sorted(icons_named_anywhere()))
def test_every_icon_named_is_copied_by_make_icons(name):
    assert name in icons_the_build_copies(), f"add {name!r} to tools/copy_icons.sh"
    assert finders.find(f"icons/{name}.svg"), "run `make icons`"


def test_make_icons_copies_only_the_icons_named():
    assert icons_the_build_copies() == icons_named_anywhere()


def test_the_icons_licence_travels_with_them():
    licence = Path(finders.find("icons/tabler-icons-LICENSE.txt")).read_text()
    assert licence.startswith("MIT License")


@pytest.mark.parametrize("name", sorted(DIRECTIONAL_ICONS))
def test_directional_icons_are_marked_to_turn_round_in_arabic(name):
    assert f'class="icon icon-{name} icon-directional"' in render('{% icon "' + name + '" %}')


def test_the_stylesheet_mirrors_directional_icons_on_right_to_left_pages():
    css = (ROOT / "static" / "css" / "site.css").read_text()
    assert '[dir="rtl"] .icon-directional { transform: scaleX(-1); }' in css


def test_an_icon_that_points_nowhere_is_not_mirrored():
    assert "icon-directional" not in render('{% icon "search" %}')
