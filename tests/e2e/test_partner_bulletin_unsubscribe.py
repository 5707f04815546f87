"""A partner contact receives the monthly bulletin, follows the unsubscribe link of the message,
confirms with the button and is unsubscribed; then follows the message's preferences link and
changes the bulletin's language. In English, and in Arabic (right to left)."""

import datetime
import re

import pytest
from django.core import mail
from django.db import transaction

from bulletins.models import Bulletin
from bulletins.services import bulletin_compose
from members.models import Suppression
from partnerships.models import Contact
from tests.e2e.conftest import assert_accessible
from tests.factories import HostFactory, bulletin_contact

JOURNEYS = [
    # (contact's language, page direction, language chosen on the preferences page)
    ("en", "ltr", "es"),
    ("ar", "rtl", "fr"),
]


@pytest.mark.parametrize(
    ("language", "direction", "new_language"), JOURNEYS, ids=[journey[0] for journey in JOURNEYS]
)
def test_partner_contact_unsubscribes_then_changes_the_language(
    live_server,
    browser,
    screenshot,
    settings,
    transactional_db,
    language,
    direction,
    new_language,
):
    settings.OEC_BULLETIN_REQUIRES_APPROVAL = False
    settings.OEC_SITE_URL = live_server.url
    HostFactory()
    contact = bulletin_contact(email="reader@literacy-trust.example", language=language)
    mail.outbox.clear()
    with transaction.atomic():
        bulletin = bulletin_compose(month=datetime.date(2026, 11, 1))
    bulletin.refresh_from_db()
    assert bulletin.status == Bulletin.Status.SENT
    assert [message.to for message in mail.outbox] == [["reader@literacy-trust.example"]]
    message = mail.outbox[0]
    unsubscribe_url = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert unsubscribe_url.startswith(f"{live_server.url}/bulletins/unsubscribe/")
    # The plain-text part carries the same link, and the preferences link in the contact's
    # language.
    assert unsubscribe_url in message.body
    preferences_url = next(
        url for url in re.findall(r"https?://\S+", message.body) if "/bulletins/preferences/" in url
    )
    assert preferences_url.startswith(f"{live_server.url}/{language}/bulletins/preferences/")

    # The unsubscribe address has no language prefix: the browser's language chooses.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale=language)
    page = context.new_page()
    page.goto(unsubscribe_url)
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("html").get_attribute("dir") == direction
    assert page.locator("main h1").count() == 1
    assert page.get_by_text("reader@literacy-trust.example").is_visible()
    # Opening the link changes nothing: only the button unsubscribes.
    assert Suppression.objects.count() == 0
    assert_accessible(page)
    screenshot(page, "unsubscribe")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("dir") == direction
    assert page.get_by_text("reader@literacy-trust.example").is_visible()
    assert_accessible(page)
    screenshot(page, "unsubscribed")
    assert list(Suppression.objects.values_list("email", "reason")) == [
        ("reader@literacy-trust.example", "unsubscribed")
    ]
    contact.refresh_from_db()
    assert contact.receives_bulletin is False

    # The preferences link of the same message still answers, in the contact's language.
    page.goto(preferences_url)
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("html").get_attribute("dir") == direction
    assert_accessible(page)
    page.select_option("#id_language", new_language)
    screenshot(page, "preferences")
    page.locator("main form.bulletin-form button[type=submit]").click()
    page.locator("main .message-success[role=status]").wait_for()
    assert page.locator("#id_language").input_value() == new_language
    assert_accessible(page)
    screenshot(page, "preferences-saved")
    assert Contact.objects.get(pk=contact.pk).preferred_language == new_language
    context.close()


def test_a_tampered_unsubscribe_link_is_refused_in_arabic(
    live_server, browser, screenshot, transactional_db
):
    bulletin_contact(email="reader@literacy-trust.example", language="ar")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ar")
    page = context.new_page()
    response = page.goto(f"{live_server.url}/bulletins/unsubscribe/not-a-token/")
    assert response.status == 400
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert_accessible(page)
    screenshot(page, "invalid-link-ar")
    assert Suppression.objects.count() == 0
    context.close()
