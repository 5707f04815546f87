"""Whether a translation still matches its source: records kept per object, field, language.

The source language is the default one (English). A translation is
- missing when the target field is empty while the source has text;
- outdated when the source text is no longer the one recorded when the translation was made;
- complete otherwise.

Why a post_save receiver (STYLE.md keeps signals for cache invalidation): translated content
is written by the back office's admin screens, the members' dashboard forms, the news and page
workflows, seed_demo and the bulk imports, and more will come. A record missed on any one
of these paths would silently make an outdated translation look complete. The receiver keeps
only this derived bookkeeping (a fingerprint of what each translation was made from, in the
same transaction as the save, idempotent, no mail, no task); what a translator does on purpose
("this translation is checked against today's source") is recorded explicitly by the services
that save a translation (`record_translations(..., checked=True)`). Rows written without
save() (queryset.update, bulk_create) bypass it, as they bypass every model rule. A
post_delete receiver drops a deleted item's records and assignments (the rows point at it
through a content type, which no foreign key cascades).
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from .content_languages import language_codes
from .models import TranslationAssignment, TranslationRecord, text_fingerprint

MISSING, OUTDATED, COMPLETE = "missing", "outdated", "complete"

# model -> the translated fields the overview follows (oec_portal registers them).
_TRACKED = {}


def source_language():
    return settings.MODELTRANSLATION_DEFAULT_LANGUAGE


def target_languages():
    """The languages translated from the source (fr, es, ar)."""
    return [code for code in language_codes() if code != source_language()]


def track_translations(model, fields):
    """Keep translation records for `fields` of `model` on every save (see the module's why)."""
    _TRACKED[model] = tuple(dict.fromkeys((*_TRACKED.get(model, ()), *fields)))
    uid = f"translation-records-{model._meta.label_lower}"
    post_save.connect(_record_after_save, sender=model, dispatch_uid=uid)
    post_delete.connect(_forget_after_delete, sender=model, dispatch_uid=uid)


def tracked_fields(model):
    return _TRACKED.get(model, ())


def field_state(source, translation, record):
    """MISSING, OUTDATED or COMPLETE for one field and language; None when the source is empty
    (there is nothing to translate)."""
    if not (source or "").strip():
        return None
    if not (translation or "").strip():
        return MISSING
    if record is not None and record.source_hash != text_fingerprint(source):
        return OUTDATED
    return COMPLETE


def records_by_key(content_type, object_ids):
    """{(object_id, field, language): TranslationRecord} for these objects (one query)."""
    records = TranslationRecord.objects.filter(
        content_type=content_type, object_id__in=list(object_ids)
    )
    return {(r.object_id, r.field, r.language): r for r in records}


def record_translations(instance, *, fields=None, languages=None, checked=False, user=None):
    """Record the source that the translations of `instance` now correspond to.

    With `checked` (a translator saved or imported these fields), every non-empty translation
    of `fields` × `languages` is recorded as made from today's source. Without it (any other
    save), only translations that changed since their last record are: an untouched
    translation keeps the source it was made from, so a new source makes it outdated.
    """
    model = type(instance)
    fields = fields or tracked_fields(model)
    languages = languages or target_languages()
    content_type = ContentType.objects.get_for_model(model)
    existing = records_by_key(content_type, [instance.pk])
    now = timezone.now()
    changed = []
    for name in fields:
        source = getattr(instance, f"{name}_{source_language()}") or ""
        for code in languages:
            translation = getattr(instance, f"{name}_{code}") or ""
            if not translation.strip():
                continue
            record = existing.get((instance.pk, name, code))
            translation_hash = text_fingerprint(translation)
            if not checked and record is not None and record.translation_hash == translation_hash:
                continue
            changed.append(
                TranslationRecord(
                    content_type=content_type,
                    object_id=instance.pk,
                    field=name,
                    language=code,
                    source_text=source,
                    source_hash=text_fingerprint(source),
                    translation_hash=translation_hash,
                    recorded_at=now,
                    recorded_by=user,
                )
            )
    if changed:
        TranslationRecord.objects.bulk_create(
            changed,
            update_conflicts=True,
            unique_fields=["content_type", "object_id", "field", "language"],
            update_fields=[
                "source_text",
                "source_hash",
                "translation_hash",
                "recorded_at",
                "recorded_by",
            ],
        )
    return len(changed)


def _record_after_save(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw:  # loaddata: the rows come as they were, with their own records
        return
    fields = tracked_fields(sender)
    if update_fields is not None:
        saved = {name.rsplit("_", 1)[0] for name in update_fields} | set(update_fields)
        fields = tuple(name for name in fields if name in saved)
        if not fields:
            return
    record_translations(instance, fields=fields)


def _forget_after_delete(sender, instance, **kwargs):
    content_type = ContentType.objects.get_for_model(sender)
    for model in (TranslationRecord, TranslationAssignment):
        model.objects.filter(content_type=content_type, object_id=instance.pk).delete()


class TranslationTarget:
    """One item's translation into one language: what the policy's `members.translate_item`
    is asked about."""

    def __init__(self, *, content_type_id, object_id, language):
        self.content_type_id = content_type_id
        self.object_id = object_id
        self.language = language
