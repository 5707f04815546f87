import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import Article, Category


@register(Category)
class CategoryTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Article)
class ArticleTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "body", "image_alt")


# After the translation, so that the history keeps every language's columns (DESIGN.md pitfall).
simple_history.register(Article, excluded_fields=["updated_at"])
