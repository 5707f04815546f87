"""A member's focal point edits the microsite (overview, team, a new page) and a visitor sees the
changes; then registers the delegation to the next session, sends it to the secretariat and reads
its status on the dashboard. The dashboard and the microsite are checked in Arabic too."""

import datetime

import pytest
from django.utils import timezone

from governance.demo import minimal_pdf
from governance.models import Delegation
from members.models import Role
from pages.models import Page
from tests.e2e.conftest import assert_accessible
from tests.e2e.steps import rich_text_body, sign_in
from tests.factories import AssemblySessionFactory, user_with_role

SUMMARY = "Member A runs two hundred school cooperatives along the coast."
PAGE_TITLE = "Our schools"


@pytest.fixture
def next_session(private_media):
    today = timezone.localdate()
    return AssemblySessionFactory(
        number=7,
        venue_en="Muscat",
        status="planned",
        start_date=today + datetime.timedelta(days=60),
        end_date=today + datetime.timedelta(days=62),
        registration_deadline=timezone.now() + datetime.timedelta(days=30),
    )


def test_focal_point_edits_the_microsite_and_a_visitor_sees_it(
    live_server, page, browser, screenshot, focal_a, member_a
):
    base = live_server.url
    sign_in(page, base, focal_a.email)
    assert_accessible(page)

    # The overview's summary, from the dashboard's microsite tile.
    page.get_by_role("link", name="Edit the overview").click()
    page.wait_for_url(f"{base}/en/dashboard/microsite/")
    assert page.get_by_role("heading", level=1).inner_text() == "Overview of Member A"
    assert_accessible(page)
    page.get_by_label("Summary (English)").fill(SUMMARY)
    screenshot(page, "overview-form")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("The overview of your microsite was saved.").wait_for()
    assert_accessible(page)

    # A person joins the team.
    page.get_by_role("link", name="Edit the team").click()
    page.wait_for_url(f"{base}/en/dashboard/team/")
    assert page.get_by_text("No one yet.").is_visible()
    assert_accessible(page)
    page.get_by_label("Name", exact=True).fill("Amina Hassan")
    page.get_by_label("Role (English)").fill("Head of programmes")
    page.get_by_label("Short biography (English)").fill("Former teacher in Tadjourah.")
    page.get_by_role("button", name="Add to the team").click()
    page.get_by_text("Amina Hassan was added to the team.").wait_for()
    assert page.locator("main table tbody th").first.inner_text() == "Amina Hassan"
    assert_accessible(page)
    screenshot(page, "team")

    # A new page, previewed then published.
    page.goto(f"{base}/en/dashboard/")
    page.get_by_role("link", name="Edit pages").click()
    page.wait_for_url(f"{base}/en/dashboard/pages/")
    assert_accessible(page)
    page.get_by_role("link", name="New page").click()
    page.get_by_label("Title (English)").fill(PAGE_TITLE)
    body = rich_text_body(page)
    body.click()
    page.keyboard.type("Every school keeps a cooperative.")
    assert_accessible(page)
    page.get_by_role("button", name="Save and preview").click()
    page.get_by_text("The page was saved as a draft.").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Publish").click()
    page.get_by_text(f"“{PAGE_TITLE}” is now public.").wait_for()
    assert_accessible(page)
    screenshot(page, "page-published")
    saved = Page.objects.get(organisation=member_a, slug="our-schools")
    assert (saved.status, saved.body_en) == (
        "published",
        "<p>Every school keeps a cooperative.</p>",
    )

    # A visitor reads the changes on the public microsite.
    visitor = browser.new_context(viewport={"width": 1280, "height": 900})
    public = visitor.new_page()
    public.goto(f"{base}/en/members/member-a/")
    assert public.locator("main .lead").inner_text() == SUMMARY
    assert public.get_by_role("heading", level=3, name="Amina Hassan").is_visible()
    assert public.get_by_text("Head of programmes").is_visible()
    assert public.get_by_role("link", name=PAGE_TITLE).first.is_visible()
    assert_accessible(public)
    screenshot(public, "microsite-en")
    public.get_by_role("link", name=PAGE_TITLE).first.click()
    public.wait_for_url(f"{base}/en/members/member-a/our-schools/")
    assert public.get_by_role("heading", level=1).inner_text() == PAGE_TITLE
    assert_accessible(public)

    # The same microsite in Arabic, right to left (English text under the Arabic layout).
    public.goto(f"{base}/ar/members/member-a/")
    assert public.locator("html").get_attribute("dir") == "rtl"
    assert public.get_by_role("heading", level=3, name="Amina Hassan").is_visible()
    assert_accessible(public)
    screenshot(public, "microsite-ar")
    visitor.close()

    # The focal point's own dashboard pages in Arabic.
    for path in ("/ar/dashboard/", "/ar/dashboard/microsite/", "/ar/dashboard/team/"):
        page.goto(f"{base}{path}")
        assert page.locator("html").get_attribute("dir") == "rtl"
        assert page.locator("h1").count() == 1
        assert_accessible(page)
    screenshot(page, "team-ar")


def test_focal_point_registers_and_submits_the_delegation(
    live_server, page, screenshot, tmp_path, focal_a, member_a, next_session
):
    delegate = user_with_role(
        member_a,
        Role.DELEGATE,
        email="minister@member-a.example",
        first_name="Fatouma",
        last_name="Ali",
    )
    letter = tmp_path / "credentials-member-a.pdf"
    letter.write_bytes(minimal_pdf("Credentials of the delegation of Member A"))
    base = live_server.url

    sign_in(page, base, focal_a.email)
    tile = page.locator("#tile-delegation")
    assert tile.locator(".status").inner_text() == "Not registered"
    assert_accessible(page)
    screenshot(page, "dashboard-not-registered")
    tile.get_by_role("link", name="Register your delegation").click()
    page.wait_for_url(f"{base}/en/dashboard/delegations/7/")
    assert page.locator("main dd").get_by_text("Not registered yet").is_visible()
    assert_accessible(page)

    page.select_option("#id_head-user", str(delegate.pk))
    page.set_input_files("#id_head-credentials_letter", str(letter))
    page.fill("#id_members-0-guest_name", "Hodan Omar")
    page.fill("#id_members-0-guest_email", "hodan.omar@example.org")
    screenshot(page, "delegation-form")
    page.get_by_role("button", name="Save as draft").click()
    page.get_by_text("The delegation was saved as a draft.").wait_for()
    assert page.locator("main .status").inner_text() == "Draft"
    assert page.get_by_role("link", name="credentials-member-a.pdf").is_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Submit to the secretariat").click()
    page.get_by_text("The delegation was sent to the secretariat.").wait_for()
    assert page.locator("main .status").inner_text() == "Submitted"
    assert_accessible(page)
    screenshot(page, "delegation-submitted")

    delegation = Delegation.objects.get(session=next_session, organisation=member_a)
    members = sorted(
        (m.is_head, m.user_id, m.guest_name, m.guest_email) for m in delegation.members.all()
    )
    assert (delegation.status, delegation.credentials_original_filename, members) == (
        "submitted",
        "credentials-member-a.pdf",
        [(False, None, "Hodan Omar", "hodan.omar@example.org"), (True, delegate.pk, "", "")],
    )
    # The letter opens for the organisation's users, as the PDF that was sent.
    href = page.get_by_role("link", name="credentials-member-a.pdf").get_attribute("href")
    letter_response = page.request.get(f"{base}{href}")
    assert letter_response.status == 200
    assert letter_response.body() == letter.read_bytes()

    page.goto(f"{base}/en/dashboard/")
    assert page.locator("#tile-delegation .status").inner_text() == "Submitted"
    assert_accessible(page)
    screenshot(page, "dashboard-submitted")

    # The same pages in Arabic, right to left.
    for path in ("/ar/dashboard/", "/ar/dashboard/delegations/7/"):
        page.goto(f"{base}{path}")
        assert page.locator("html").get_attribute("dir") == "rtl"
        assert_accessible(page)
    screenshot(page, "delegation-ar")
