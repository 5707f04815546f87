from modeltranslation.translator import TranslationOptions, register

from .models import Organisation, TeamMember


@register(Organisation)
class OrganisationTranslationOptions(TranslationOptions):
    fields = ("name", "summary")


@register(TeamMember)
class TeamMemberTranslationOptions(TranslationOptions):
    fields = ("role_title", "biography")
