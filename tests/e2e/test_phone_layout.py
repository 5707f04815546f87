"""Issue 16's limits on a phone: no public or member page scrolls sideways at 320 or 390 px, in
English or Arabic, and the header takes at most 160 px of the screen with the menu closed.

The pages are the demo site's (seed_demo), walked as a visitor and as each member role. Each page
is loaded once per language and laid out at both widths by resizing the window.
"""

import pytest

from members.demo import DEMO_PASSWORD
from tests.e2e.steps import sign_in, sign_out

PHONE_WIDTHS = (320, 390)
LANGUAGES = ("en", "ar")
MAX_HEADER_HEIGHT = 160

VISITOR_PAGES = [
    "/{lang}/",
    "/{lang}/about/",
    "/{lang}/news/",
    "/{lang}/news/registration-opens-for-the-second-general-assembly/",
    "/{lang}/members/",
    "/{lang}/members/occe/",
    "/{lang}/members/occe/join/",
    "/{lang}/members/occe/journey/",
    "/{lang}/partners/",
    "/{lang}/partners/literacy-trust/",
    "/{lang}/partners/collective/",
    "/{lang}/partners/apply/",
    "/{lang}/assembly/",
    "/{lang}/assembly/1/",
    "/{lang}/assembly/2/",
    "/{lang}/documents/",
    "/{lang}/documents/OEC-GA-1-1/",
    "/{lang}/decisions/",
    "/{lang}/decisions/OEC-GA-1-DEC-1/",
    "/{lang}/bulletins/",
    "/{lang}/bulletins/subscribe/",
    "/{lang}/search/?q=assembly",
    "/{lang}/accounts/login/",
    "/{lang}/accessibility/",
]

# (a demo member, the pages their role works on)
MEMBER_PAGES = [
    (
        "delegate@djibouti.example",
        ["/{lang}/dashboard/", "/{lang}/documents/", "/{lang}/documents/OEC-GA-1-3/"],
    ),
    (
        "focal@djibouti.example",
        [
            "/{lang}/dashboard/",
            "/{lang}/dashboard/delegations/2/",
            "/{lang}/dashboard/people/",
            "/{lang}/dashboard/join-requests/",
        ],
    ),
    (
        "focal@occe.example",
        [
            "/{lang}/dashboard/microsite/",
            "/{lang}/dashboard/team/",
            "/{lang}/dashboard/pages/",
            "/{lang}/dashboard/news/",
            "/{lang}/dashboard/news/new/",
        ],
    ),
    (
        "partner@literacy-trust.example",
        [
            "/{lang}/dashboard/",
            "/{lang}/dashboard/partner/profile/",
            "/{lang}/dashboard/partner/activities/",
            "/{lang}/dashboard/partner/activities/new/",
        ],
    ),
]

# The page's width and the header's height; when the page scrolls sideways, its widest elements
# too (looking at every element's box costs more than the rest: only when there is a culprit).
LAYOUT = """() => {
  const width = document.documentElement.clientWidth;
  const scrollWidth = document.documentElement.scrollWidth;
  const header = document.querySelector('.site-header').getBoundingClientRect().height;
  const culprits = scrollWidth <= width ? [] : [...document.querySelectorAll('body *')]
    .filter(element => element.getBoundingClientRect().right > width + 1
                    || element.getBoundingClientRect().left < -1)
    .filter(element => getComputedStyle(element).position !== 'absolute')
    .slice(0, 3)
    .map(element => element.tagName.toLowerCase() + '.' + element.className);
  return {header, overflow: {scrollWidth, width, culprits}};
}"""


def lay_out_at_phone_widths(page, url):
    """Problems found on `url` at each phone width: sideways scrolling, a tall header."""
    response = page.goto(url)
    assert response.status == 200, url
    problems = []
    # The window keeps the width the last page ended at: begin there (one resize, not two).
    widths = sorted(PHONE_WIDTHS, key=lambda width: width != page.viewport_size["width"])
    for width in widths:
        page.set_viewport_size({"width": width, "height": 800})
        layout = page.evaluate(LAYOUT)
        overflow = layout["overflow"]
        if overflow["scrollWidth"] > overflow["width"]:
            problems.append(f"{url} at {width} px scrolls sideways: {overflow}")
        if layout["header"] > MAX_HEADER_HEIGHT:
            problems.append(f"{url} at {width} px: the header is {layout['header']:.0f} px tall")
    return problems


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": PHONE_WIDTHS[0], "height": 800})
    page = context.new_page()
    yield page
    context.close()


def test_no_public_or_member_page_scrolls_sideways_on_a_phone(live_server, phone, demo):
    problems = []
    for language in LANGUAGES:
        for path in VISITOR_PAGES:
            problems += lay_out_at_phone_widths(phone, live_server.url + path.format(lang=language))
    for number, (email, paths) in enumerate(MEMBER_PAGES):
        # One sign-in per user, through the login page of each language in turn (each is gone
        # through, and checked, twice); the user's pages in both languages follow it.
        phone.set_viewport_size({"width": 1280, "height": 800})
        login_language = LANGUAGES[number % len(LANGUAGES)]
        sign_in(phone, live_server.url, email, language=login_language, password=DEMO_PASSWORD)
        for language in LANGUAGES:
            for path in paths:
                url = live_server.url + path.format(lang=language)
                problems += lay_out_at_phone_widths(phone, url)
        sign_out(phone)
    assert problems == [], "\n".join(problems)
