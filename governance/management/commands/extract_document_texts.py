"""Queue the reading of the text of existing language files, for full-text search (issue 18).

Files stored before full-text search (or whose reading failed) are read by the Celery task, as
a new upload is. `--all` reads every file again, e.g. after a change of the text-search
configuration; without it only files not read yet (and, with `--failed`, those that failed).
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from governance.models import DocumentFile, TextStatus
from governance.services import document_file_text_queue


class Command(BaseCommand):
    help = "Queue the reading of the text of the register's files for full-text search."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="Read every file again.")
        parser.add_argument(
            "--failed", action="store_true", help="Also retry the files that could not be read."
        )

    def handle(self, *args, **options):
        files = DocumentFile.objects.order_by("pk")
        if not options["all"]:
            statuses = [TextStatus.PENDING] + ([TextStatus.FAILED] if options["failed"] else [])
            files = files.filter(text_status__in=statuses)
        count = 0
        for document_file in files.only("pk").iterator():
            with transaction.atomic():
                # Forced: a file that failed has been "read" already.
                document_file_text_queue(document_file=document_file, force=True)
            count += 1
        self.stdout.write(f"Queued {count} file(s) to read.")
