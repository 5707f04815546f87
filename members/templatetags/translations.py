"""Text shown in English because the visitor's language has none: marked and isolated.

A translated field (modeltranslation) that is empty in the active language shows its English
text instead. Such text is marked `lang="en"` (WCAG 3.1.2: screen readers switch voice, the
Latin font applies) and `dir="ltr"`, which also isolates it (HTML's `[dir] { unicode-bidi:
isolate }`): on an Arabic page its full stop stays at its own end, on its right, instead of
jumping to the left of the English sentence. Two forms, one rule (`falls_back`):

- `<p{{ organisation|fallback_lang:"summary" }}>…</p>` on an element that holds only the field;
- `{{ article|translated:"title" }}` where the text sits in a line of other words: the text,
  wrapped in `<bdi lang="en" dir="ltr">` when it is the English fallback.
"""

from django import template
from django.conf import settings
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()


def falls_back(obj, field):
    """Whether `obj.<field>` shows the fallback language's text in the active language."""
    code = get_language() or settings.LANGUAGE_CODE
    fallback = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    # A field modeltranslation does not translate (no `<field>_en`) is never a fallback.
    if code == fallback or not hasattr(obj, f"{field}_{fallback}"):
        return False
    return not getattr(obj, f"{field}_{code}", None) and bool(getattr(obj, field, None))


@register.filter
def fallback_lang(obj, field):
    if not falls_back(obj, field):
        return ""
    fallback = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    return mark_safe(f' lang="{fallback}" dir="ltr"')  # noqa: S308 (constant attributes)


@register.filter
def translated(obj, field):
    text = getattr(obj, field, None) or ""
    if not falls_back(obj, field):
        return conditional_escape(text)
    return format_html(
        '<bdi lang="{}" dir="ltr">{}</bdi>', settings.MODELTRANSLATION_DEFAULT_LANGUAGE, text
    )
