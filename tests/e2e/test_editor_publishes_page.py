"""A member's editor writes a page in the dashboard, previews and publishes it; a visitor reads it,
in French with the note that it shows in English; mission pages and search are accessible."""

from pages.models import Page
from tests.e2e.conftest import assert_accessible
from tests.e2e.steps import rich_text_body, sign_in, sign_out, type_bold_then_plain
from tests.factories import PageFactory


def test_editor_writes_previews_and_publishes_a_page(live_server, page, screenshot, editor_a):
    base = live_server.url
    sign_in(page, base, editor_a.email)
    page.get_by_role("link", name="Edit pages").click()  # the dashboard's Pages tile
    page.wait_for_url(f"{base}/en/dashboard/pages/")
    page.get_by_role("link", name="New page").click()
    page.get_by_label("Title (English)").fill("Our vision")
    type_bold_then_plain(rich_text_body(page), "Schools", " as communities.")
    assert_accessible(page)
    screenshot(page, "page-form")
    page.get_by_role("button", name="Save and preview").click()
    page.get_by_text("The page was saved as a draft.").wait_for()
    assert page.get_by_role("heading", level=1).inner_text() == "Our vision"
    assert_accessible(page)
    screenshot(page, "page-preview")
    saved = Page.objects.get(slug="our-vision")
    assert saved.status == "draft"
    assert saved.body_en.replace("&nbsp;", " ") == "<p><strong>Schools</strong> as communities.</p>"

    page.get_by_role("button", name="Publish").click()
    page.get_by_text("“Our vision” is now public.").wait_for()

    sign_out(page)
    page.goto(f"{base}/fr/members/member-a/our-vision/")
    # The note speaks the visitor's language; the text under it stays English.
    page.get_by_text("Cette page n’est pas encore disponible dans votre langue").wait_for()
    assert page.locator("article h1").get_attribute("lang") == "en"
    assert page.locator("article .prose").get_attribute("lang") == "en"
    assert_accessible(page)
    screenshot(page, "page-public-fr")


def test_mission_pages_home_and_search_are_accessible(live_server, page, screenshot, host):
    about = PageFactory(
        organisation=host,
        slug="about",
        title_en="Who we are",
        title_ar="من نحن",
        body_en="<p>Founded in Djibouti on 29 January 2020.</p><h2>Origins</h2><p>Talks.</p>",
    )
    PageFactory(organisation=host, slug="governance", title_en="Governance", parent=about)
    base = live_server.url
    page.goto(f"{base}/en/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Who we are").click()
    page.wait_for_url(f"{base}/en/about/")
    assert_accessible(page)
    page.goto(f"{base}/ar/governance/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert_accessible(page)
    screenshot(page, "mission-page-ar")
    page.goto(f"{base}/en/")
    page.get_by_role("searchbox", name="Search the site").fill("Djibouti")
    page.get_by_role("button", name="Search", exact=True).first.click()
    page.wait_for_url(f"{base}/en/search/?q=Djibouti")
    assert page.get_by_role("link", name="Who we are").count() >= 1
    assert_accessible(page)
    screenshot(page, "search")
