"""Each secretariat role in the back office, in a real browser (issue 14): sign in with password
and TOTP, open a translated record, switch its language tabs (modeltranslation's jQuery UI tabs,
served from our own static files under the strict CSP), and download a private file from the
admin where the role has one.
"""

import pytest
from django.urls import reverse

from members.models import Role
from partnerships.terms import ensure_reference_terms
from tests.e2e.steps import sign_in
from tests.factories import (
    ArticleFactory,
    DocumentFactory,
    DocumentFileFactory,
    PartnershipFactory,
    governance_pdf_file,
    user_with_role,
)

pytestmark = pytest.mark.usefixtures("private_media")


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


def open_in_admin(page, base, staff_member, change_view, record):
    """Sign in as `staff_member` (user, TOTP secret) and open the admin's change form of
    `record`; returns the list that gathers the page's console and script errors from then on."""
    user, secret = staff_member
    problems = watch_for_refusals(page)
    sign_in(page, base, user.email, totp_secret=secret)
    page.goto(f"{base}{reverse(change_view, args=[record.pk])}")
    return problems


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
    officer = staff(Role.ADMINISTRATOR, "admin@oec.example")
    partnership = PartnershipFactory(
        organisation=partner,
        status="applicant",
        description_fr="Des bibliothèques mobiles.",
        statutes=governance_pdf_file("Statutes"),
    )
    base = live_server.url
    problems = open_in_admin(
        page, base, officer, "admin:partnerships_partnership_change", partnership
    )
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
    officer = staff(Role.COMMUNICATIONS, "editor@oec.example")
    article = ArticleFactory(organisation=host, title_en="Schools reopen", title_ar="عودة المدارس")
    base = live_server.url
    problems = open_in_admin(page, base, officer, "admin:news_article_change", article)
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
    officer = staff(Role.CONFERENCE_SERVICES, "conference@oec.example")
    document = DocumentFactory(
        organisation=host, access="secretariat", title_fr="Note du secrétariat"
    )
    french = DocumentFileFactory(document=document, language="fr")
    base = live_server.url
    problems = open_in_admin(page, base, officer, "admin:governance_document_change", document)
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
    officer = staff(Role.PARTNERSHIPS, "partnerships@oec.example")
    PartnershipFactory(organisation=partner)
    activity = CooperationActivityFactory(
        organisation=partner,
        status="submitted",
        title_fr="Clubs de lecture",
        file=governance_pdf_file("Reading clubs"),
    )
    base = live_server.url
    problems = open_in_admin(
        page, base, officer, "admin:partnerships_cooperationactivity_change", activity
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
