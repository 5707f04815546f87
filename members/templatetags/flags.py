"""Countries' flags: the SVGs of npm's flag-icons package, copied into static/flags/ by
tools/copy_flags.sh, drawn as images rather than emoji (which many systems draw as two letters)."""

from django import template
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def flag(country, alone=False):
    """The country's flag as an <img>, or nothing for an empty or unknown country.

    Beside the country's written name the flag is decoration, hidden from screen readers so
    the name is read once; `alone=True` where no name is written makes the name its alt text.
    """
    if not country or not country.name:
        return ""
    source = static(f"flags/4x3/{country.code.lower()}.svg")
    if alone:
        label = format_html('alt="{}"', country.name)
    else:
        label = mark_safe('alt="" aria-hidden="true"')
    return format_html(
        '<img class="flag" src="{}" width="20" height="15" {} loading="lazy">', source, label
    )
