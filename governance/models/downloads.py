"""The audit trail of document downloads; the other private files' is members'
PrivateFileDownload, with the same fields (members.models.DownloadRecord)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from members.models import DownloadRecord

from .documents import DocumentFile


class DocumentDownload(DownloadRecord):
    """Audit: who downloaded which language file of a document."""

    document_file = models.ForeignKey(
        DocumentFile, on_delete=models.SET_NULL, null=True, related_name="downloads"
    )
    symbol = models.CharField(_("symbol"), max_length=40)
    language = models.CharField(_("language"), max_length=2)

    class Meta(DownloadRecord.Meta):
        verbose_name = _("document download")
        verbose_name_plural = _("document downloads")

    @property
    def file_label(self):
        return f"{self.symbol} ({self.language})"
