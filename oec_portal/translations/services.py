"""The writes of translation management: saving a translation, assigning work, completing it."""

import logging

from django.db import transaction
from django.utils import timezone

from members.models import TranslationAssignment
from members.translation_records import COMPLETE, record_translations

from .overview import item_language_state

logger = logging.getLogger(__name__)


def notify_translation_assignment(*, assignment, event):
    """THE place where translation work reaches people: `event` is "assigned" (tell the
    translator) or "completed" (tell whoever assigned it). Called on commit.

    The notifications core (branch `notify`) is not merged yet; until it is, the assignment
    itself is the to-do (the translator's "assigned to me" list, the communications staff's
    "assignments" list) and this only logs. Replace the log line with the notification call.
    """
    logger.info(
        "translation assignment %s %s: translator=%s assigned_by=%s",
        assignment.pk,
        event,
        assignment.translator_id,
        assignment.assigned_by_id,
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
    transaction.on_commit(
        lambda: notify_translation_assignment(assignment=assignment, event="completed")
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
    transaction.on_commit(
        lambda: notify_translation_assignment(assignment=assignment, event="assigned")
    )
    return assignment


@transaction.atomic
def translation_assignment_withdraw(*, assignment):
    """Take back an open assignment (the translator's list no longer shows it)."""
    assignment.delete()
