"""Reading the text of a language file into the register's search (issue 18).

`document_file_text_read` is what the Celery task runs (governance.tasks); services queue it
when a file is stored (services.document_file_text_queue). It is idempotent: a file whose text
was already read from the same stored file, in the same language, is not read again.
"""

import logging

from django.db import connection, transaction
from django.utils import timezone

from .models import DocumentFile, DocumentText, TextStatus
from .text_extraction import MAX_FILE_BYTES, Extracted, extract_in_this_process, extract_text

logger = logging.getLogger(__name__)


def _already_read(document_file):
    if document_file.text_status == TextStatus.PENDING:
        return False
    return DocumentText.objects.filter(
        pk=document_file.pk,
        source_name=document_file.file.name,
        language=document_file.language,
    ).exists()


def _read_bytes(document_file):
    try:
        with document_file.file.open("rb") as stored:
            return stored.read(MAX_FILE_BYTES + 1)
    except OSError:
        return None


def document_file_text_read(
    *, document_file_id: int, force: bool = False, trusted: bool = False
) -> DocumentFile | None:
    """Read the text of a language file (PDF or DOCX) and keep it for full-text search.

    The file is parsed outside any transaction (in a child process, with limits: see
    governance.text_extraction); the result is written only if the file is still the one that
    was read (a newer upload queues its own reading). Returns the file, or None if it is gone.
    `trusted`: a file the portal made itself (the demo's) is read in this process.
    """
    document_file = DocumentFile.objects.filter(pk=document_file_id).first()
    if document_file is None or not document_file.file:
        return document_file
    if not force and _already_read(document_file):
        return document_file
    name = document_file.file.name
    data = _read_bytes(document_file)
    if data is None:
        result = Extracted(TextStatus.FAILED, reason="missing file")
    else:
        read = extract_in_this_process if trusted else extract_text
        result = read(data, document_file.content_type)
    if result.status == TextStatus.FAILED:
        logger.warning(
            "document text not read: file=%s symbol_id=%s language=%s reason=%s",
            document_file.pk,
            document_file.document_id,
            document_file.language,
            result.reason,
        )
    return _keep(document_file_id, name, result)


@transaction.atomic
def _keep(document_file_id, name, result):
    document_file = DocumentFile.objects.select_for_update().filter(pk=document_file_id).first()
    if document_file is None or document_file.file.name != name:
        return document_file
    DocumentText.objects.update_or_create(
        document_file=document_file,
        defaults={
            "language": document_file.language,
            "text": result.text,
            "source_name": name,
            "pages": result.pages,
            "truncated": result.truncated,
            "extracted_at": timezone.now(),
        },
    )
    if connection.vendor == "postgresql":
        DocumentText.objects.filter(pk=document_file.pk).update(
            search_vector=DocumentText.vector_of_text(document_file.language)
        )
    document_file.text_status = result.status
    # A save (not an update): the content generation moves on, so cached searches are redone.
    document_file.save(update_fields=["text_status"])
    return document_file
