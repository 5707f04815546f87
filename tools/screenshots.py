"""`make screenshots`: the portal as its people see it, on a phone and a desktop, in en and ar.

Builds a fresh SQLite database with the demo data under var/screenshots/, gives the
secretariat's demo users a TOTP authenticator (so they sign in as people do, with a code), serves
the portal with the development settings and walks it in Debian's chromium as each role: a
visitor, a delegate, a focal point, a partner contact and the secretariat (back office included).
Every page is taken at 390 px and 1366 px wide, in English and Arabic, and laid out on a contact
sheet per role (var/screenshots/contact-sheet-<role>.png, whole pages) and on one sheet of
every page's first screen (var/screenshots/contact-sheet.png), to look at before saying a change
is done. Pages that answer 4xx/5xx are listed at the end and make the command fail.
"""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from PIL import Image, ImageDraw
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "var" / "screenshots"
PYTHON = sys.executable
PASSWORD = "demo-pass-2026"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
WIDTHS = (390, 1366)
LANGUAGES = ("en", "ar")
STAFF = ("admin@oec.example", "editor@oec.example", "conference@oec.example",
         "partnerships@oec.example")  # fmt: skip
# A fixed secret for the demo staff of this throw-away database only.
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

LOAD_LAZY_IMAGES = """() => Promise.all([...document.images].map(image => {
  image.loading = "eager";
  return image.complete ? null : new Promise(done => { image.onload = image.onerror = done; });
}))"""

# role: (e-mail or None, [(name, path with {lang}), ...])
WALKS = {
    "visitor": (
        None,
        [
            ("home", "/{lang}/"),
            ("mission", "/{lang}/about/"),
            ("news", "/{lang}/news/"),
            ("article", "/{lang}/news/registration-opens-for-the-second-general-assembly/"),
            ("members", "/{lang}/members/"),
            ("microsite", "/{lang}/members/occe/"),
            ("partners", "/{lang}/partners/"),
            ("partner", "/{lang}/partners/literacy-trust/"),
            ("apply", "/{lang}/partners/apply/"),
            ("assembly", "/{lang}/assembly/"),
            ("session", "/{lang}/assembly/2/"),
            ("first-session", "/{lang}/assembly/1/"),
            ("participants", "/{lang}/assembly/1/participants/"),
            ("documents", "/{lang}/documents/"),
            ("documents-text", "/{lang}/documents/?q=session"),
            ("document", "/{lang}/documents/OEC-GA-1-2/"),
            ("decisions", "/{lang}/decisions/"),
            ("decision", "/{lang}/decisions/OEC-GA-1-DEC-1/"),
            ("bulletins", "/{lang}/bulletins/"),
            ("search", "/{lang}/search/?q=assembly"),
            ("sign-in", "/{lang}/accounts/login/"),
            ("sign-up", "/{lang}/accounts/signup/"),
        ],
    ),
    "delegate": (
        "delegate@djibouti.example",
        [
            ("dashboard", "/{lang}/dashboard/"),
            ("documents", "/{lang}/documents/"),
            ("decisions", "/{lang}/decisions/"),
            ("credentials", "/{lang}/assembly/1/credentials/"),
            ("calendar", "/{lang}/dashboard/calendar/"),
            ("notification-settings", "/{lang}/dashboard/notifications/settings/"),
        ],
    ),
    "focal-point": (
        "focal@djibouti.example",
        [
            ("dashboard", "/{lang}/dashboard/"),
            ("session", "/{lang}/assembly/2/"),
            ("delegation", "/{lang}/dashboard/delegations/2/"),
            ("notifications", "/{lang}/dashboard/notifications/"),
        ],
    ),
    "translator": (
        "translator@oec.example",
        [
            ("dashboard", "/{lang}/dashboard/"),
            ("assigned", "/{lang}/dashboard/translations/assignments/mine/"),
        ],
    ),
    "partner": ("partner@literacy-trust.example", [("dashboard", "/{lang}/dashboard/")]),
    # Conference services at the first session's opening meeting (the demo's first meeting):
    # the check-in page a phone uses, and the roll call (the demo checks two heads in).
    "conference": (
        "conference@oec.example",
        [
            ("check-in", "/{lang}/assembly/1/checkin/?meeting=1"),
            ("roll-call", "/{lang}/assembly/1/meetings/1/roll-call/"),
            ("admin-attendance", "/admin/governance/attendance/?meeting__id__exact=1"),
        ],
    ),
    "secretariat": (
        "admin@oec.example",
        [
            ("dashboard", "/{lang}/dashboard/"),
            ("translations", "/{lang}/dashboard/translations/"),
            ("translation-editor", "/{lang}/dashboard/translations/mission-page/1/ar/"),
            ("admin", "/admin/"),
            ("admin-pages", "/admin/pages/page/"),
            ("admin-page", "/admin/pages/page/1/change/"),
            ("admin-partnerships", "/admin/partnerships/partnership/"),
            ("admin-partnership", "/admin/partnerships/partnership/1/change/"),
            ("admin-documents", "/admin/governance/document/"),
            ("admin-document", "/admin/governance/document/1/change/"),
            ("admin-bulletins", "/admin/bulletins/bulletin/"),
            ("admin-delegations", "/admin/governance/delegation/"),
            ("admin-session", "/admin/governance/assemblysession/1/change/"),
            ("admin-news-acceptance", "/admin/news/article/?portal=pending"),
            ("admin-import", "/admin/partnerships/partnership/import/"),
            ("admin-invite", "/admin/partnerships/partnership/1/invite/"),
            ("admin-batch", "/admin/governance/document/batch/"),
        ],
    ),
}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def prepare(env):
    """A fresh database with the demo data; the staff's authenticators."""
    database = OUT / "portal.sqlite3"
    database.unlink(missing_ok=True)
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "seed_demo", "-v", "0")
    staff = ", ".join(repr(email) for email in STAFF)
    manage(
        env,
        "shell",
        "-c",
        "from allauth.mfa.totp.internal.auth import TOTP\n"
        "from django.contrib.auth import get_user_model\n"
        f"for user in get_user_model().objects.filter(email__in=[{staff}]):\n"
        f"    TOTP.activate(user, {TOTP_SECRET!r})\n",
    )


def totp_code(used=set()):  # noqa: B006 (the codes this run has used: each works once)
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    # A code read in the last seconds of its step can reach the server in the next: wait.
    while (counter := int(time.time()) // 30) in used or 30 - time.time() % 30 < 10:
        time.sleep(1)
    used.add(counter)
    return format_hotp_value(hotp_value(TOTP_SECRET, counter))


def sign_in(page, base, email):
    page.goto(f"{base}/en/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.press("input[name=password]", "Enter")  # the header's search form comes first
    page.wait_for_load_state()
    if "/2fa/authenticate" in page.url:
        page.fill("input[name=code]", totp_code())
        page.press("input[name=code]", "Enter")
        page.wait_for_load_state()
    if "/accounts/" in page.url:
        raise RuntimeError(f"{email} could not sign in: still at {page.url}")


def walk(browser, base, role, email, pages):
    shots, problems = [], []
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        if email:
            sign_in(page, base, email)
        for language in LANGUAGES:
            for name, path in pages:
                url = base + path.format(lang=language)
                if path.startswith("/admin") and language != "en":
                    continue
                response = page.goto(url)
                status = response.status if response else 0
                if status >= 400:
                    problems.append(f"{role}: {url} answered {status}")
                elif email and "/accounts/login/" in page.url:
                    problems.append(f"{role}: {url} sent a signed-in user to sign in")
                shot = OUT / f"{role}-{name}-{language}-{width}.png"
                # A whole-page shot never scrolls: pictures lazy below the fold would stay blank.
                page.evaluate(LOAD_LAZY_IMAGES)
                page.screenshot(path=str(shot), full_page=True)
                shots.append((f"{name} {language} {width}px ({status})", shot))
        context.close()
    return shots, problems


def contact_sheet(role, shots):
    """Thumbnails of every shot, 4 to a row, labelled, at most 1,400 px of each page's height."""
    thumb_width, columns, label = 340, 4, 24
    thumbs = []
    for caption, path in shots:
        image = Image.open(path).convert("RGB")
        image = image.crop((0, 0, image.width, min(image.height, 1400 * image.width // 390)))
        height = max(1, image.height * thumb_width // image.width)
        thumbs.append((caption, image.resize((thumb_width, min(height, 1400)))))
    row_heights = [
        max(t.height for _c, t in thumbs[i : i + columns]) + label
        for i in range(0, len(thumbs), columns)
    ]
    sheet = Image.new("RGB", (columns * (thumb_width + 10), sum(row_heights)), "white")
    draw = ImageDraw.Draw(sheet)
    y = 0
    for row, height in enumerate(row_heights):
        for column, (caption, thumb) in enumerate(thumbs[row * columns : (row + 1) * columns]):
            x = column * (thumb_width + 10)
            draw.text((x + 2, y + 4), caption, fill="black")
            sheet.paste(thumb, (x, y + label))
        y += height
    path = OUT / f"contact-sheet-{role}.png"
    sheet.save(path)
    return path


def overview_sheet(walked):
    """Every page on one sheet, one row each: its first screen in en and ar at 1366 and 390 px.
    `walked` is [(role, shots)]; a shot's file is named <role>-<page>-<language>-<width>.png."""
    columns = [(language, width) for language in LANGUAGES for width in (1366, 390)]
    scale, label, gap = 0.35, 24, 10
    rows = {}
    for role, shots in walked:
        for _caption, path in shots:
            name, language, width = path.stem.removeprefix(f"{role}-").rsplit("-", 2)
            rows.setdefault(f"{role} {name}", {})[(language, int(width))] = path
    cell_widths = [int(width * scale) for _language, width in columns]
    row_height = label + int(900 * scale)
    sheet_width = sum(cell_widths) + gap * len(columns)
    sheet = Image.new("RGB", (sheet_width, row_height * len(rows)), "white")
    draw = ImageDraw.Draw(sheet)
    for row, (title, cells) in enumerate(rows.items()):
        y = row * row_height
        x = 0
        for (language, width), cell_width in zip(columns, cell_widths, strict=True):
            draw.text((x + 2, y + 4), f"{title} {language} {width}px", fill="black")
            if (path := cells.get((language, width))) is not None:
                image = Image.open(path).convert("RGB")
                image = image.crop((0, 0, image.width, min(image.height, 900)))
                sheet.paste(image.resize((cell_width, int(image.height * scale))), (x, y + label))
            x += cell_width + gap
    path = OUT / "contact-sheet.png"
    sheet.save(path)
    return path


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{OUT / 'portal.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "oec_portal.settings.base",
    }
    env.pop("REDIS_URL", None)
    prepare(env)
    port = free_port()
    server = subprocess.Popen(
        [PYTHON, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(OUT / "server.log", "w"),
    )
    base = f"http://127.0.0.1:{port}"
    problems = []
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.2)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS
            )
            walked = []
            for role, (email, pages) in WALKS.items():
                shots, found = walk(browser, base, role, email, pages)
                problems += found
                walked.append((role, shots))
                print(f"{role}: {len(shots)} screenshots, {contact_sheet(role, shots)}")
            print(f"all pages, first screen: {overview_sheet(walked)}")
            browser.close()
    finally:
        server.terminate()
        server.wait()
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    import django

    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "oec_portal.settings.base"
    os.environ["DATABASE_URL"] = f"sqlite:///{OUT / 'portal.sqlite3'}"
    django.setup()  # for allauth's TOTP code helpers
    sys.exit(main())
