"""The audit trail of downloads from the private store (members/private_file_downloads.py)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .organisations import Organisation


class DownloadRecord(models.Model):
    """The audit fields of a download from the private store: who, acting for which
    organisation, when, from where. Kept when the file is replaced or goes. Governance's
    DocumentDownload is one too."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # The downloader's acting organisation; none for an anonymous visitor (public files).
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    ip = models.GenericIPAddressField(_("IP address"), null=True)
    # A row that came through the download spool (members.download_spool) has a key of its own,
    # so that a spool file loaded twice (a crash between its INSERT and its removal) counts once.
    spool_key = models.UUIDField(null=True, unique=True, editable=False)

    class Meta:
        abstract = True
        ordering = ["-at"]

    def __str__(self):
        when = date_format(timezone.localtime(self.at), "DATETIME_FORMAT")
        return f"{self.file_label} · {self.user or '-'} · {when}"


class PrivateFileDownload(DownloadRecord):
    """Audit of a download of another file of the private store than a document's (those are
    governance's DocumentDownload rows): a credentials letter, a partnership application's
    statutes or activity report, a partner's activity or publication file."""

    # "<app>.<model>.<field>" and the row's id: which file of which row.
    what = models.CharField(_("file of"), max_length=100)
    object_id = models.PositiveBigIntegerField(_("object id"))
    file_name = models.CharField(_("stored file"), max_length=200)
    # Whose file it is (the tenant of the row); `organisation` is the downloader's.
    owner = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("organisation of the file"),
    )

    class Meta(DownloadRecord.Meta):
        # The table governance created (governance 0003), kept with its rows when the model
        # moved here (members 0005).
        db_table = "governance_privatefiledownload"
        verbose_name = _("file download")
        verbose_name_plural = _("file downloads")

    @property
    def file_label(self):
        return f"{self.what} #{self.object_id}"
