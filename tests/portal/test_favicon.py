"""Browsers ask every site for /favicon.ico: it answers (whitenoise, WHITENOISE_ROOT=public/),
and pages link an SVG icon beside it."""

from pathlib import Path

from django.conf import settings


def test_favicon_ico_answers_with_an_icon(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] in ("image/x-icon", "image/vnd.microsoft.icon")
    body = b"".join(response.streaming_content)
    assert body[:4] == b"\x00\x00\x01\x00"  # the ICO header
    assert body == (Path(settings.BASE_DIR) / "public" / "favicon.ico").read_bytes()


def test_svg_favicon_is_a_static_file(client, db):
    response = client.get("/static/img/favicon.svg")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert b'<svg xmlns="http://www.w3.org/2000/svg"' in b"".join(response.streaming_content)


def test_pages_link_both_icons(client, db):
    html = client.get("/fr/").content.decode()
    assert '<link rel="icon" href="/favicon.ico" sizes="48x48">' in html
    assert '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in html
