"""The reads of translation management: every item × language with its state, counts,
assignments. A fixed number of queries (one per item type, one for the records, one for
the open assignments), whatever the number of items."""

from dataclasses import dataclass, field

from django.db.models import F
from django.urls import reverse

from members.models import TranslationAssignment, TranslationRecord
from members.translation_records import (
    COMPLETE,
    MISSING,
    OUTDATED,
    field_state,
    source_language,
    target_languages,
)

from .items import ITEM_TYPES, item_type_of

STATES = (MISSING, OUTDATED, COMPLETE)


@dataclass
class Row:
    """One item in one target language."""

    item_type: object
    item: object
    name: str
    language: str
    field_states: dict  # field -> MISSING / OUTDATED / COMPLETE (fields with a source only)
    assignment: object = None

    @property
    def state(self):
        return item_state(self.field_states.values())

    @property
    def editor_url(self):
        return reverse("translations:edit", args=[self.item_type.key, self.item.pk, self.language])


def item_state(states):
    """An item is missing while any field is, outdated while any field is, else complete."""
    states = set(states)
    for state in (MISSING, OUTDATED):
        if state in states:
            return state
    return COMPLETE


@dataclass
class Overview:
    rows: list
    counts: dict = field(default_factory=dict)  # state -> rows in that state (before `state`)

    @property
    def total(self):
        return sum(self.counts.values())


def _records(item_types):
    content_types = {item_type.content_type for item_type in item_types}
    records = TranslationRecord.objects.filter(content_type__in=content_types).only(
        "content_type_id", "object_id", "field", "language", "source_hash"
    )
    return {(r.content_type_id, r.object_id, r.field, r.language): r for r in records}


def _open_assignments(item_types):
    content_types = {item_type.content_type for item_type in item_types}
    assignments = TranslationAssignment.objects.open().filter(content_type__in=content_types)
    return {
        (a.content_type_id, a.object_id, a.language): a
        for a in assignments.select_related("translator")
    }


def field_states_of(item_type, item, language, records):
    """{field: state} of `item` in `language` for the fields whose source has text."""
    content_type_id = item_type.content_type.pk
    states = {}
    for name in item_type.fields:
        state = field_state(
            getattr(item, f"{name}_{source_language()}"),
            getattr(item, f"{name}_{language}"),
            records.get((content_type_id, item.pk, name, language)),
        )
        if state is not None:
            states[name] = state
    return states


def translation_overview(*, type_key="", language="", state=""):
    """Every translatable item × target language (filtered by item type, language and state),
    with the number of rows in each state under the type and language filters."""
    item_types = [item_type_of(type_key)] if item_type_of(type_key) else list(ITEM_TYPES)
    languages = [language] if language in target_languages() else target_languages()
    records = _records(item_types)
    assignments = _open_assignments(item_types)
    rows = []
    for item_type in item_types:
        content_type_id = item_type.content_type.pk
        for item in item_type.rows():
            for code in languages:
                states = field_states_of(item_type, item, code, records)
                if not states:
                    continue  # no source text at all: nothing to translate
                rows.append(
                    Row(
                        item_type=item_type,
                        item=item,
                        name=item_type.name(item),
                        language=code,
                        field_states=states,
                        assignment=assignments.get((content_type_id, item.pk, code)),
                    )
                )
    counts = dict.fromkeys(STATES, 0)
    for row in rows:
        counts[row.state] += 1
    if state in STATES:
        rows = [row for row in rows if row.state == state]
    return Overview(rows=rows, counts=counts)


def item_language_state(item_type, item, language):
    """(item state, {field: state}) of one item in one language (one query)."""
    records = {
        (r.content_type_id, r.object_id, r.field, r.language): r
        for r in TranslationRecord.objects.filter(
            content_type=item_type.content_type, object_id=item.pk, language=language
        )
    }
    states = field_states_of(item_type, item, language, records)
    return item_state(states.values()), states


def source_records(item_type, item, language):
    """{field: TranslationRecord} of one item in one language (the editor's diffs)."""
    return {
        r.field: r
        for r in TranslationRecord.objects.filter(
            content_type=item_type.content_type, object_id=item.pk, language=language
        )
    }


def assignments_for_communications():
    """Every assignment, open first (the communications staff's list)."""
    return TranslationAssignment.objects.select_related(
        "translator", "assigned_by", "content_type"
    ).order_by(F("completed_at").desc(nulls_first=True), "due_on", "-created_at")


def with_items(assignments):
    """The assignments, each with its `item`, `item_type`, `item_name` and `editor_url`
    (one query per kind of item among them); those whose item is gone are left out."""
    assignments = list(assignments)
    wanted = {}
    for assignment in assignments:
        wanted.setdefault(assignment.content_type_id, set()).add(assignment.object_id)
    found = {}
    for item_type in ITEM_TYPES:
        content_type_id = item_type.content_type.pk
        if content_type_id in wanted:
            for item in item_type.rows().filter(pk__in=wanted[content_type_id]):
                found[(content_type_id, item.pk)] = (item, item_type)
    described = []
    for assignment in assignments:
        if (assignment.content_type_id, assignment.object_id) not in found:
            continue
        item, item_type = found[(assignment.content_type_id, assignment.object_id)]
        assignment.item, assignment.item_type = item, item_type
        assignment.item_name = item_type.name(item)
        assignment.editor_url = reverse(
            "translations:edit", args=[item_type.key, item.pk, assignment.language]
        )
        described.append(assignment)
    return described
