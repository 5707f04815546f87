import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import (
    AgendaItem,
    AssemblySession,
    Deadline,
    Decision,
    Document,
    Meeting,
    OfficeHolder,
    Organ,
)


@register(Organ)
class OrganTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(AssemblySession)
class AssemblySessionTranslationOptions(TranslationOptions):
    fields = ("venue", "description")


@register(AgendaItem)
class AgendaItemTranslationOptions(TranslationOptions):
    fields = ("title",)


@register(Meeting)
class MeetingTranslationOptions(TranslationOptions):
    fields = ("title", "room")


@register(Deadline)
class DeadlineTranslationOptions(TranslationOptions):
    fields = ("title",)


@register(Document)
class DocumentTranslationOptions(TranslationOptions):
    fields = ("title",)


@register(Decision)
class DecisionTranslationOptions(TranslationOptions):
    fields = ("title", "text")


@register(OfficeHolder)
class OfficeHolderTranslationOptions(TranslationOptions):
    fields = ("title",)


# Who changed a document's access class or a decision's text, and when (after the translation
# registration: DESIGN.md's pitfall).
simple_history.register(Document)
simple_history.register(Decision)
