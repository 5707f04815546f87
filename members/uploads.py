"""Checks on uploaded documents: by content, never by name alone (SECURITY.md D1, D4).

Accepted: PDF, DOCX, XLSX, PPTX, ODT, ODS. Office formats are zip archives: they must hold the
entries their format requires, and their uncompressed size, entry count and compression ratio
are capped so that a zip bomb is refused before anything unpacks it. When an antivirus is
configured, the file is scanned too (members.antivirus, SECURITY.md D5). Governance (documents,
credentials letters) and partnerships (application and activity files) use these checks.
"""

import uuid
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .antivirus import scan_upload

MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_ZIP_ENTRIES = 5_000
MAX_COMPRESSION_RATIO = 100


@dataclass(frozen=True)
class FileKind:
    extension: str
    content_type: str
    label: str


PDF = FileKind("pdf", "application/pdf", "PDF")
DOCX = FileKind(
    "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word"
)
XLSX = FileKind(
    "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel"
)
PPTX = FileKind(
    "pptx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "PowerPoint",
)
ODT = FileKind("odt", "application/vnd.oasis.opendocument.text", "OpenDocument text")
ODS = FileKind("ods", "application/vnd.oasis.opendocument.spreadsheet", "OpenDocument spreadsheet")
ALLOWED_KINDS = (PDF, DOCX, XLSX, PPTX, ODT, ODS)
OOXML_KINDS = {"word/": DOCX, "xl/": XLSX, "ppt/": PPTX}
ODF_KINDS = {kind.content_type: kind for kind in (ODT, ODS)}

ALLOWED_MESSAGE = _("Upload a PDF, DOCX, XLSX, PPTX, ODT or ODS file.")


def max_upload_bytes() -> int:
    """The largest upload accepted, in bytes: settings.OEC_MAX_UPLOAD_BYTES (its default is there).

    Read at each call, so that a deployment (or a test) can change the limit.
    """
    return settings.OEC_MAX_UPLOAD_BYTES


def _refuse(message, code):
    raise ValidationError(message, code=code)


def _check_zip_limits(archive):
    entries = archive.infolist()
    if len(entries) > MAX_ZIP_ENTRIES:
        _refuse(_("The file holds too many parts to be a document."), "zip_entries")
    total = 0
    for entry in entries:
        total += entry.file_size
        if entry.compress_size and entry.file_size / entry.compress_size > MAX_COMPRESSION_RATIO:
            _refuse(_("The file is compressed suspiciously well and was refused."), "zip_ratio")
    if total > MAX_UNCOMPRESSED_BYTES:
        _refuse(_("The file unpacks to more than the size allowed."), "zip_size")


def _zip_kind(uploaded):
    try:
        archive = zipfile.ZipFile(uploaded)
    except zipfile.BadZipFile:
        _refuse(_("The file is damaged or is not a real document."), "bad_zip")
    with archive:
        _check_zip_limits(archive)
        names = archive.namelist()
        if names and names[0] == "mimetype":
            mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
            if mimetype in ODF_KINDS:
                return ODF_KINDS[mimetype]
        if "[Content_Types].xml" in names:
            for prefix, kind in OOXML_KINDS.items():
                if any(name.startswith(prefix) for name in names):
                    return kind
    _refuse(ALLOWED_MESSAGE, "file_type")


def detect_document_kind(uploaded) -> FileKind:
    """The kind of an uploaded document, from its content; ValidationError if not allowed.

    The file name's extension must agree with the content (an HTML page renamed .pdf fails),
    and the antivirus, if there is one, must find the file clean.
    """
    limit = max_upload_bytes()
    if uploaded.size > limit:
        _refuse(
            _("The file is larger than %(limit)s MB.") % {"limit": round(limit / 2**20, 1)},
            "file_size",
        )
    uploaded.seek(0)
    head = uploaded.read(8)
    uploaded.seek(0)
    if head.startswith(b"%PDF-"):
        kind = PDF
    elif head.startswith(b"PK\x03\x04"):
        kind = _zip_kind(uploaded)
        uploaded.seek(0)
    else:
        _refuse(ALLOWED_MESSAGE, "file_type")
    extension = uploaded.name.rsplit(".", 1)[-1].lower() if "." in uploaded.name else ""
    if extension != kind.extension:
        _refuse(
            _("The file's name ends in “.%(extension)s” but its content is %(label)s.")
            % {"extension": extension, "label": kind.label},
            "extension_mismatch",
        )
    scan_upload(uploaded)
    return kind


def storage_name(kind: FileKind) -> str:
    """A server-generated name: the uploader's name never reaches the file system."""
    return f"{uuid.uuid4().hex}.{kind.extension}"
