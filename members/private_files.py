"""The private file store: documents, credentials letters, partnership files, kept uploads.

Files live under settings.PRIVATE_MEDIA_ROOT and have no URL: only the download views hand
them out, after the permission check (SECURITY.md D2). The root is read at each use, so tests
and deployments can move it.
"""

import os
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


@deconstructible
class PrivateStorage(FileSystemStorage):
    """PRIVATE_MEDIA_ROOT, or its `subdirectory` (e.g. the uploads kept across a re-display)."""

    def __init__(self, subdirectory=""):
        super().__init__(base_url=None)
        self.subdirectory = subdirectory

    @property
    def base_location(self):
        return Path(settings.PRIVATE_MEDIA_ROOT, self.subdirectory)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise NotImplementedError("Private files have no public URL; use the download view.")


private_storage = PrivateStorage()
