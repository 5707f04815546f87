"""Conference services check a delegate in on a phone-sized page, then call the roll (issue 18)."""

import pytest

from governance.badges import badge_token
from governance.models import Attendance, Delegation, DelegationMember
from members.models import Role
from tests.e2e.conftest import assert_accessible
from tests.e2e.steps import sign_in
from tests.factories import (
    AssemblySessionFactory,
    MeetingFactory,
    OrganisationFactory,
    user_with_role,
)

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}


def _fits_the_phone(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_conference_services_check_a_delegate_in_on_a_phone(
    live_server, browser, host, with_totp, screenshot
):
    session = AssemblySessionFactory(number=1, venue_en="Geneva", venue_ar="جنيف")
    MeetingFactory(
        session=session, title_en="Opening plenary meeting", title_ar="الجلسة الافتتاحية"
    )
    egypt = OrganisationFactory(slug="egypt", name_en="Egypt", name_ar="مصر", country="EG")
    OrganisationFactory(slug="chad", name_en="Chad", name_ar="تشاد", country="TD")
    delegation = Delegation.objects.create(
        session=session, organisation=egypt, status=Delegation.Status.ACCREDITED
    )
    amina = DelegationMember.objects.create(
        delegation=delegation,
        is_head=True,
        guest_name="أمينة سالم",
        guest_email="amina@egypt.example",
        name_latin="Amina Salem",
    )
    officer = user_with_role(host, Role.CONFERENCE_SERVICES, email="conference@oec.example")
    secret = with_totp(officer)

    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    sign_in(page, live_server.url, officer.email, totp_secret=secret)
    page.goto(f"{live_server.url}/en/assembly/1/")
    page.get_by_role("link", name="Check-in", exact=True).click()
    page.wait_for_url(f"{live_server.url}/en/assembly/1/checkin/")
    _fits_the_phone(page)
    assert_accessible(page)

    # The badge's code as it is printed under its QR code, typed on the phone.
    code = page.get_by_label("Badge code")
    code.fill(badge_token(amina))
    page.get_by_role("button", name="Check in", exact=True).click()
    result = page.locator(".checkin-result")
    result.wait_for()
    assert "Checked in at" in result.inner_text()
    assert "أمينة سالم" in result.inner_text() and "Egypt" in result.inner_text()
    _fits_the_phone(page)
    assert_accessible(page)
    screenshot(page, "checked-in-en-phone")

    page.get_by_label("Badge code").fill(badge_token(amina))
    page.get_by_role("button", name="Check in", exact=True).click()
    page.locator(".checkin-again").wait_for()
    assert "Already checked in at" in page.locator(".checkin-result").inner_text()
    assert Attendance.objects.count() == 1

    page.get_by_role("link", name="Roll call of this meeting").click()
    page.wait_for_url("**/roll-call/")
    present = page.locator(".roll-call-present")
    assert present.count() == 1 and "Egypt" in present.inner_text()
    assert "Chad" in page.locator(".roll-call-absent").inner_text()
    assert "1 of 2 members entitled to vote present" in page.content()
    _fits_the_phone(page)
    assert_accessible(page)
    screenshot(page, "roll-call-en-phone")

    # The same pages in Arabic, right to left.
    page.goto(page.url.replace("/en/", "/ar/"))
    assert page.locator("html").get_attribute("dir") == "rtl"
    _fits_the_phone(page)
    assert_accessible(page)
    screenshot(page, "roll-call-ar-phone")
    page.goto(f"{live_server.url}/ar/assembly/1/checkin/")
    page.get_by_label("رمز الشارة").fill(badge_token(amina))
    page.locator(".checkin-form button[type=submit]").click()
    page.locator(".checkin-again").wait_for()
    _fits_the_phone(page)
    assert_accessible(page)
    screenshot(page, "checked-in-ar-phone")
    context.close()
