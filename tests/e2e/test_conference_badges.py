"""Conference services print a session's badges from a phone-sized page, in Arabic (issue 18)."""

import pytest

from governance.models import Delegation, DelegationMember
from members.models import Role
from tests.e2e.conftest import assert_accessible
from tests.e2e.steps import sign_in
from tests.factories import AssemblySessionFactory, OrganisationFactory, user_with_role

pytestmark = pytest.mark.django_db(transaction=True)


def test_conference_officer_opens_the_badges_of_a_session_on_a_phone_in_arabic(
    live_server, browser, host, with_totp, screenshot
):
    session = AssemblySessionFactory(number=1, venue_en="Geneva", venue_ar="جنيف")
    egypt = OrganisationFactory(slug="egypt", name_en="Egypt", name_ar="مصر", country="EG")
    chad = OrganisationFactory(slug="chad", name_en="Chad", name_ar="تشاد", country="TD")
    accredited = Delegation.objects.create(
        session=session, organisation=egypt, status=Delegation.Status.ACCREDITED
    )
    DelegationMember.objects.create(
        delegation=accredited,
        is_head=True,
        guest_name="أمينة سالم",
        guest_email="amina@egypt.example",
        name_latin="Amina Salem",
    )
    Delegation.objects.create(session=session, organisation=chad, status="submitted")
    officer = user_with_role(host, Role.CONFERENCE_SERVICES, email="conference@oec.example")
    secret = with_totp(officer)

    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    sign_in(page, live_server.url, officer.email, language="ar", totp_secret=secret)
    page.goto(f"{live_server.url}/ar/assembly/1/")
    page.get_by_role("link", name="الشارات").click()
    page.wait_for_url(f"{live_server.url}/ar/assembly/1/badges/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page)
    screenshot(page, "badges-ar-phone")
    pdf = page.request.get(f"{live_server.url}/ar/assembly/1/badges/?format=pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    context.close()
