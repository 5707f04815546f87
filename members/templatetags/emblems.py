"""`{% organisation_emblem organisation "small" %}`: the organisation's logo or, when it has
none, its designed cover (members/emblems.py), drawn the same way on every page that shows
organisations to the public: the directory, microsites, the home page, the partner database."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from members.emblems import ARABIC_INITIALS_SEPARATOR

register = template.Library()

# CSS pixels of each size (static/css/site.css, "Emblems"): a card's, a microsite banner's.
SIZES = {"small": 64, "large": 120}
# The cover's initials fill its square whatever their number (viewBox units of 120).
FONT_SIZES = {1: 58, 2: 50, 3: 40, 4: 31}
SMALLEST_FONT_SIZE = 25
# Two Arabic letters and the space that keeps them apart are wider than two Latin capitals.
ARABIC_FONT_SIZES = {1: 58, 2: 42}


def _cover(organisation, size, pixels, label):
    initials = organisation.emblem_initials
    letters = len(initials.replace(ARABIC_INITIALS_SEPARATOR, ""))
    font_sizes = ARABIC_FONT_SIZES if ARABIC_INITIALS_SEPARATOR in initials else FONT_SIZES
    return format_html(
        '<svg class="emblem emblem-{size} emblem-cover emblem-tone-{tone}" viewBox="0 0 120 120"'
        ' width="{pixels}" height="{pixels}" {label} focusable="false">'
        '<rect class="emblem-ground" width="120" height="120"/>'
        '<circle class="emblem-ring" cx="120" cy="0" r="46"/>'
        '<circle class="emblem-ring" cx="120" cy="0" r="70"/>'
        '<rect class="emblem-rule" y="112" width="120" height="8"/>'
        '<text x="60" y="58" text-anchor="middle" dominant-baseline="central"'
        ' font-size="{font_size}">{initials}</text></svg>',
        size=size,
        tone=organisation.emblem_tone,
        pixels=pixels,
        label=label,
        font_size=font_sizes.get(letters, SMALLEST_FONT_SIZE),
        initials=initials,
    )


@register.simple_tag
def organisation_emblem(organisation, size="small", lazy=True, alone=False):
    """The organisation's logo as an <img>, or its designed cover as an inline <svg>.

    Beside the organisation's written name (a card's heading, a microsite's title) the emblem
    is decoration: empty alt text, hidden from screen readers, so that the name is read once.
    `alone=True`, where no name is written, names it ("Logo of ..."). `lazy=False` for an
    emblem at the top of a page, which the browser should fetch at once.
    """
    pixels = SIZES[size]
    if organisation.logo:
        alt = gettext("Logo of %(name)s") % {"name": organisation.name} if alone else ""
        return format_html(
            '<img class="emblem emblem-{} emblem-logo" src="{}" width="{}" height="{}" alt="{}"{}>',
            size,
            organisation.emblem_url,
            pixels,
            pixels,
            alt,
            mark_safe(' loading="lazy"') if lazy else "",
        )
    if alone:
        label = format_html('role="img" aria-label="{}"', organisation.name)
    else:
        label = mark_safe('aria-hidden="true"')
    return _cover(organisation, size, pixels, label)
