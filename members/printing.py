"""Printable PDFs (lists of participants, the credentials report, badges) drawn by WeasyPrint.

The PDF is laid out from an HTML template and one print stylesheet, `static/css/print.css`,
with the site's own fonts (Noto Sans, Noto Sans Arabic). WeasyPrint may read only the site's
static files: a name or title typed by a user cannot make the server fetch another address.
"""

import ssl
from functools import cache
from io import BytesIO
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string

STYLESHEET = "css/print.css"


def _static_root():
    """The folder that holds the print stylesheet and, beside it, the fonts."""
    return Path(finders.find(STYLESHEET)).parent.parent


@cache
def _decompressed_font(path):
    """The TrueType font of a WOFF2 file, decompressed once per process: WeasyPrint would
    decompress each @font-face of the stylesheet again for every PDF (half a second a font)."""
    from fontTools.ttLib import woff2

    decompressed = BytesIO()
    with open(path, "rb") as font:
        woff2.decompress(font, decompressed)
    return decompressed.getvalue()


def _static_files_only():
    """WeasyPrint's fetcher, limited to files under the static folder."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticFilesOnly(URLFetcher):
        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            root = _static_root().resolve()
            path = Path(unquote(parts.path)).resolve()
            if parts.scheme != "file" or not path.is_relative_to(root):
                raise ValueError(f"Printing reads only the site's static files, not {url!r}.")
            if path.suffix == ".woff2":
                return URLFetcherResponse(url, _decompressed_font(path))
            return super().fetch(url, headers)

    # It reads no https address: a TLS context without the system's certificates (loading them
    # took 50 ms of every PDF) refuses any that reached it.
    no_certificates = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    return StaticFilesOnly(allowed_protocols={"file"}, ssl_context=no_certificates)


def render_pdf(*, template, context, request=None) -> bytes:
    """The PDF of `template` rendered with `context` (in the active language)."""
    # WeasyPrint (and Pillow with it) loads on the first PDF, not in every worker at start:
    # printed lists are rare pages (tests/perf/test_worker_imports.py).
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    html = render_to_string(template, context, request=request)
    root = _static_root()
    fetcher = _static_files_only()
    # Without a font configuration shared by the stylesheet and the layout, WeasyPrint
    # ignores @font-face and falls back to the system's fonts.
    fonts = FontConfiguration()
    stylesheet = CSS(filename=str(root / STYLESHEET), url_fetcher=fetcher, font_config=fonts)
    document = HTML(string=html, base_url=root.as_uri() + "/", url_fetcher=fetcher)
    return document.write_pdf(stylesheets=[stylesheet], font_config=fonts)


def pdf_response(*, template, context, filename, request=None) -> HttpResponse:
    """The PDF as a download shown in the browser (inline), named `filename`."""
    response = HttpResponse(
        render_pdf(template=template, context=context, request=request),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
