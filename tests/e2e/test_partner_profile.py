"""A partner contact signs in, writes the French description of their public profile, and a
visitor reads it on the French partner page."""

import datetime

from members.models import Role
from partnerships.models import FieldOfCompetence
from partnerships.terms import ensure_reference_terms
from tests.e2e.conftest import assert_accessible
from tests.e2e.steps import sign_in
from tests.factories import (
    CooperationActivityFactory,
    PartnerOrganisationFactory,
    PartnershipFactory,
    user_with_role,
)

FRENCH = "Nous formons des animatrices de lecture dans les écoles rurales."


def test_partner_contact_updates_the_french_profile_and_a_visitor_reads_it(
    live_server, page, browser, screenshot, transactional_db
):
    ensure_reference_terms()
    organisation = PartnerOrganisationFactory(
        name="Literacy Trust", name_fr="Fondation pour l'alphabétisation", slug="literacy-trust"
    )
    partnership = PartnershipFactory(
        organisation=organisation,
        admitted_on=datetime.date(2021, 3, 15),
        description_en="Community reading programmes.",
        fields=[FieldOfCompetence.objects.get(code="education")],
    )
    CooperationActivityFactory(organisation=organisation, title_en="Reading clubs")
    user_with_role(organisation, Role.PARTNER_CONTACT, email="partner@literacy-trust.example")

    sign_in(page, live_server.url, "partner@literacy-trust.example")
    page.get_by_role("link", name="Edit the profile").click()  # the Partner profile tile
    page.wait_for_url(f"{live_server.url}/en/dashboard/partner/profile/")
    assert_accessible(page)
    page.get_by_label("Description (French)").fill(FRENCH)
    screenshot(page, "profile-form")
    page.get_by_role("button", name="Save the profile").click()
    page.wait_for_url(f"{live_server.url}/en/dashboard/partner/profile/")
    assert page.get_by_text("Your public profile was saved.").is_visible()
    partnership.refresh_from_db()
    assert partnership.description_fr == FRENCH

    visitor = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    public = visitor.new_page()
    public.goto(f"{live_server.url}/fr/partners/literacy-trust/")
    assert public.locator("h1").inner_text() == "Fondation pour l'alphabétisation"
    assert public.locator(".partner-description").inner_text().strip() == FRENCH
    assert public.get_by_text("Reading clubs").is_visible()
    assert_accessible(public)
    screenshot(public, "public-page-fr")
    public.goto(f"{live_server.url}/fr/partners/")
    assert public.get_by_role("link", name="Fondation pour l'alphabétisation").is_visible()
    assert_accessible(public)
    screenshot(public, "database-fr")
    visitor.close()


def test_visitor_pages_of_the_partner_database_are_accessible(
    live_server, page, screenshot, transactional_db
):
    ensure_reference_terms()
    for path in ("/en/partners/apply/", "/en/partners/collective/", "/api/docs/"):
        page.goto(f"{live_server.url}{path}")
        assert page.locator("h1").count() == 1
        assert_accessible(page)
    screenshot(page, "api-docs")
    page.goto(f"{live_server.url}/en/partners/apply/")
    # The honeypot is not shown to people.
    assert page.locator("input[name=nickname]").is_hidden()
    screenshot(page, "apply")
