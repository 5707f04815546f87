from modeltranslation.translator import TranslationOptions, register

from .models import Organisation


@register(Organisation)
class OrganisationTranslationOptions(TranslationOptions):
    fields = ("name", "summary")
