"""The one stylesheet (static/css/site.css): written with logical properties only, so that
Arabic pages mirror; every file it points to exists; its fonts are self-hosted and swap in."""

import re

from django.contrib.staticfiles import finders

PHYSICAL = re.compile(
    r"^(?:(?:margin|padding|border|inset|scroll-margin|scroll-padding)-(?:left|right|top|bottom)"
    r"(?:-\w+)?|left|right|top|bottom|(?:min-|max-)?(?:width|height))$"
)


def stylesheet():
    return open(finders.find("css/site.css"), encoding="utf-8").read()


def declarations(css):
    """(property, value) of every declaration, outside comments and @media conditions."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    for block in re.findall(r"\{([^{}]*)\}", css):
        for declaration in block.split(";"):
            if ":" in declaration:
                name, value = declaration.split(":", 1)
                yield name.strip(), value.strip()


def test_the_stylesheet_uses_logical_properties_only():
    physical = [
        f"{name}: {value}"
        for name, value in declarations(stylesheet())
        if PHYSICAL.match(name)
        or (name in ("text-align", "float", "clear") and value in ("left", "right"))
    ]
    assert physical == []


def test_the_check_finds_a_physical_property():
    assert [n for n, _v in declarations(".x { margin-left: 1rem; inline-size: 2px }")] == [
        "margin-left",
        "inline-size",
    ]
    assert PHYSICAL.match("margin-left") and not PHYSICAL.match("margin-inline-start")


def test_every_file_the_stylesheet_points_to_exists():
    urls = re.findall(r'url\("\.\./([^"]+)"\)', stylesheet())
    assert any(url.startswith("fonts/") for url in urls)
    assert [url for url in urls if not finders.find(url)] == []


def test_fonts_are_self_hosted_swap_in_and_load_only_their_script():
    faces = re.findall(r"@font-face \{([^}]*)\}", stylesheet())
    assert len(faces) == 8  # Noto Sans latin and latin-ext 400/600/700, Noto Sans Arabic 400/700
    for face in faces:
        assert "font-display: swap" in face
        assert "unicode-range:" in face
        assert re.search(r'src: url\("\.\./fonts/[\w-]+\.woff2"\) format\("woff2"\)', face)
