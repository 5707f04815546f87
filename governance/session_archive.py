"""A session's documents in one language as one ZIP download (issue 18).

The archive holds exactly the files in that language of the session's documents the viewer
may read (the document policy, as for one download), each named by its symbol
(OEC-GA-1-5-fr.pdf: original file names repeat from one document to the next). Every file in
it is audited as a single download is (a DocumentDownload each, a security event for a
restricted one). The archive is written while it is sent, file by file in chunks, so that
neither the server's memory nor the client's first byte wait for the whole of it; PDF and
DOCX are already compressed, so the entries are stored, not deflated again.
"""

import zipfile

from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from members.request_facts import client_ip

from . import selectors, services
from .models import AssemblySession, Language

CHUNK_SIZE = 64 * 1024


class _Chunks:
    """A write-only file for zipfile: what it is given waits here until the response takes
    it. zipfile sees no tell()/seek() and writes each entry's sizes after its data."""

    def __init__(self):
        self._parts = []

    def write(self, data):
        self._parts.append(bytes(data))
        return len(data)

    def flush(self):
        pass

    def take(self):
        data = b"".join(self._parts)
        self._parts.clear()
        return data


def entry_name(document_file):
    extension = document_file.file.name.rsplit(".", 1)[-1].lower()
    return f"{document_file.document.slug}-{document_file.language}.{extension}"


def zip_stream(document_files):
    """The ZIP of `document_files`, in chunks."""
    sink = _Chunks()
    with zipfile.ZipFile(sink, mode="w", compression=zipfile.ZIP_STORED) as archive:
        for document_file in document_files:
            moment = timezone.localtime(document_file.uploaded_at)
            info = zipfile.ZipInfo(entry_name(document_file), date_time=moment.timetuple()[:6])
            with document_file.file.open("rb") as source, archive.open(info, "w") as entry:
                while chunk := source.read(CHUNK_SIZE):
                    entry.write(chunk)
                    yield sink.take()
            yield sink.take()
    yield sink.take()


@require_GET
def session_documents_zip(request, number, language):
    """The session's documents in `language` that the viewer may read; "not found" when there
    are none (for this viewer), as for a language the portal does not have."""
    if language not in Language.values:
        raise Http404
    session = get_object_or_404(
        AssemblySession.objects.general_assembly().select_related("organ"), number=number
    )
    document_files = list(selectors.session_files_visible_to(request.user, session, language))
    if not document_files:
        raise Http404
    services.document_downloads_record(
        document_files=document_files,
        user=request.user,
        organisation=request.organisation,
        ip=client_ip(request),
    )
    response = StreamingHttpResponse(zip_stream(document_files), content_type="application/zip")
    name = f"OEC-{session.organ.code}-{session.number}-documents-{language}.zip"
    response["Content-Disposition"] = content_disposition_header(True, name)
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, private=True)
    return response
