"""Draw the portal's share card (static/img/share-card.png, 1200 x 630) from its own mark.

A link to a page without a picture of its own (the home page, a document, a session) shows
this card on social networks and in messaging apps (oec_portal.sharing). Run it after changing
the mark or the name: `.venv/bin/python tools/make_share_image.py`. Debian's chromium (through
Playwright, as tools/make_icons.py does) sets the mark, the globe and the name in the portal's
self-hosted fonts; Pillow reduces the picture to a palette so that it stays well under 100 KB.
The output is committed: the build does not need a browser.
"""

import io
import tempfile
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
STATIC = ROOT / "static"
OUTPUT = STATIC / "img" / "share-card.png"
WIDTH, HEIGHT = 1200, 630
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]

# The name in the portal's other languages, as its catalogues give it (locale/*/django.po).
OTHER_NAMES = [
    ("fr", "Organisation de coopération éducative"),
    ("es", "Organización de Cooperación Educativa"),
    ("ar", "منظمة التعاون التربوي"),
]


FACES = [
    ("Noto Sans", 400, "noto-sans-latin-400-normal"),
    ("Noto Sans", 600, "noto-sans-latin-600-normal"),
    ("Noto Sans", 700, "noto-sans-latin-700-normal"),
    ("Noto Sans Arabic", 400, "noto-sans-arabic-arabic-400-normal"),
]


def card_html():
    fonts = (STATIC / "fonts").as_uri()
    mark = (STATIC / "img" / "oec-mark.svg").read_text()
    globe = (STATIC / "img" / "hero-globe.svg").as_uri()
    others = "<b>·</b>".join(
        f'<span lang="{code}" dir="{"rtl" if code == "ar" else "ltr"}">{name}</span>'
        for code, name in OTHER_NAMES
    )
    faces = "\n".join(
        f'@font-face {{ font-family: "{family}"; font-weight: {weight}; '
        f'src: url("{fonts}/{file}.woff2"); }}'
        for family, weight, file in FACES
    )
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><style>
{faces}
html, body {{ margin: 0; width: {WIDTH}px; height: {HEIGHT}px; overflow: hidden; }}
body {{ position: relative; font-family: "Noto Sans", "Noto Sans Arabic", sans-serif; color: #fff;
  background: #0b3d6e; }}
.globe {{ position: absolute; width: 560px; height: 560px; right: -120px; top: 35px;
  background: url("{globe}") no-repeat center / contain; opacity: 0.16; }}
.band {{ position: absolute; left: 0; right: 0; bottom: 0; height: 118px; background: #06284a;
  border-top: 6px solid #c8961e; }}
.tile {{ position: absolute; left: 88px; top: 136px; width: 196px; height: 196px;
  background: #fff; border-radius: 28px; display: grid; place-items: center; }}
.tile svg {{ width: 160px; height: 160px; }}
.words {{ position: absolute; left: 328px; top: 138px; right: 88px; }}
.acronym {{ font-size: 96px; font-weight: 700; letter-spacing: 14px; line-height: 1; }}
.rule {{ width: 120px; height: 6px; background: #f0b92d; border-radius: 3px; margin: 26px 0 22px; }}
.name {{ font-size: 40px; font-weight: 600; line-height: 1.2; }}
.others {{ position: absolute; left: 88px; right: 88px; bottom: 0; height: 118px; display: flex;
  align-items: center; justify-content: center; gap: 18px; font-size: 20px; color: #dbe5f0;
  white-space: nowrap; }}
.others [lang="ar"] {{ font-family: "Noto Sans Arabic", sans-serif; font-size: 24px; }}
.others b {{ color: #f0b92d; }}
</style></head><body>
<div class="globe"></div><div class="band"></div>
<div class="tile">{mark}</div>
<div class="words"><div class="acronym">OEC</div><div class="rule"></div>
<div class="name">Organisation of Educational Cooperation</div></div>
<div class="others">{others}</div>
</body></html>"""


def main():
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        page_file = Path(folder) / "card.html"
        page_file.write_text(card_html(), encoding="utf-8")
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS
        )
        page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
        page.goto(page_file.as_uri())
        page.evaluate("document.fonts.ready")
        picture = Image.open(io.BytesIO(page.screenshot())).convert("RGB")
        browser.close()
    picture.quantize(colors=64, method=Image.Quantize.MEDIANCUT).save(OUTPUT, optimize=True)
    print(f"{OUTPUT.relative_to(ROOT)}: {OUTPUT.stat().st_size} bytes")


if __name__ == "__main__":
    main()
