"""A communications officer assigns a Spanish translation; the translator receives it on their
dashboard, translates side by side, and the overview turns complete."""

from members.models import Role, TranslationAssignment
from tests.e2e.conftest import assert_accessible
from tests.e2e.steps import sign_in, sign_out, wait_for_rich_text_editor
from tests.factories import PageFactory, user_with_role


def test_translator_receives_an_assignment_and_the_overview_turns_complete(
    live_server, page, screenshot, host, with_totp
):
    mission = PageFactory(
        organisation=host,
        slug="mission",
        title_en="Our mission",
        body_en="<p>We support balanced education.</p>",
    )
    officer = user_with_role(host, Role.COMMUNICATIONS, email="editor@oec.example")
    secret = with_totp(officer)
    translator = user_with_role(host, Role.TRANSLATOR, email="translator@oec.example")
    base = live_server.url

    sign_in(page, base, officer.email, totp_secret=secret)
    page.goto(f"{base}/en/dashboard/")
    page.get_by_role("link", name="Open the translation overview").click()
    page.wait_for_url(f"{base}/en/dashboard/translations/")
    page.locator("#id_language").first.select_option("es")
    page.get_by_role("button", name="Filter").click()
    page.locator("#main").get_by_role("link", name="Our mission").click()
    page.wait_for_url(f"{base}/en/dashboard/translations/mission-page/{mission.pk}/es/")
    page.get_by_label("Translator", exact=True).select_option(str(translator.pk))
    page.get_by_role("button", name="Assign", exact=True).click()
    page.get_by_text("The translation was assigned.").wait_for()
    assert_accessible(page)
    sign_out(page)

    sign_in(page, base, translator.email)
    page.get_by_role("link", name="See your assignments").click()
    page.locator("#main").get_by_role("link", name="Our mission").click()
    wait_for_rich_text_editor(page)
    assert page.get_by_text("This translation is assigned to you.").is_visible()
    assert_accessible(page)
    page.get_by_role("textbox", name="Title", exact=True).fill("Nuestra misión")
    body = page.locator(".translation-target [contenteditable='true']")
    body.click()
    body.type("Apoyamos una educación equilibrada.")
    screenshot(page, "side-by-side")
    page.get_by_role("button", name="Save the translation").click()
    page.get_by_text("Your assignment is done. Thank you.").wait_for()
    assert TranslationAssignment.objects.get().completed_at is not None
    sign_out(page)

    # Another officer looks (a TOTP code works once: the first officer's may not be new yet).
    colleague = user_with_role(host, Role.COMMUNICATIONS, email="colleague@oec.example")
    sign_in(page, base, colleague.email, totp_secret=with_totp(colleague))
    page.goto(f"{base}/en/dashboard/translations/?language=es")
    assert page.locator("#count-complete").inner_text() == "1"
    assert page.locator("#count-missing").inner_text() == "0"
    screenshot(page, "overview-complete")
