"""Storing the files partners send: checked by content, kept under server-made names."""

from members.uploads import detect_document_kind, storage_name


def store_checked_upload(field, uploaded):
    """Save `uploaded` into the file `field` (not the row) once its content passed the checks."""
    kind = detect_document_kind(uploaded)
    field.save(storage_name(kind), uploaded, save=False)
