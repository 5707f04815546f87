"""Browsers ask every site for /favicon.ico: it answers (whitenoise, WHITENOISE_ROOT=public/),
and pages link an SVG icon beside it."""

import json
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


def test_pages_link_the_apple_touch_icon_and_the_web_manifest(client, db):
    html = client.get("/ar/").content.decode()
    assert '<link rel="apple-touch-icon" href="/static/img/apple-touch-icon.png">' in html
    assert '<link rel="manifest" href="/static/manifest.json">' in html


def test_web_manifest_names_the_organisation_and_icons_that_exist(client, db):
    response = client.get("/static/manifest.json")
    assert response.status_code == 200
    manifest = json.loads(b"".join(response.streaming_content))
    assert manifest["name"] == "Organisation of Educational Cooperation"
    assert manifest["short_name"] == "OEC"
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    assert any(icon.get("purpose") == "maskable" for icon in manifest["icons"])
    for icon in manifest["icons"]:
        assert client.get(icon["src"]).status_code == 200, icon["src"]
