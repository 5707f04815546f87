"""Handing out a file of the private store, once the caller's policy check said yes, and
auditing it.

Django streams it, or in production only answers with an X-Accel-Redirect header and nginx
sends the file from an internal location (SECURITY.md D2); PDF and images inline, anything else
as an attachment with an RFC 6266 file name (D3). Every download view of the portal answers
through `private_file_response` and writes an audit row: governance's document downloads their
DocumentDownload, every other private file a PrivateFileDownload (`private_file_download_record`).
"""

import functools
import logging

from django.conf import settings
from django.db import connections, router
from django.http import FileResponse, Http404, HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header

from . import download_spool
from .models import Organisation, PrivateFileDownload
from .uploads import ALLOWED_KINDS, PDF

logger = logging.getLogger(__name__)
security_logger = logging.getLogger("oec.security")

_KIND_BY_EXTENSION = {kind.extension: kind for kind in ALLOWED_KINDS}


def stored_content_type(field_file):
    """The content type of a stored file, from the extension of its server-made name (the
    name was given after the content check, so the extension is the content's)."""
    extension = field_file.name.rsplit(".", 1)[-1].lower()
    kind = _KIND_BY_EXTENSION.get(extension)
    return kind.content_type if kind else "application/octet-stream"


def private_file_response(field_file, *, filename, content_type, as_attachment=None):
    """Stream a private file, or hand it to nginx in production (X-Accel-Redirect).

    `as_attachment` defaults to "anything but a PDF".
    """
    if as_attachment is None:
        as_attachment = content_type != PDF.content_type
    prefix = settings.OEC_X_ACCEL_REDIRECT_PREFIX
    if prefix:
        # nginx sends the file from an internal location; Django only said yes.
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = f"{prefix.rstrip('/')}/{field_file.name}"
        response["Content-Disposition"] = content_disposition_header(as_attachment, filename)
    else:
        try:
            handle = field_file.open("rb")
        except FileNotFoundError:
            logger.error("private file missing from storage: %s", field_file.name)
            raise Http404 from None
        response = FileResponse(
            handle, as_attachment=as_attachment, filename=filename, content_type=content_type
        )
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, private=True)
    return response


def write_download_records(records):
    """Write audit rows of one model (DocumentDownload, PrivateFileDownload): to the download
    spool where there is one (production: members.download_spool loads them in batches, the
    records keep no key), else in one INSERT that gives each its key.

    On the path of every download (issue 19): Django's INSERT cost 0.40 ms of CPU for one row,
    most of it compiling the same statement again; this one's text is made once per model and
    number of rows, from the model's own columns, and each value is prepared by its field as
    Django would. No signals are sent, as with bulk_create. The records are new (no key yet).
    """
    if download_spool.enabled():
        download_spool.append(records)
        return records
    model = type(records[0])
    database = router.db_for_write(model)
    connection = connections[database]
    fields, sql = _insert_statement(model, len(records), database)
    params = [
        field.get_db_prep_save(field.pre_save(record, add=True), connection)
        for record in records
        for field in fields
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        keys = cursor.fetchall()
    for record, (key,) in zip(records, keys, strict=True):
        record.pk = key
        record._state.adding, record._state.db = False, database
    return records


@functools.lru_cache(maxsize=64)
def _insert_statement(model, rows, database):
    quote = connections[database].ops.quote_name
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    columns = ", ".join(quote(field.column) for field in fields)
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    values = ", ".join([row] * rows)
    returning = quote(model._meta.pk.column)
    table = quote(model._meta.db_table)
    # The model's own names, quoted; every value is a parameter.
    sql = f"INSERT INTO {table} ({columns}) VALUES {values} RETURNING {returning}"  # noqa: S608
    return fields, sql


def private_file_download_record(
    *,
    field_file,
    owner: Organisation,
    user,
    organisation: Organisation | None,
    ip: str,
    restricted: bool = True,
) -> PrivateFileDownload:
    """Audit the download of a private file other than a document's language file (a
    credentials letter, a partnership's files), as governance's `document_download_record`
    audits those.

    `owner` is the organisation the file belongs to. A restricted file (all but a published
    partner activity's) also logs a security event (SECURITY.md B7).
    """
    user = user if user.is_authenticated else None
    organisation = organisation if user else None
    [download] = write_download_records(
        [
            PrivateFileDownload(
                what=f"{field_file.instance._meta.label_lower}.{field_file.field.name}",
                object_id=field_file.instance.pk,
                file_name=field_file.name,
                owner=owner,
                user=user,
                organisation_id=organisation.pk if organisation else None,
                ip=ip or None,
            )
        ]
    )
    if restricted:
        security_logger.info(
            "restricted file download: file=%s id=%s owner=%s user_id=%s organisation=%s "
            "ip=%s at=%s",
            download.what,
            download.object_id,
            owner.slug,
            user.pk if user else None,
            organisation.slug if organisation else None,
            download.ip,
            download.at.isoformat(),
        )
    return download
