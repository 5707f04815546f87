"""A delegate signs in, reads a members-only document, and is refused another member's one."""

import pytest

from tests.e2e.conftest import assert_accessible
from tests.factories import (
    PASSWORD,
    AgendaItemFactory,
    AssemblySessionFactory,
    DocumentFactory,
    DocumentFileFactory,
)


@pytest.fixture
def register(settings, tmp_path, host, member_b):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.OEC_X_ACCEL_REDIRECT_PREFIX = ""
    session = AssemblySessionFactory(number=1, venue_en="Geneva")
    item = AgendaItemFactory(session=session, number="3", title_en="Budget", order=3)
    budget = DocumentFactory(
        symbol="OEC/GA/1/3",
        title_en="Proposed budget",
        access="members",
        session=session,
        agenda_item=item,
        organisation=host,
    )
    DocumentFileFactory(document=budget, language="en", original_filename="budget.pdf")
    theirs = DocumentFactory(
        symbol="OEC/GA/1/7",
        title_en="Contribution arrangements of Member B",
        access="restricted",
        restricted_to=[member_b],
        session=session,
        agenda_item=item,
        organisation=host,
    )
    DocumentFileFactory(document=theirs, language="en")
    return {"budget": budget, "theirs": theirs}


def test_delegate_reads_members_document_and_is_refused_anothers(
    live_server, page, screenshot, delegate_a, register
):
    base = live_server.url
    page.goto(f"{base}/en/accounts/login/")
    page.fill("input[name=login]", delegate_a.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(f"{base}/en/dashboard/")
    assert page.get_by_role("heading", name="New documents since your last visit").is_visible()
    assert_accessible(page)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Documents").click()
    page.wait_for_url(f"{base}/en/documents/")
    assert page.get_by_text("OEC/GA/1/7").count() == 0
    assert_accessible(page)
    screenshot(page, "register")
    page.get_by_role("link", name="OEC/GA/1/3 Proposed budget").click()
    page.wait_for_url(f"{base}/en/documents/OEC-GA-1-3/")
    assert page.get_by_role("heading", level=1).inner_text() == "OEC/GA/1/3 Proposed budget"
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
