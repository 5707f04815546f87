"""The writes of translation management: saving a translation, assigning work, completing it."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from members.models import Role, TranslationAssignment
from members.notifications import notify
from members.translation_records import COMPLETE, record_translations

from .overview import item_language_state


def notify_translation_assignment(*, assignment, item_type, item, event):
    """THE place where translation work reaches people (members' notifications): `event` is
    "assigned" (tell the translator) or "completed" (tell whoever assigned it)."""
    language = assignment.language
    # The language's code: each reader's mail names it in their own language.
    context = {"item": str(item), "language": language}
    editor = reverse("translations:edit", args=[item_type.key, item.pk, language])
    if event == "assigned":
        notify(
            event="translations.assigned",
            organisation=assignment.organisation,
            roles=[Role.TRANSLATOR],
            people=[assignment.translator],
            obj=assignment,
            url=editor,
            actor=assignment.assigned_by,
            context=context,
        )
    elif assignment.assigned_by is not None:
        notify(
            event="translations.completed",
            organisation=assignment.organisation,
            roles=[Role.COMMUNICATIONS, Role.ADMINISTRATOR],
            people=[assignment.assigned_by],
            obj=assignment,
            url=editor,
            actor=assignment.translator,
            context=context,
        )


def _complete_assignment_if_done(*, item_type, item, language):
    state, _fields = item_language_state(item_type, item, language)
    if state != COMPLETE:
        return None
    assignment = (
        TranslationAssignment.objects.open()
        .for_item(content_type=item_type.content_type, object_id=item.pk, language=language)
        .first()
    )
    if assignment is None:
        return None
    assignment.completed_at = timezone.now()
    assignment.save(update_fields=["completed_at"])
    notify_translation_assignment(
        assignment=assignment, item_type=item_type, item=item, event="completed"
    )
    return assignment


@transaction.atomic
def translation_save(*, item_type, item, language, values, user):
    """Save `values` ({field: text}) as `item`'s translation into `language`, recorded as made
    from today's source; completes the open assignment when the translation is now complete."""
    for name, text in values.items():
        setattr(item, f"{name}_{language}", text)
    item.save(update_fields=[f"{name}_{language}" for name in values])
    record_translations(item, fields=list(values), languages=[language], checked=True, user=user)
    return _complete_assignment_if_done(item_type=item_type, item=item, language=language)


@transaction.atomic
def translations_import(*, changes, language, user):
    """Apply checked imported translations: `changes` is [(item_type, item, {field: text})],
    all or nothing. Returns the assignments completed."""
    completed = []
    for item_type, item, values in changes:
        done = translation_save(
            item_type=item_type, item=item, language=language, values=values, user=user
        )
        if done:
            completed.append(done)
    return completed


@transaction.atomic
def translation_assign(
    *, organisation, item_type, item, language, translator, assigned_by, due_on=None, note=""
):
    """Give `item`'s translation into `language` to `translator` (replacing the open
    assignment's translator, if there is one); the translator is told on commit."""
    assignment, _created = TranslationAssignment.objects.select_for_update().update_or_create(
        content_type=item_type.content_type,
        object_id=item.pk,
        language=language,
        completed_at=None,
        defaults={
            "organisation": organisation,
            "translator": translator,
            "assigned_by": assigned_by,
            "due_on": due_on,
            "note": note,
        },
    )
    notify_translation_assignment(
        assignment=assignment, item_type=item_type, item=item, event="assigned"
    )
    return assignment


@transaction.atomic
def translation_assignment_withdraw(*, assignment):
    """Take back an open assignment (the translator's list no longer shows it)."""
    assignment.delete()
