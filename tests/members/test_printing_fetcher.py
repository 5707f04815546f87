"""Printed PDFs read only the site's static files (members/printing.py).

A name or title typed by a user ends up in the printed HTML: WeasyPrint's fetcher must refuse
every address that is not a file under the static folder, whatever the scheme. The fonts it
does read are decompressed once per process.
"""

import pytest

from members import printing


@pytest.fixture
def fetcher():
    return printing._static_files_only()


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1:6379/",
        "https://example.org/logo.png",
        "ftp://example.org/file",
    ],
)
def test_an_address_outside_the_static_files_is_refused(fetcher, url):
    with pytest.raises(ValueError, match="reads only the site's static files"):
        fetcher.fetch(url)


def test_a_path_climbing_out_of_the_static_folder_is_refused(fetcher):
    root = printing._static_root()
    with pytest.raises(ValueError):
        fetcher.fetch((root / "css" / ".." / ".." / ".." / "etc" / "passwd").as_uri())


def test_the_stylesheet_is_read(fetcher):
    response = fetcher.fetch((printing._static_root() / printing.STYLESHEET).as_uri())

    assert b"@font-face" in response.read()


def test_a_font_is_handed_over_decompressed_and_decompressed_once(fetcher):
    font = printing._static_root() / "fonts" / "noto-sans-latin-400-normal.woff2"
    printing._decompressed_font.cache_clear()

    first = fetcher.fetch(font.as_uri()).read()
    fetcher.fetch(font.as_uri())

    assert first[:4] == b"\x00\x01\x00\x00"  # TrueType, no longer WOFF2 ("wOF2")
    assert printing._decompressed_font.cache_info().hits == 1
