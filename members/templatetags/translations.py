"""Marking text shown in English because the visitor's language has none (WCAG 3.1.2).

`<p{{ organisation|fallback_lang:"summary" }}>` adds ` lang="en" dir="ltr"` when the field
(a modeltranslation field) is empty in the active language and English stands in for it, so
that screen readers switch voice and right-to-left pages keep the punctuation in place.
"""

from django import template
from django.conf import settings
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()


@register.filter
def fallback_lang(obj, field):
    code = get_language() or settings.LANGUAGE_CODE
    fallback = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    if code == fallback or getattr(obj, f"{field}_{code}", None):
        return ""
    return mark_safe(f' lang="{fallback}" dir="ltr"')  # noqa: S308 (constant attributes)
