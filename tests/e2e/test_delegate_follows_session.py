"""A delegate follows a session; conference services issue a document for it in the back office;
the delegate receives the alert by e-mail and finds it in their notifications (issue 18)."""

import pytest
from django.core import mail

from governance.demo import minimal_pdf
from members.models import Role
from tests.e2e.conftest import ARTIFACTS, assert_accessible
from tests.e2e.steps import sign_in, sign_out
from tests.factories import user_with_role

pytestmark = pytest.mark.usefixtures("private_media")

SUBJECT = "New document OEC/GA/1/12: Programme of the second week"


def test_delegate_follows_a_session_and_receives_the_alert(
    live_server, page, screenshot, delegate_a, host, register, with_totp, tmp_path
):
    base = live_server.url
    officer = user_with_role(host, Role.CONFERENCE_SERVICES, email="conference@oec.example")
    secret = with_totp(officer)

    # The delegate follows the first session from its page.
    sign_in(page, base, delegate_a.email)
    page.goto(f"{base}/en/assembly/1/")
    page.get_by_role("button", name="Follow this session").click()
    page.get_by_text("You now follow this session.").wait_for()
    assert page.get_by_text("You follow this session: you are told of every document").is_visible()
    assert page.get_by_role("button", name="Unfollow this session").is_visible()
    assert_accessible(page)
    screenshot(page, "following")
    sign_out(page)

    # Conference services enter a members' document of the session with its English file.
    sign_in(page, base, officer.email, totp_secret=secret)
    page.goto(f"{base}/admin/governance/document/add/")
    page.fill("#id_symbol", "OEC/GA/1/12")
    page.fill("#id_title_en", "Programme of the second week")
    page.select_option("#id_type", "information")
    page.select_option("#id_session", label=str(register["budget"].session))
    page.select_option("#id_access", "members")
    page.select_option("#id_files-0-language", "en")
    upload = tmp_path / "programme.pdf"
    upload.write_bytes(minimal_pdf("Programme of the second week"))
    page.set_input_files("#id_files-0-file", str(upload))
    page.locator("input[name=_save]").click()
    page.wait_for_url(f"{base}/admin/governance/document/")
    sign_out(page)

    # One mail, to the delegate, naming the document and linking to its page.
    assert [message.to for message in mail.outbox] == [[delegate_a.email]]
    assert mail.outbox[0].subject == SUBJECT
    assert "/en/documents/OEC-GA-1-12/" in mail.outbox[0].body

    # The notification waits in the delegate's inbox and leads to the document.
    sign_in(page, base, delegate_a.email)
    page.goto(f"{base}/en/dashboard/notifications/")
    page.get_by_role("link", name=SUBJECT).click()
    page.wait_for_url(f"{base}/en/documents/OEC-GA-1-12/")
    assert_accessible(page)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_follow_button_fits_a_phone(live_server, browser, delegate_a, register, language):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    base = live_server.url
    sign_in(page, base, delegate_a.email, language=language)
    page.goto(f"{base}/{language}/assembly/1/")
    follow = page.locator("#follow button")
    ARTIFACTS.mkdir(exist_ok=True)
    follow.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / f"session-follow-button-390-{language}.png"))
    follow.click()
    page.locator("#follow form p").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    box = follow.bounding_box() or page.locator("#follow button").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert_accessible(page)
    page.locator("#follow").scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / f"session-follow-390-{language}.png"))
    page.goto(f"{base}/{language}/dashboard/notifications/settings/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page)
    page.screenshot(path=str(ARTIFACTS / f"follows-settings-390-{language}.png"), full_page=True)
    context.close()
