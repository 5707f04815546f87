"""The private file store of governance: documents and credentials letters.

Files live under settings.PRIVATE_MEDIA_ROOT and have no URL: only the download view hands
them out, after the permission check (SECURITY.md D2). The root is read at each use, so tests
and deployments can move it.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


@deconstructible
class PrivateStorage(FileSystemStorage):
    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise NotImplementedError("Private files have no public URL; use the download view.")


private_storage = PrivateStorage()
