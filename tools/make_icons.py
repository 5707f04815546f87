"""Draw the portal's bitmap icons from its SVG favicon (static/img/favicon.svg).

Run it after changing the favicon: `.venv/bin/python tools/make_icons.py`. Debian's chromium
(through Playwright, as for `make screenshots`) draws the SVG at each size; Pillow writes the PNGs
and public/favicon.ico. The outputs are committed: the build does not need a browser.

- favicon-32.png: browsers that take no SVG icon;
- apple-touch-icon.png (180 px, square, no transparency: iOS rounds the corners itself);
- icon-192.png and icon-512.png: the web manifest's icons;
- icon-maskable-512.png: the mark inside the middle 80 % (the maskable "safe zone").
"""

import io
import re
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
IMG = ROOT / "static" / "img"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def variants(favicon):
    """The favicon as drawn (rounded corners), square, and square with the mark at 80 %."""
    square = re.sub(r'(<rect [^>]*)rx="[\d.]+"', r'\1rx="0"', favicon, count=1)
    inner = favicon.split("</title>", 1)[1].rsplit("</svg>", 1)[0]
    inner = re.sub(r"<rect [^>]*/>", "", inner)
    background = re.search(r"<rect [^>]*/>", square).group(0)
    maskable = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">'
        f'{background}<g transform="translate(6.4 6.4) scale(0.8)">{inner}</g></svg>'
    )
    return {"rounded": favicon, "square": square, "maskable": maskable}


def draw(page, svg, size):
    page.set_viewport_size({"width": size, "height": size})
    page.set_content(
        "<style>html,body{margin:0;background:transparent}svg{display:block;"
        f"width:{size}px;height:{size}px}}</style>{svg}"
    )
    return Image.open(io.BytesIO(page.screenshot(omit_background=True))).convert("RGBA")


def main():
    svgs = variants((IMG / "favicon.svg").read_text())
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS
        )
        page = browser.new_page()
        draw(page, svgs["rounded"], 32).save(IMG / "favicon-32.png", optimize=True)
        draw(page, svgs["square"], 180).convert("RGB").save(
            IMG / "apple-touch-icon.png", optimize=True
        )
        draw(page, svgs["rounded"], 192).save(IMG / "icon-192.png", optimize=True)
        draw(page, svgs["rounded"], 512).save(IMG / "icon-512.png", optimize=True)
        draw(page, svgs["maskable"], 512).convert("RGB").save(
            IMG / "icon-maskable-512.png", optimize=True
        )
        ico = draw(page, svgs["rounded"], 48)
        ico.save(ROOT / "public" / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])
        browser.close()


if __name__ == "__main__":
    main()
