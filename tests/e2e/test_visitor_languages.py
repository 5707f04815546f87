"""A visitor moves between languages; Arabic mirrors the layout; the base layout is accessible."""

from tests.e2e.conftest import assert_accessible


def test_visitor_switches_to_arabic_and_back(live_server, page, screenshot, db):
    page.goto(f"{live_server.url}/en/")
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert_accessible(page)
    switcher = page.get_by_role("navigation", name="Language")
    switcher.locator("a[hreflang=ar]").click()
    page.wait_for_url(f"{live_server.url}/ar/")
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator("html").get_attribute("dir") == "rtl"
    # The brand sits at the right edge in a right-to-left page.
    brand = page.locator(".brand").bounding_box()
    assert brand["x"] > 1280 / 2 - brand["width"]
    assert_accessible(page)
    screenshot(page, "home-ar")
    page.locator(".language-switcher a[hreflang=fr]").click()
    page.wait_for_url(f"{live_server.url}/fr/")
    assert page.locator("html").get_attribute("dir") == "ltr"
    screenshot(page, "home-fr")


def test_skip_link_moves_focus_to_main(live_server, page, db):
    page.goto(f"{live_server.url}/en/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    assert skip.evaluate("element => element === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
