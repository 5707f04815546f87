"""The back office's view of files in the private store (documents' language files, credentials
letters, partnership applications' files, partners' activity files).

Those files have no URL (storage.py): Django admin's file widget and its read-only display would
ask the storage for one and fail. Here they link the audited download view of their row instead,
which the row's model names: `private_file_url(field_name)` and
`private_file_download_name(field_name)`. Uploads made in the back office are checked by content
and stored under a server-made name, as the public forms' are (SECURITY.md D1, D4).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.utils.html import format_html

from members.private_files import PrivateStorage
from members.uploads import detect_document_kind, storage_name


def is_private_file_field(db_field):
    """True for a model FileField stored in the private store."""
    return isinstance(db_field, models.FileField) and isinstance(db_field.storage, PrivateStorage)


def _is_stored(field_file):
    return (
        bool(field_file)
        and getattr(field_file, "instance", None) is not None
        and bool(field_file.instance.pk)
    )


class _DownloadLink:
    """What Django's clearable file input template reads from a stored file: url and text."""

    def __init__(self, field_file):
        self.url = field_file.instance.private_file_url(field_file.field.name)
        self.text = field_file.instance.private_file_download_name(field_file.field.name)

    def __str__(self):
        return self.text


def private_file_link(field_file):
    """A link to the audited download view of a stored private file; "" when there is none."""
    if not _is_stored(field_file):
        return ""
    link = _DownloadLink(field_file)
    return format_html('<a href="{}">{}</a>', link.url, link.text)


class PrivateFileInput(forms.ClearableFileInput):
    """Django's clearable file input whose "Currently" links the audited download view."""

    def is_initial(self, value):
        # Not Django's test (it reads value.url, which a private file has not).
        return _is_stored(value)

    def format_value(self, value):
        if self.is_initial(value):
            return _DownloadLink(value)
        return None


class PrivateFilesAdminMixin:
    """For a ModelAdmin or inline: every private file field gets the PrivateFileInput."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if is_private_file_field(db_field):
            kwargs["widget"] = PrivateFileInput
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class CheckedPrivateUploadsForm(forms.ModelForm):
    """A back-office form whose uploads into the private store are checked by content and
    renamed to a server-made name before they are stored."""

    def clean(self):
        cleaned = super().clean()
        for field in self._meta.model._meta.fields:
            uploaded = cleaned.get(field.name)
            if not (is_private_file_field(field) and isinstance(uploaded, UploadedFile)):
                continue
            try:
                kind = detect_document_kind(uploaded)
            except ValidationError as error:
                self.add_error(field.name, error)
            else:
                uploaded.name = storage_name(kind)
        return cleaned
