from modeltranslation.translator import TranslationOptions, register

from .models import (
    CooperationActivity,
    FieldOfCompetence,
    FunctionalArea,
    NgoConference,
    Partnership,
)


@register(FieldOfCompetence)
class FieldOfCompetenceTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(FunctionalArea)
class FunctionalAreaTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Partnership)
class PartnershipTranslationOptions(TranslationOptions):
    fields = ("description",)


@register(CooperationActivity)
class CooperationActivityTranslationOptions(TranslationOptions):
    fields = ("title", "description")


@register(NgoConference)
class NgoConferenceTranslationOptions(TranslationOptions):
    fields = ("venue",)
