"""The text of a PDF or DOCX file, for full-text search, read in a separate process.

Documents come from outside (member states, partners): a crafted PDF can make a parser loop or
swallow memory. So `extract_text` runs this module as a child process with a wall-clock timeout
and an address-space limit, and stops at a page and a character limit; whatever goes wrong, the
caller gets a status, never an exception from the parser. The child needs no Django: it reads
the file's bytes on stdin and writes JSON on stdout.

Statuses (governance.models.TextStatus): "searchable" (text found), "scanned" (a PDF whose pages
hold no text layer, e.g. a scan without OCR), "unsupported" (another format), "failed" (damaged,
encrypted, too large, too slow).
"""

import io
import json
import re
import subprocess
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_PAGES = 1_000
# PostgreSQL refuses a tsvector over 1 MB and stops counting positions at 16,383; half a million
# characters (a 250-page report) stays well inside and keeps ts_headline quick.
MAX_CHARACTERS = 500_000
# A PDF whose pages average fewer letters than this has no text layer worth searching.
SCANNED_LETTERS_PER_PAGE = 8
MAX_DOCX_XML_BYTES = 50 * 1024 * 1024
TIMEOUT_SECONDS = 60
MEMORY_LIMIT_BYTES = 1024 * 1024 * 1024

PDF_CONTENT_TYPE = "application/pdf"
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# Characters kept out of the text: the controls (search highlights use two of them as markers,
# see governance.models.texts) and the NUL that PostgreSQL text refuses.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


@dataclass(frozen=True)
class Extracted:
    status: str
    text: str = ""
    pages: int | None = None
    truncated: bool = False
    reason: str = ""


def clean_text(text: str) -> str:
    """Text fit for search: NFKC (a PDF's Arabic presentation forms and Latin ligatures back to
    letters), no control characters, spaces and blank lines folded."""
    text = unicodedata.normalize("NFKC", text)
    text = _CONTROLS.sub(" ", text)
    text = _SPACES.sub(" ", text)
    return _BLANK_LINES.sub("\n\n", text).strip()


def _letters(text):
    return sum(1 for character in text if character.isalpha())


def _pdf(data: bytes) -> Extracted:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted and not reader.decrypt(""):
        return Extracted("failed", reason="encrypted")
    page_count = len(reader.pages)
    parts, size, truncated = [], 0, page_count > MAX_PAGES
    read = 0
    for page in reader.pages[:MAX_PAGES]:
        read += 1
        part = page.extract_text() or ""
        parts.append(part)
        size += len(part)
        if size > MAX_CHARACTERS:
            truncated = True
            break
    text = clean_text("\n\n".join(parts))
    if _letters(text) < SCANNED_LETTERS_PER_PAGE * max(read, 1):
        return Extracted("scanned", pages=page_count)
    return _limited(text, pages=page_count, truncated=truncated)


def _docx(data: bytes) -> Extracted:
    import zipfile

    from docx import Document
    from docx.oxml.ns import qn

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        body = archive.getinfo("word/document.xml")
        if body.file_size > MAX_DOCX_XML_BYTES:
            return Extracted("failed", reason="too large")
    document = Document(io.BytesIO(data))
    # Every paragraph of the body in order, those inside tables included.
    paragraphs = []
    for paragraph in document.element.body.iter(qn("w:p")):
        paragraphs.append("".join(node.text or "" for node in paragraph.iter(qn("w:t"))))
    text = clean_text("\n".join(paragraphs))
    if not text:
        return Extracted("scanned" if document.inline_shapes else "searchable", text="")
    return _limited(text)


def _limited(text, *, pages=None, truncated=False):
    if len(text) > MAX_CHARACTERS:
        text, truncated = text[:MAX_CHARACTERS], True
    return Extracted("searchable", text=text, pages=pages, truncated=truncated)


def extract_in_this_process(data: bytes, content_type: str) -> Extracted:
    """The text of `data` (PDF or DOCX); never raises for a bad file."""
    if len(data) > MAX_FILE_BYTES:
        return Extracted("failed", reason="too large")
    readers = {PDF_CONTENT_TYPE: _pdf, DOCX_CONTENT_TYPE: _docx}
    if content_type not in readers:
        return Extracted("unsupported")
    try:
        return readers[content_type](data)
    except MemoryError:
        return Extracted("failed", reason="memory")
    except Exception as error:  # noqa: BLE001 - any parser error is a damaged file to us
        return Extracted("failed", reason=f"unreadable: {type(error).__name__}")


def _limit_memory():  # pragma: no cover - runs in the child before exec
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT_BYTES, MEMORY_LIMIT_BYTES))


def extract_text(data: bytes, content_type: str, *, timeout=TIMEOUT_SECONDS) -> Extracted:
    """The text of a PDF or DOCX file, read by a child process within the limits above."""
    if content_type not in (PDF_CONTENT_TYPE, DOCX_CONTENT_TYPE):
        return Extracted("unsupported")
    if len(data) > MAX_FILE_BYTES:
        return Extracted("failed", reason="too large")
    try:
        finished = subprocess.run(  # noqa: S603 - our interpreter, our module, no shell
            # -I: the script's folder is not put on sys.path (governance/selectors.py would
            # shadow the standard library's selectors), nor are the environment's PYTHON* read.
            [sys.executable, "-I", str(Path(__file__).resolve()), content_type],
            input=data,
            capture_output=True,
            timeout=timeout,
            preexec_fn=_limit_memory,  # noqa: PLW1509 - no threads touched before exec
            check=False,
        )
    except subprocess.TimeoutExpired:
        return Extracted("failed", reason="timeout")
    if finished.returncode != 0:
        return Extracted("failed", reason=f"exit {finished.returncode}")
    try:
        return Extracted(**json.loads(finished.stdout))
    except (ValueError, TypeError):
        return Extracted("failed", reason="bad output")


if __name__ == "__main__":  # the child: bytes on stdin, JSON on stdout
    result = extract_in_this_process(sys.stdin.buffer.read(), sys.argv[1])
    sys.stdout.write(json.dumps(result.__dict__))
