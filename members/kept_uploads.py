"""Valid uploads kept while a form is shown again for other errors.

A visitor who chose two good files and mistyped an e-mail address should not have to choose
the files again. When a form comes back with errors, each of its file fields whose upload
was valid stores the file in private storage under a server-made name; a signed token in a
hidden field carries that name, the original file name and a random key kept in the
visitor's session. On the next submission a token that is genuine, recent and of this
session puts the file back among the request's files, and the form's cleaning checks it
again exactly as a fresh upload (content, antivirus). A new upload replaces it. The copies
are removed once the form succeeds, when replaced or refused, and after MAX_AGE_SECONDS.

The client never names a path: a token of another session, an altered or an old token is
ignored, and a stored name is only ever one this module made.
"""

import logging
import mimetypes
import re
import secrets
import uuid
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django import forms
from django.core import signing
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from .private_files import PrivateStorage

logger = logging.getLogger(__name__)

SALT = "members.kept_uploads"
SESSION_KEY = "kept_uploads_key"
MAX_AGE_SECONDS = 6 * 3600
TOKEN_FIELD_SUFFIX = "__kept"
STORED_NAME = re.compile(r"^[0-9a-f]{32}$")


# A directory of the one private store: no URL, root read at each use.
storage = PrivateStorage("kept-uploads")


def token_field_name(html_name):
    return f"{html_name}{TOKEN_FIELD_SUFFIX}"


@dataclass(frozen=True)
class KeptUpload:
    """A file kept for the form field `html_name`: what the page shows and sends back."""

    html_name: str
    stored_name: str
    filename: str
    token: str

    @property
    def token_field_name(self):
        return token_field_name(self.html_name)


class UploadKeeper:
    """Keeps and gives back uploads for one visitor's session."""

    def __init__(self, session):
        self.session = session

    def keep(self, html_name, uploaded, filename=None) -> KeptUpload:
        """Store `uploaded` (already checked) and return what the page needs to send it back;
        `filename` is the name the visitor knows it by (`uploaded.name` by default)."""
        key = self.session.get(SESSION_KEY)
        if not key:
            key = self.session[SESSION_KEY] = secrets.token_urlsafe(16)
        uploaded.seek(0)
        stored_name = storage.save(uuid.uuid4().hex, uploaded)
        filename = Path(filename or uploaded.name or "").name
        token = signing.dumps(
            {"field": html_name, "stored": stored_name, "name": filename, "key": key},
            salt=SALT,
            compress=True,
        )
        self._sweep()
        return KeptUpload(html_name, stored_name, filename, token)

    def find(self, html_name, token) -> KeptUpload | None:
        """The kept upload of `token` if it is genuine, recent, of this session and field."""
        key = self.session.get(SESSION_KEY)
        if not key or not token:
            return None
        try:
            data = signing.loads(token, salt=SALT, max_age=MAX_AGE_SECONDS)
        except signing.BadSignature:
            return None
        stored_name = data.get("stored", "")
        if (
            data.get("key") != key
            or data.get("field") != html_name
            or not STORED_NAME.match(stored_name)
            or not storage.exists(stored_name)
        ):
            return None
        return KeptUpload(html_name, stored_name, data.get("name") or "upload", token)

    def open(self, kept: KeptUpload) -> UploadedFile:
        """The kept file as an upload, under its original name, for the form to check again."""
        handle = storage.open(kept.stored_name, "rb")
        content_type = mimetypes.guess_type(kept.filename)[0] or "application/octet-stream"
        return UploadedFile(
            file=handle.file,
            name=kept.filename,
            content_type=content_type,
            size=storage.size(kept.stored_name),
        )

    def discard(self, kept: KeptUpload) -> None:
        if STORED_NAME.match(kept.stored_name):
            storage.delete(kept.stored_name)

    def _sweep(self):
        """Remove copies older than MAX_AGE_SECONDS (their tokens no longer work anyway)."""
        too_old = timezone.now() - timedelta(seconds=MAX_AGE_SECONDS)
        try:
            _directories, names = storage.listdir("")
        except FileNotFoundError:
            return
        for name in names:
            try:
                if STORED_NAME.match(name) and storage.get_modified_time(name) < too_old:
                    storage.delete(name)
            except FileNotFoundError:  # removed by another request meanwhile
                continue


class KeepsValidUploads:
    """A form mixin: valid uploads survive a re-display (pass `upload_keeper=`).

    After a successful submission the view calls `discard_kept_uploads()` once the files are
    saved where they belong.
    """

    def __init__(self, *args, upload_keeper: UploadKeeper | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.upload_keeper = upload_keeper
        # Field name → KeptUpload: the files shown as kept when the form is drawn again.
        self.kept_uploads = {}
        self._restored = {}
        if self.is_bound and upload_keeper is not None:
            self._restore_kept_uploads()

    def _file_fields(self):
        return [name for name, field in self.fields.items() if isinstance(field, forms.FileField)]

    def _restore_kept_uploads(self):
        files = self.files.copy()
        for name in self._file_fields():
            html_name = self.add_prefix(name)
            kept = self.upload_keeper.find(html_name, self.data.get(token_field_name(html_name)))
            if kept is None:
                continue
            if files.get(html_name):
                # A new choice replaces the kept file.
                self.upload_keeper.discard(kept)
                continue
            files[html_name] = self.upload_keeper.open(kept)
            self._restored[name] = kept
        self.files = files

    def full_clean(self):
        super().full_clean()
        if self.upload_keeper is None or not self.is_bound or not self._errors:
            return
        for name in self._file_fields():
            restored = self._restored.get(name)
            value = self.cleaned_data.get(name)
            # A new file (an upload, or its re-encoded copy: members.images), not the one the
            # row already has (a FieldFile) nor "clear" (False).
            is_new = isinstance(value, File) and not isinstance(value, FieldFile)
            if name in self._errors or not is_new:
                # Refused this time (the antivirus may have changed its mind): not kept.
                if restored is not None:
                    self.upload_keeper.discard(restored)
                    self._restored.pop(name)
                continue
            html_name = self.add_prefix(name)
            self.kept_uploads[name] = restored or self.upload_keeper.keep(
                html_name, value, filename=getattr(self.files.get(html_name), "name", None)
            )

    def discard_kept_uploads(self):
        """Remove the copies this form used or made (call after the files were saved)."""
        if self.upload_keeper is None:
            return
        for kept in {*self._restored.values(), *self.kept_uploads.values()}:
            self.upload_keeper.discard(kept)
        self._restored, self.kept_uploads = {}, {}
