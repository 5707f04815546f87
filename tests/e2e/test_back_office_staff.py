"""Each secretariat role in the back office, in a real browser (issue 14): sign in with password
and TOTP, open a translated record, switch its language tabs (modeltranslation's jQuery UI tabs,
served from our own static files under the strict CSP), and download a private file from the
admin where the role has one.
"""

import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.urls import reverse

from members.models import Role
from partnerships.terms import ensure_reference_terms
from tests.factories import (
    PASSWORD,
    ArticleFactory,
    DocumentFactory,
    DocumentFileFactory,
    PartnershipFactory,
    governance_pdf_file,
    user_with_role,
)


@pytest.fixture(autouse=True)
def _private_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.OEC_X_ACCEL_REDIRECT_PREFIX = ""


def sign_in_with_totp(page, base, user, secret):
    page.goto(f"{base}/en/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(f"{base}/en/accounts/2fa/authenticate/")
    code = page.locator("input[name=code]")
    code.fill(format_hotp_value(hotp_value(secret, int(time.time()) // 30)))
    # Enter in the code box: the page's last button is allauth's "Cancel".
    code.press("Enter")
    page.wait_for_url(lambda url: "/2fa/" not in url and "/login/" not in url)


def watch_for_refusals(page):
    """Console errors (a CSP refusal is one, the rich-text editor's styles included) and
    uncaught script errors of the page."""
    problems = []

    def on_console(message):
        if message.type == "error":
            problems.append(f"{message.text} {message.location}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(str(error)))
    return problems


def switch_tabs(page, field, language):
    """Click the `language` tab of a translated field; its box shows, the English one hides."""
    english, other = page.locator(f"#id_{field}_en"), page.locator(f"#id_{field}_{language}")
    assert english.is_visible()
    assert other.is_hidden()
    page.locator(f'a[href="#tab_id_{field}_{language}"]').click()
    other.wait_for(state="visible")
    assert english.is_hidden()
    # Without the tabs the boxes stay told apart by their labels.
    label = page.locator(f'label[for="id_{field}_{language}"]').inner_text()
    assert label.rstrip(":").endswith(")") and "(" in label


def download_from_admin(page, base, href, expected):
    """Follow a file link of the admin page with the browser's session; the exact bytes."""
    link = page.locator(f'a[href="{href}"]')
    assert link.count() >= 1
    response = page.request.get(f"{base}{href}")
    assert response.status == 200
    assert response.body() == expected


@pytest.fixture
def staff(host, with_totp):
    def make(role, email):
        user = user_with_role(host, role, email=email)
        return user, with_totp(user)

    return make


def test_administrator_switches_tabs_and_downloads_an_application_file(
    live_server, page, staff, partner, screenshot
):
    ensure_reference_terms()
    user, secret = staff(Role.ADMINISTRATOR, "admin@oec.example")
    partnership = PartnershipFactory(
        organisation=partner,
        status="applicant",
        description_fr="Des bibliothèques mobiles.",
        statutes=governance_pdf_file("Statutes"),
    )
    problems = watch_for_refusals(page)
    base = live_server.url
    sign_in_with_totp(page, base, user, secret)
    page.goto(f"{base}{reverse('admin:partnerships_partnership_change', args=[partnership.pk])}")
    switch_tabs(page, "description", "fr")
    assert page.locator("#id_description_fr").input_value() == "Des bibliothèques mobiles."
    screenshot(page, "partnership-fr-tab")
    download_from_admin(
        page,
        base,
        partnership.private_file_url("statutes"),
        partnership.statutes.open("rb").read(),
    )
    assert problems == []


def test_communications_officer_switches_the_tabs_of_an_article(
    live_server, page, staff, host, screenshot
):
    user, secret = staff(Role.COMMUNICATIONS, "editor@oec.example")
    article = ArticleFactory(organisation=host, title_en="Schools reopen", title_ar="عودة المدارس")
    problems = watch_for_refusals(page)
    base = live_server.url
    sign_in_with_totp(page, base, user, secret)
    page.goto(f"{base}{reverse('admin:news_article_change', args=[article.pk])}")
    switch_tabs(page, "title", "ar")
    assert page.locator("#id_title_ar").input_value() == "عودة المدارس"
    # The rich-text editor ran too (its import map carries the CSP nonce), styled by tiptap's
    # base styles from our static files rather than an inline <style> the CSP would refuse.
    page.locator('.prose-editor [contenteditable="true"]').first.wait_for()
    assert_editor_is_styled(page)
    screenshot(page, "article-ar-tab")
    assert problems == []


def test_conference_officer_switches_tabs_and_downloads_a_document_file(
    live_server, page, staff, host, screenshot
):
    user, secret = staff(Role.CONFERENCE_SERVICES, "conference@oec.example")
    document = DocumentFactory(
        organisation=host, access="secretariat", title_fr="Note du secrétariat"
    )
    french = DocumentFileFactory(document=document, language="fr")
    problems = watch_for_refusals(page)
    base = live_server.url
    sign_in_with_totp(page, base, user, secret)
    page.goto(f"{base}{reverse('admin:governance_document_change', args=[document.pk])}")
    switch_tabs(page, "title", "fr")
    assert page.locator("#id_title_fr").input_value() == "Note du secrétariat"
    assert_tabs_are_named(page)
    download_from_admin(page, base, french.get_absolute_url(), french.file.open("rb").read())
    screenshot(page, "document-fr-tab")
    assert problems == []


def test_partnerships_officer_switches_tabs_and_downloads_an_activity_file(
    live_server, page, staff, partner, screenshot
):
    from tests.factories import CooperationActivityFactory

    ensure_reference_terms()
    user, secret = staff(Role.PARTNERSHIPS, "partnerships@oec.example")
    PartnershipFactory(organisation=partner)
    activity = CooperationActivityFactory(
        organisation=partner,
        status="submitted",
        title_fr="Clubs de lecture",
        file=governance_pdf_file("Reading clubs"),
    )
    problems = watch_for_refusals(page)
    base = live_server.url
    sign_in_with_totp(page, base, user, secret)
    page.goto(
        f"{base}{reverse('admin:partnerships_cooperationactivity_change', args=[activity.pk])}"
    )
    switch_tabs(page, "title", "fr")
    assert page.locator("#id_title_fr").input_value() == "Clubs de lecture"
    download_from_admin(
        page, base, activity.private_file_url("file"), activity.file.open("rb").read()
    )
    screenshot(page, "activity-fr-tab")
    assert problems == []


def assert_editor_is_styled(page):
    editable = page.locator('.prose-editor [contenteditable="true"]').first
    # `break-spaces` comes only from tiptap's base styles (static/css/prose-editor-base.css).
    page.wait_for_function(
        """() => getComputedStyle(document.querySelector('.prose-editor .ProseMirror'))
            .whiteSpace === 'break-spaces'""",
        timeout=5000,
    )
    assert editable.evaluate("e => getComputedStyle(e).position") == "relative"
    assert page.locator("style").count() == 0


def assert_tabs_are_named(page):
    # Each tab is a link named by its language code.
    names = page.locator(".ui-tabs-nav a").all_inner_texts()
    assert names and all(name.strip() for name in names)
