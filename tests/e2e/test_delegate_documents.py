"""A delegate signs in, reads a members-only document, and is refused another member's one."""

from tests.e2e.conftest import assert_accessible
from tests.e2e.steps import sign_in


def test_delegate_reads_members_document_and_is_refused_anothers(
    live_server, page, screenshot, delegate_a, register
):
    base = live_server.url
    sign_in(page, base, delegate_a.email)
    assert page.get_by_role("heading", name="New documents since your last visit").is_visible()
    assert_accessible(page)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Documents").click()
    page.wait_for_url(f"{base}/en/documents/")
    assert page.get_by_text("OEC/GA/1/7").count() == 0
    assert_accessible(page)
    screenshot(page, "register")
    page.get_by_role("link", name="OEC/GA/1/3 Proposed budget").click()
    page.wait_for_url(f"{base}/en/documents/OEC-GA-1-3/")
    # The symbol stands on its own line above the title.
    assert page.get_by_role("heading", level=1).inner_text().split("\n") == [
        "OEC/GA/1/3",
        "Proposed budget",
    ]
    assert page.locator("#main dd").get_by_text("Members", exact=True).is_visible()
    assert_accessible(page)
    screenshot(page, "members-document")
    download = page.request.get(f"{base}/en/documents/OEC-GA-1-3/download/en/")
    assert download.status == 200
    assert download.headers["content-type"] == "application/pdf"
    assert download.body().startswith(b"%PDF-")

    response = page.goto(f"{base}/en/documents/OEC-GA-1-7/")
    assert response.status == 404
    assert page.get_by_role("heading", level=1).inner_text() == "Page not found"
    assert "Member B" not in page.content()
    screenshot(page, "restricted-refused")
    assert page.request.get(f"{base}/en/documents/OEC-GA-1-7/download/en/").status == 404
