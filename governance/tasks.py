from celery import shared_task

from .document_texts import document_file_text_read


# The reading itself stops a slow file after a minute (governance.text_extraction); these limits
# are the worker's backstop.
@shared_task(soft_time_limit=180, time_limit=240)
def extract_document_file_text(document_file_id, force=False):
    """Read the text of a language file for full-text search (idempotent)."""
    document_file_text_read(document_file_id=document_file_id, force=force)
