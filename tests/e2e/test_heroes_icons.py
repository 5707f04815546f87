"""Heroes and icons as a visitor's phone shows them (390 x 844): the section's banner leaves the
first content in the first screen, its picture is drawn and decorative, and "next" and the
breadcrumbs' separators point to the end of the line, rightwards in English and leftwards in
Arabic."""

from tests.e2e.conftest import assert_accessible
from tests.factories import DecisionFactory

PHONE = {"width": 390, "height": 844}

NEXT_ICON = ".pagination a[rel=next] .icon"


def next_link_geometry(page):
    """The "next" chevron's computed transform, and whether it stands after its word."""
    return page.evaluate(
        """(selector) => {
          const icon = document.querySelector(selector);
          const link = icon.closest('a');
          const text = link.textContent.trim();
          const range = document.createRange();
          range.selectNodeContents(link.firstChild);
          const word = range.getBoundingClientRect(), drawn = icon.getBoundingClientRect();
          return {transform: getComputedStyle(icon).transform, text,
                  iconRightOfWord: drawn.left >= word.right - 1,
                  iconLeftOfWord: drawn.right <= word.left + 1};
        }""",
        NEXT_ICON,
    )


def breadcrumb_separator(page):
    """The computed transform of the chevron drawn between two breadcrumbs (site.css)."""
    return page.evaluate(
        """() => getComputedStyle(
             document.querySelector('.breadcrumbs li + li'), '::before').transform"""
    )


# The separator is a corner (a border at the block start and one at the inline end) turned by
# 45 degrees: rotate(45deg) points it right; in Arabic the inline end is the left and
# rotate(-45deg) points it left.
POINTS_RIGHT = "matrix(0.707107, 0.707107, -0.707107, 0.707107, 0, 0)"
POINTS_LEFT = "matrix(0.707107, -0.707107, 0.707107, 0.707107, 0, 0)"


def hero_facts(page):
    return page.evaluate(
        """() => {
          const hero = document.querySelector('.section-hero');
          const art = hero.querySelector('img');
          const next = hero.nextElementSibling.getBoundingClientRect();
          return {height: Math.round(hero.getBoundingClientRect().height),
                  nextTop: Math.round(next.top), alt: art.getAttribute('alt'),
                  drawn: art.complete && art.naturalWidth > 0,
                  scrollWidth: document.documentElement.scrollWidth};
        }"""
    )


def test_section_hero_and_directional_icons_on_a_phone_in_english_and_arabic(
    live_server, browser, screenshot, host, monkeypatch
):
    monkeypatch.setattr("governance.views.PAGE_SIZE", 1)
    first = DecisionFactory(title_en="Adoption of the programme", title_ar="اعتماد البرنامج")
    DecisionFactory(title_en="Election of the Secretary-General", title_ar="انتخاب الأمين العام")
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()

    page.goto(f"{live_server.url}/en/decisions/")
    facts = hero_facts(page)
    assert facts["alt"] == "" and facts["drawn"]
    assert facts["height"] < 260, facts
    assert facts["nextTop"] < PHONE["height"] - 100, "the first decision starts in the first screen"
    assert facts["scrollWidth"] == PHONE["width"]
    english = next_link_geometry(page)
    assert english["text"] == "Next"
    assert english["transform"] == "none"
    assert english["iconRightOfWord"]
    screenshot(page, "decisions-en")
    page.goto(f"{live_server.url}{first.get_absolute_url()}")
    assert breadcrumb_separator(page) == POINTS_RIGHT

    page.goto(f"{live_server.url}/ar/decisions/")
    facts = hero_facts(page)
    assert facts["drawn"] and facts["nextTop"] < PHONE["height"] - 100
    assert facts["scrollWidth"] == PHONE["width"]
    arabic = next_link_geometry(page)
    assert arabic["text"] == "التالي"
    # Mirrored: the chevron stands at the end of the Arabic word (its left) and points left.
    assert arabic["transform"] == "matrix(-1, 0, 0, 1, 0, 0)"
    assert arabic["iconLeftOfWord"]
    assert_accessible(page)
    screenshot(page, "decisions-ar")
    page.goto(f"{live_server.url}/ar{first.get_absolute_url()[3:]}")
    assert breadcrumb_separator(page) == POINTS_LEFT
    context.close()
