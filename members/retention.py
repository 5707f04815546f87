"""How long personal records are kept, as the privacy notice promises (pages/demo.toml):
download records five years, like the governing bodies' other records; a session is deleted
once it has expired. A daily beat task applies it (members.tasks.apply_retention).

Sign-in records are lines of the "oec.security" log (members/signals.py): the host's log
store keeps them twelve months (the README's Retention), not the database."""

import datetime
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.utils import timezone

from .models.downloads import DownloadRecord

DOWNLOAD_RECORDS_KEPT_YEARS = 5


def years_before(moment, years):
    """The same moment `years` earlier (29 February becomes the 28th)."""
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:
        return moment.replace(year=moment.year - years, day=28)


def download_record_models():
    """Every kind of download record (the private store's, the documents')."""
    return [model for model in apps.get_models() if issubclass(model, DownloadRecord)]


def apply_retention_periods(now: datetime.datetime | None = None) -> dict[str, int]:
    """Delete the records older than their retention period; returns how many of each."""
    now = now or timezone.now()
    cutoff = years_before(now, DOWNLOAD_RECORDS_KEPT_YEARS)
    deleted = {}
    for model in download_record_models():
        count, _by_model = model.objects.filter(at__lt=cutoff).delete()
        deleted[model._meta.label] = count
    # The database's copy of sessions that have expired (the cache's copies expire by themselves).
    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
    return deleted
