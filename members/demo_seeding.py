"""What every app's demo module (`<app>/demo.py`, run by `manage.py seed_demo`) seeds with.

The demo must be idempotent, and its living dates (the next session, recent news, last month's
bulletin) must stay recent without changing when it is seeded again within the same month.
"""

import datetime
import tomllib
from pathlib import Path
from zoneinfo import ZoneInfo

from django.utils import timezone

GENEVA = ZoneInfo("Europe/Zurich")  # the IANA zone of Geneva, where the body sits


def demo_content(module_file):
    """The demo content beside a demo module: `<app>/demo.toml` for `<app>/demo.py`.

    Prose in four languages reads best as data; the demo modules keep only the logic.
    """
    with Path(module_file).with_suffix(".toml").open("rb") as file:
        return tomllib.load(file)


def translated_fields(field, texts):
    """modeltranslation's columns of `field` for `texts` by language:
    `translated_fields("title", {"en": "A", "fr": "B"}) == {"title_en": "A", "title_fr": "B"}`."""
    return {f"{field}_{code}": text for code, text in texts.items()}


def month_from_now(offset):
    """The first day of the month `offset` months from today's (negative: past), Geneva time.

    The demo's living dates (the next session, recent news, last month's bulletin) hang on it, so
    they stay the same all month: seeding again within a month changes nothing.
    """
    today = timezone.localdate()
    index = today.year * 12 + today.month - 1 + offset
    return datetime.date(index // 12, index % 12 + 1, 1)


def update_or_create_if_changed(model, *, defaults, **lookup):
    """`Model.objects.update_or_create`, saving only when a value differs.

    Every save of a model with history (pages, articles, documents, decisions) writes a version,
    and the cache forgets every page: seeding again on the same day must change nothing.
    Returns (row, changed).
    """
    row = model.objects.filter(**lookup).first()
    if row is None:
        return model.objects.create(**lookup, **defaults), True
    changed = [name for name, value in defaults.items() if getattr(row, name) != value]
    for name in changed:
        setattr(row, name, defaults[name])
    if changed:
        row.save()
    return row, bool(changed)
