"""Documents in batches: a ZIP of language files named by symbol and language
(`OEC-GA-2-3_fr.pdf`: the symbol with its "/" written "-", as in the document's address).

Every file goes through the checks of a single upload (`services.document_file_store`: content,
extension, size, antivirus). A document is changed whole or not at all: when one of its files is
refused, none of its files is kept. A symbol the register does not hold yet makes a new
document of the symbol's session, titled with its symbol and visible to the secretariat only
until an officer completes its record; a revision needs the document it revises.

The archive itself is checked before anything is unpacked: its size is that of one upload, and
the number of entries, their sizes (as read, not as their headers claim) and their compression
ratio are capped, so that a zip bomb is refused; a name that climbs out of the archive
(`../x`, `/etc/x`, `C:\\x`) is refused, never written anywhere (files get server-made names).
"""

import io
import re
import zipfile
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from members.models import Organisation
from members.uploads import MAX_COMPRESSION_RATIO, MAX_UNCOMPRESSED_BYTES, max_upload_bytes

from .alerts import document_issue
from .models import AssemblySession, Document, Language
from .models.symbols import SYMBOL_RE, slug_to_symbol
from .services import document_file_store

MAX_BATCH_ENTRIES = 200
NAME_RE = re.compile(
    r"^(?P<slug>[A-Za-z0-9.\-]+)_(?P<language>[a-z]{2,3})\.(?P<extension>[a-z0-9]+)$"
)


@dataclass
class BatchReport:
    """What a batch did: documents created, language files added and replaced, and refusals
    (the entry's name and why)."""

    created: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class _Entry:
    name: str
    symbol: str
    language: str
    content: bytes


def _is_unsafe(name):
    parts = name.replace("\\", "/").split("/")
    return name.startswith(("/", "\\")) or ":" in name or ".." in parts


def _read_entries(archive, report):
    """The archive's entries that name a document file, read within the limits."""
    entries, total = [], 0
    limit = max_upload_bytes()
    for info in archive.infolist():
        name = info.filename
        if info.is_dir():
            continue
        if _is_unsafe(name):
            report.refused.append((name, _("The name leaves the archive's folder.")))
            continue
        base = name.replace("\\", "/").rsplit("/", 1)[-1]
        match = NAME_RE.match(base)
        symbol = slug_to_symbol(match["slug"]) if match else ""
        if not match or not SYMBOL_RE.match(symbol):
            report.refused.append(
                (name, _("The name is not a symbol and a language, e.g. OEC-GA-2-3_fr.pdf."))
            )
            continue
        if match["language"] not in Language.values:
            report.refused.append(
                (
                    name,
                    _("“%(code)s” is not a language of the register.")
                    % {"code": match["language"]},
                )
            )
            continue
        if info.file_size > limit or (
            info.compress_size and info.file_size / info.compress_size > MAX_COMPRESSION_RATIO
        ):
            report.refused.append((name, _("The file unpacks to more than the size allowed.")))
            continue
        # Headers may lie: read no more than the limit allows.
        with archive.open(info) as member:
            content = member.read(limit + 1)
        total += len(content)
        if len(content) > limit or total > MAX_UNCOMPRESSED_BYTES:
            raise ValidationError(_("The archive unpacks to more than the size allowed."))
        entries.append(_Entry(name, symbol, match["language"], content))
    return entries


def _document_for(symbol, *, document_type):
    """The document of `symbol`, or a new one of the symbol's session (not saved)."""
    document = Document.objects.filter(symbol=symbol).first()
    if document is not None:
        return document, False
    parts = SYMBOL_RE.match(symbol)
    session = AssemblySession.objects.filter(
        organ__code=parts["organ"], number=int(parts["session"])
    ).first()
    if session is None:
        raise ValidationError(
            _("No session %(organ)s %(number)s is in the register for this symbol.")
            % {"organ": parts["organ"], "number": parts["session"]}
        )
    revises = None
    if parts["revision"]:
        revises = Document.objects.filter(symbol=symbol[: -len(parts["revision"])]).first()
    document = Document(
        symbol=symbol,
        title_en=symbol,
        type=document_type,
        session=session,
        revises=revises,
        access=Document.Access.SECRETARIAT,
        organisation=Organisation.objects.host(),
    )
    document.full_clean()
    document.save()
    return document, True


def _store_document(symbol, entries, *, document_type, report):
    stored = []
    try:
        with transaction.atomic():
            document, created = _document_for(symbol, document_type=document_type)
            existing = set(document.files.values_list("language", flat=True))
            for entry in entries:
                base = entry.name.replace("\\", "/").rsplit("/", 1)[-1]
                upload = SimpleUploadedFile(base, entry.content)
                try:
                    stored.append(
                        document_file_store(
                            document=document, language=entry.language, uploaded=upload
                        )
                    )
                except ValidationError as error:
                    raise ValidationError(f"{entry.name}: {error.messages[0]}") from None
            # A new document stays the secretariat's until an officer completes it (then the back
            # office issues it); a document the batch finds readable but never issued is issued.
            document_issue(document=document)
    except ValidationError as error:
        for document_file in stored:
            # Kept files of a document that was not changed: nothing may stay of them.
            document_file.file.storage.delete(document_file.file.name)
        reason = error.messages[0]
        for entry in entries:
            report.refused.append((entry.name, reason))
        return
    if created:
        report.created.append(symbol)
    for entry in entries:
        label = f"{symbol} ({entry.language})"
        (report.replaced if entry.language in existing else report.added).append(label)


def document_batch_upload(*, archive, document_type=Document.Type.WORKING_PAPER) -> BatchReport:
    """Put the language files of a ZIP into the register (see the module's docstring).

    Raises ValidationError, changing nothing, for an archive refused whole (not a ZIP, too
    large, too many entries); otherwise reports what was created, replaced and refused.
    """
    limit = max_upload_bytes()
    if archive.size > limit:
        raise ValidationError(
            _("The file is larger than %(limit)s MB.") % {"limit": round(limit / 2**20, 1)}
        )
    archive.seek(0)
    try:
        zip_file = zipfile.ZipFile(io.BytesIO(archive.read()))
    except zipfile.BadZipFile:
        raise ValidationError(_("Upload a ZIP archive of document files.")) from None
    report = BatchReport()
    with zip_file:
        if len(zip_file.infolist()) > MAX_BATCH_ENTRIES:
            raise ValidationError(
                _("The archive holds more than %(count)d files.") % {"count": MAX_BATCH_ENTRIES}
            )
        entries = _read_entries(zip_file, report)
    by_symbol = {}
    for entry in entries:
        by_symbol.setdefault(entry.symbol, []).append(entry)
    for symbol, group in sorted(by_symbol.items()):
        languages = [entry.language for entry in group]
        if len(set(languages)) != len(languages):
            for entry in group:
                report.refused.append(
                    (entry.name, _("The archive holds two files of this language."))
                )
            continue
        _store_document(symbol, group, document_type=document_type, report=report)
    return report
