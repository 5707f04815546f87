"""The optional antivirus hook (SECURITY.md D5): every upload is sent to ClamAV's daemon, clamd,
before it is kept, when OEC_ANTIVIRUS_URL names one (`tcp://host:3310` or
`unix:///run/clamav/clamd.ctl`). Without it, uploads are checked by content only (D1).

It fails closed. A file clamd finds infected is refused, and so is every upload while clamd
cannot be reached, times out or answers anything but "OK": nothing unchecked is stored, so
nothing unchecked is ever published. The uploader is asked to try again later, and the outage
is logged as an error.
"""

import logging
from urllib.parse import urlparse

from clamav_client.clamd import ClamdError, ClamdNetworkSocket, ClamdUnixSocket
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)
security_log = logging.getLogger("oec.security")

CLAMD_PORT = 3310


def _clamd(url):
    address = urlparse(url)
    timeout = settings.OEC_ANTIVIRUS_TIMEOUT
    if address.scheme == "unix":
        return ClamdUnixSocket(path=address.path, timeout=timeout)
    return ClamdNetworkSocket(
        host=address.hostname, port=address.port or CLAMD_PORT, timeout=timeout
    )


def scan_upload(uploaded):
    """Refuse (ValidationError) an uploaded file that clamd finds infected or cannot check."""
    url = settings.OEC_ANTIVIRUS_URL
    if not url:
        return
    uploaded.seek(0)
    try:
        # clamd answers ("OK", None), ("FOUND", signature) or ("ERROR", reason).
        status, detail = _clamd(url).instream(uploaded).get("stream", ("", None))
    except (ClamdError, OSError) as error:
        status, detail = "", str(error)
    finally:
        uploaded.seek(0)
    if status == "FOUND":
        security_log.warning(
            "upload refused by the antivirus: signature=%s name=%r size=%s",
            detail,
            uploaded.name,
            uploaded.size,
        )
        raise ValidationError(
            _("This file was refused: the virus scan found “%(signature)s” in it."),
            code="infected",
            params={"signature": detail},
        )
    if status != "OK":
        logger.error("antivirus: clamd at %s did not check an upload: %s", url, detail)
        raise ValidationError(
            _(
                "The file could not be checked for viruses, so it was not accepted. "
                "Nothing was saved; please try again later."
            ),
            code="antivirus_unavailable",
        )
