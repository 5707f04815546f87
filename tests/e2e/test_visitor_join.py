"""Issue 3's journey: a visitor goes home → member directory → the school-cooperation member's
microsite → sends its "join us" form, in French and in Arabic (right to left).

Screenshots are kept in test-artifacts/; axe-core finds no serious or critical violation on the
home page, the directory, the microsite and the join form.
"""

import pytest
from django.core import mail

from members.models import JoinRequest
from tests.e2e.conftest import assert_accessible
from tests.e2e.steps import send_the_join_form_with_a_bad_email, sign_in

JOURNEYS = [
    # (language, direction, join-form message)
    ("fr", "ltr", "Je souhaite aider une coopérative scolaire de mon quartier."),
    ("ar", "rtl", "أرغب في التطوع لدعم التعاونيات المدرسية في مدينتي."),
]


@pytest.mark.parametrize(
    ("language", "direction", "message"), JOURNEYS, ids=[journey[0] for journey in JOURNEYS]
)
def test_visitor_joins_the_school_cooperation_member(
    live_server, page, screenshot, demo, language, direction, message
):
    mail.outbox.clear()
    page.goto(f"{live_server.url}/{language}/")
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("html").get_attribute("dir") == direction
    assert_accessible(page)
    screenshot(page, "home")

    page.locator(f".main-nav a[href='/{language}/members/']").click()
    page.wait_for_url(f"{live_server.url}/{language}/members/")
    assert page.locator("main h1").count() == 1
    # Founding states and associate members, each a card with its emblem: the demo's logos
    # (OCCE's among them) and the designed covers of the others.
    assert page.locator(".directory-group .org-cards").count() == 2
    cards = page.locator(".org-card")
    assert cards.count() == page.locator(".org-card .emblem").count() >= 11
    occe = cards.filter(has=page.locator(f"a[href='/{language}/members/occe/']"))
    assert occe.locator("img.emblem-logo").get_attribute("alt") == ""
    assert page.locator("svg.emblem-cover").count() >= 8
    assert_accessible(page)
    screenshot(page, "directory")

    page.locator(f"main a[href='/{language}/members/occe/']").first.click()
    page.wait_for_url(f"{live_server.url}/{language}/members/occe/")
    assert page.get_by_role("heading", level=3, name="Maha Madu").is_visible()
    assert page.get_by_role("heading", level=3, name="Claire Dupont").is_visible()
    assert_accessible(page)
    screenshot(page, "microsite")

    page.locator(f"main a[href='/{language}/members/occe/join/']").first.click()
    page.wait_for_url(f"{live_server.url}/{language}/members/occe/join/")
    # The honeypot is out of sight and out of the keyboard's way.
    honeypot = page.locator("input[name=website]")
    assert honeypot.get_attribute("tabindex") == "-1"
    box = honeypot.bounding_box()
    viewport_width = page.viewport_size["width"]
    assert box is None or box["x"] + box["width"] <= 0 or box["x"] >= viewport_width
    assert_accessible(page)
    page.fill("#id_name", "Awa Ndiaye")
    page.fill("#id_email", "awa.ndiaye@example.org")
    page.select_option("#id_country", "SN")
    page.fill("#id_affiliation", "Association des parents d'élèves")
    page.select_option("#id_support", "volunteer")
    page.fill("#id_message", message)
    screenshot(page, "join-form")
    page.locator("form.join-form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/{language}/members/occe/join/thanks/")
    assert page.locator("html").get_attribute("dir") == direction
    assert_accessible(page)
    screenshot(page, "thanks")

    join_request = JoinRequest.objects.get(email="awa.ndiaye@example.org")
    assert (
        join_request.organisation.slug,
        join_request.language,
        join_request.support,
        join_request.message,
        join_request.country.code,
    ) == ("occe", language, "volunteer", message, "SN")
    # The OCCE focal point (and nobody else) is told.
    assert [m.to for m in mail.outbox] == [["focal@occe.example"]]


def test_visitor_sees_clear_errors_on_the_join_form(live_server, page, screenshot, demo):
    page.goto(f"{live_server.url}/fr/members/occe/join/")
    send_the_join_form_with_a_bad_email(page, "pas-une-adresse")
    screenshot(page, "join-errors-fr")
    assert not JoinRequest.objects.filter(email="pas-une-adresse").exists()


def test_focal_point_answers_and_closes_a_join_request(live_server, page, screenshot, demo):
    from members.demo import DEMO_PASSWORD

    mail.outbox.clear()
    sign_in(page, live_server.url, "focal@occe.example", password=DEMO_PASSWORD)
    page.get_by_role("link", name="Answer join requests").click()  # the dashboard's tile
    page.wait_for_url(f"{live_server.url}/en/dashboard/join-requests/")
    assert_accessible(page)
    screenshot(page, "join-requests")
    page.get_by_role("link", name="Laura Méndez").click()
    page.fill("#id_answer", "Thank you, Laura: we will call you next week.")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    assert page.get_by_text("Your answer was sent to laura.mendez@example.org.").is_visible()
    assert_accessible(page)
    screenshot(page, "join-request-answered")
    page.get_by_role("button", name="Close this request").click()
    page.wait_for_url(f"{live_server.url}/en/dashboard/join-requests/")
    join_request = JoinRequest.objects.get(email="laura.mendez@example.org")
    assert (join_request.status, join_request.answer) == (
        "closed",
        "Thank you, Laura: we will call you next week.",
    )
    assert [m.to for m in mail.outbox] == [["laura.mendez@example.org"]]
