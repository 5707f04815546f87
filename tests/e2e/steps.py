"""Steps that several browser journeys take the same way: signing in, writing rich text,
sending a join form wrongly."""

from tests.cast import totp_code
from tests.e2e.conftest import assert_accessible
from tests.factories import PASSWORD


def sign_in(page, base_url, email, *, language="en", password=PASSWORD, totp_secret=None):
    """Through the login form in `language` (accessible, in that language's direction) to the
    dashboard; with `totp_secret`, through the second step too, typing the current code."""
    page.goto(f"{base_url}/{language}/accounts/login/")
    direction = "rtl" if language == "ar" else "ltr"
    assert page.locator("html").get_attribute("dir") == direction
    assert_accessible(page)
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", password)
    page.locator("form button[type=submit]").last.click()
    if totp_secret is None:
        page.wait_for_url(f"{base_url}/{language}/dashboard/")
        return
    page.wait_for_url(f"{base_url}/{language}/accounts/2fa/authenticate/")
    code = page.locator("input[name=code]")
    code.fill(totp_code(totp_secret))
    # Enter in the code box: the page's last button is allauth's "Cancel".
    code.press("Enter")
    page.wait_for_url(lambda url: "/2fa/" not in url and "/login/" not in url)


def sign_out(page):
    page.context.clear_cookies()


def wait_for_rich_text_editor(page):
    # The rich-text editor replaces the textarea once its scripts ran (slower on a loaded
    # machine).
    page.locator('.prose-editor [contenteditable="true"][aria-labelledby]').first.wait_for()


def rich_text_body(page):
    """The English body's rich-text editor, found by its accessible name once it is there."""
    wait_for_rich_text_editor(page)
    return page.locator('[contenteditable="true"]').and_(
        page.get_by_role("textbox", name="Body (English)")
    )


def type_bold_then_plain(body, bold, plain):
    """Type `bold` in bold (Ctrl+B on and off), then `plain`, into a rich-text editor."""
    body.click()
    body.page.keyboard.press("Control+b")
    body.page.keyboard.type(bold)
    body.page.keyboard.press("Control+b")
    body.page.keyboard.type(plain)


def send_the_join_form_with_a_bad_email(page, email):
    """Send the open join form with only a malformed `email`: the errors are announced (an alert),
    each field says what is missing, and the page stays accessible."""
    page.fill("#id_email", email)
    page.locator("form.join-form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("[role=alert]").count() >= 1
    assert page.locator(".errorlist").count() >= 3
    assert_accessible(page)
