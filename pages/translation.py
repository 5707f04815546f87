import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import Page


@register(Page)
class PageTranslationOptions(TranslationOptions):
    fields = ("title", "meta_description", "body")
    # English is the fallback language, so a page always has an English title.
    required_languages = {"en": ("title",), "default": ()}


# After the translation, so that the history keeps every language's columns (DESIGN.md pitfall).
simple_history.register(Page, excluded_fields=["updated_at"])
