"""The round trip with outside translators: XLIFF 1.2 and PO files (translate-toolkit).

Each unit's id names the item and field (`news:12:body`); its source is the English text at
export time. An import is checked unit by unit before anything is written: an unknown id, a
source that changed since the export, or broken markup in rich text refuses the whole file,
with a report line per unit (services.translations_import applies a clean file at once).
"""

import functools
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from members.rich_text import markup_problems
from members.translation_records import target_languages

from .items import ITEM_TYPES_BY_KEY

XLIFF_12_NAMESPACE = "urn:oasis:names:tc:xliff:document:1.2"
XLIFF_FILE = "oec-portal"
ID_SEPARATOR = "\x04"  # translate-toolkit puts the file name before a unit's id with it


# translate-toolkit (and lxml under it, ~7 MB) is imported by the first export or import, not
# by every web worker when the URLs load (tests/perf/test_worker_imports.py).
@functools.cache
def _xliff_12_file():
    """translate-toolkit writes XLIFF 1.1 by default; 1.2 is what CAT tools expect."""
    from translate.storage import xliff

    class Xliff12Unit(xliff.xliffunit):
        namespace = XLIFF_12_NAMESPACE

    class Xliff12File(xliff.xlifffile):
        UnitClass = Xliff12Unit
        namespace = XLIFF_12_NAMESPACE
        XMLskeleton = f"""<?xml version="1.0" ?>
<xliff version='1.2' xmlns='{XLIFF_12_NAMESPACE}'>
<file original='{XLIFF_FILE}' source-language='en' datatype='plaintext'>
<body>
</body>
</file>
</xliff>"""

    return Xliff12File


def unit_id(item_type, item, name):
    return f"{item_type.key}:{item.pk}:{name}"


def export_units(rows):
    """[(id, source, target, note)] of the rows' fields that have a source text."""
    units = []
    for row in rows:
        for name in row.field_states:
            units.append(
                (
                    unit_id(row.item_type, row.item, name),
                    getattr(row.item, f"{name}_en"),
                    getattr(row.item, f"{name}_{row.language}") or "",
                    f"{row.item_type.label}: {row.name} ({name})",
                )
            )
    return units


def export_xliff(rows, language):
    store = _xliff_12_file()(sourcelanguage="en", targetlanguage=language)
    for identifier, source, target, note in export_units(rows):
        unit = store.addsourceunit(source, filename=XLIFF_FILE)
        unit.setid(identifier)
        if target:
            unit.target = target
        unit.addnote(note, origin="developer")
    return bytes(store)


def export_po(rows, language):
    from translate.storage import po

    store = po.pofile()
    store.updateheader(add=True, Language=language, Content_Type="text/plain; charset=UTF-8")
    for identifier, source, target, note in export_units(rows):
        unit = store.addsourceunit(source)
        unit.setcontext(identifier)
        unit.target = target
        unit.addnote(note, origin="developer")
    return bytes(store)


@dataclass
class UnitReport:
    identifier: str
    problems: list = field(default_factory=list)

    @property
    def refused(self):
        return bool(self.problems)


@dataclass
class ImportCheck:
    language: str = ""
    reports: list = field(default_factory=list)
    changes: list = field(default_factory=list)  # [(item_type, item, {field: text})]
    file_problems: list = field(default_factory=list)

    @property
    def refused(self):
        return bool(self.file_problems) or any(report.refused for report in self.reports)

    @property
    def refused_reports(self):
        return [report for report in self.reports if report.refused]

    @property
    def unit_count(self):
        return sum(len(values) for _type, _item, values in self.changes)


def _read(upload):
    """(language, [(id, source, target)]) of an uploaded XLIFF or PO file; ValueError if
    unreadable."""
    from translate.storage import po, xliff

    content = upload.read()
    if upload.name.lower().endswith(".po"):
        store = po.pofile.parsestring(content)
        language = store.parseheader().get("Language", "")
        units = [
            (unit.getcontext(), unit.source, unit.target)
            for unit in store.units
            if not unit.isheader()
        ]
    else:
        store = xliff.xlifffile.parsestring(content)
        language = store.gettargetlanguage() or ""
        units = [
            (unit.getid().split(ID_SEPARATOR)[-1], unit.source, unit.target) for unit in store.units
        ]
    return language, units


def _locate(identifier, items_cache):
    """(item_type, item, field) named by a unit id, or a problem."""
    parts = identifier.split(":")
    if len(parts) != 3 or not parts[1].isdigit():
        return None, _("This id does not name an item of the portal.")
    key, pk, name = parts[0], int(parts[1]), parts[2]
    item_type = ITEM_TYPES_BY_KEY.get(key)
    if item_type is None or name not in item_type.fields:
        return None, _("This id does not name an item of the portal.")
    if (key, pk) not in items_cache:
        items_cache[(key, pk)] = item_type.get(pk)
    item = items_cache[(key, pk)]
    if item is None:
        return None, _("No such item: it may have been deleted since the export.")
    return (item_type, item, name), None


def check_import(upload):
    """Read and check an uploaded translation file, writing nothing: an ImportCheck with a
    report per unit and, when nothing is refused, the changes to apply."""
    check = ImportCheck()
    try:
        language, units = _read(upload)
    except Exception:  # translate-toolkit raises many kinds of parse errors
        check.file_problems.append(_("The file could not be read as XLIFF or PO."))
        return check
    check.language = language.split("-")[0].split("_")[0].lower()
    if check.language not in target_languages():
        check.file_problems.append(
            _("The file's target language (%(language)s) is not one the portal translates into.")
            % {"language": language or "—"}
        )
        return check
    items_cache, by_item, seen = {}, {}, set()
    for identifier, source, target in units:
        report = UnitReport(identifier=identifier or "—")
        check.reports.append(report)
        if identifier in seen:
            report.problems.append(_("This id appears twice in the file."))
            continue
        seen.add(identifier)
        located, problem = _locate(identifier or "", items_cache)
        if problem:
            report.problems.append(problem)
            continue
        item_type, item, name = located
        if (source or "").strip() != (getattr(item, f"{name}_en") or "").strip():
            report.problems.append(_("The English text changed since the export: export it again."))
        target = (target or "").strip()
        if not target:
            continue  # not translated in this file: left as it is
        if name in item_type.rich_text:
            report.problems += markup_problems(target)
        max_length = item_type.model._meta.get_field(name).max_length
        if max_length and len(target) > max_length:
            report.problems.append(
                _("The translation is longer than %(max)s characters.") % {"max": max_length}
            )
        if not report.problems:
            by_item.setdefault((item_type.key, item.pk), (item_type, item, {}))[2][name] = target
    check.changes = list(by_item.values())
    return check
