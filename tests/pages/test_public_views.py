"""Mission pages at /<lang>/<slug>/ and a member's pages at /<lang>/members/<org>/<slug>/."""

import re

from django.utils import translation
from django.utils.translation import gettext

from members.models import Organisation
from tests.factories import OrganisationFactory, PageFactory

FALLBACK_NOTE = "This page is not yet available in your language; showing English."


def test_mission_page_shows_title_body_and_meta_description(client, about_page):
    response = client.get("/en/about/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Who we are</h1>" in html
    assert "<p>Founded in Djibouti.</p>" in html
    assert '<meta name="description" content="The body, founded in 2020.">' in html
    assert FALLBACK_NOTE not in html


def test_mission_page_has_canonical_link_and_opengraph_tags(client, about_page):
    html = client.get("/fr/about/").content.decode()
    assert '<link rel="canonical" href="http://testserver/fr/about/">' in html
    assert '<meta property="og:title" content="Qui sommes-nous">' in html
    assert '<meta property="og:description" content="The body, founded in 2020.">' in html
    assert '<meta property="og:url" content="http://testserver/fr/about/">' in html
    assert '<meta property="og:type" content="website">' in html
    assert '<meta property="og:locale" content="fr_FR">' in html
    assert '<meta property="og:locale:alternate" content="en_GB">' in html


def test_mission_page_has_hreflang_alternates_for_the_languages_it_is_written_in(
    client, about_page
):
    html = client.get("/en/about/").content.decode()
    alternates = re.findall(r'<link rel="alternate" hreflang="(\w+)" href="([^"]+)">', html)
    # Written in English and French; in Spanish and Arabic the page would show English.
    assert alternates == [
        ("en", "http://testserver/en/about/"),
        ("fr", "http://testserver/fr/about/"),
    ]


def test_mission_page_in_a_missing_language_falls_back_to_english_with_a_note(client, about_page):
    response = client.get("/es/about/")
    html = response.content.decode()
    assert response.status_code == 200
    with translation.override("es"):
        note = gettext(FALLBACK_NOTE)
    assert f'<p class="notice fallback-note" role="note">{note}</p>' in html
    # What shows in English is marked so, the note in the visitor's language is not.
    assert '<h1 lang="en" dir="ltr">Who we are</h1>' in html
    assert '<div class="prose" lang="en" dir="ltr"><p>Founded in Djibouti.</p></div>' in html


def test_mission_page_in_arabic_without_translation_marks_english_left_to_right(client, about_page):
    html = client.get("/ar/about/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert '<h1 lang="en" dir="ltr">Who we are</h1>' in html
    assert '<div class="prose" lang="en" dir="ltr">' in html


def test_mission_page_translated_in_french_shows_no_note(client, about_page):
    html = client.get("/fr/about/").content.decode()
    assert "<h1>Qui sommes-nous</h1>" in html
    assert "<p>Fondée à Djibouti.</p>" in html
    assert 'class="notice fallback-note"' not in html


def test_mission_page_with_french_title_but_english_body_notes_the_fallback(client, host):
    PageFactory(organisation=host, slug="charter", title_en="Charter", title_fr="Charte")
    html = client.get("/fr/charter/").content.decode()
    assert 'class="notice fallback-note"' in html
    assert "<h1>Charte</h1>" in html
    assert '<div class="prose" lang="en" dir="ltr">' in html


def test_mission_page_never_shows_script_or_event_handler(client, host):
    PageFactory(
        organisation=host,
        slug="unsafe",
        body_en='<p>Hi</p><script>alert("x")</script><img src=x onerror="alert(1)">',
    )
    html = client.get("/en/unsafe/").content.decode()
    assert '<div class="prose"><p>Hi</p></div>' in html
    assert "onerror" not in html
    assert 'alert("x")' not in html


def test_mission_page_draft_is_not_found_for_visitors_and_members(client, host, delegate_a):
    PageFactory(organisation=host, slug="upcoming", status="draft")
    assert client.get("/en/upcoming/").status_code == 404
    client.force_login(delegate_a)
    assert client.get("/en/upcoming/").status_code == 404


def test_mission_page_draft_is_shown_to_communications_officer_with_noindex(
    client, host, secretariat_editor, with_totp
):
    with_totp(secretariat_editor)
    PageFactory(organisation=host, slug="upcoming", title_en="Upcoming", status="draft")
    client.force_login(secretariat_editor)
    response = client.get("/en/upcoming/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Draft: only your organisation's editors see this page." in html
    assert '<meta name="robots" content="noindex">' in html


def test_mission_page_unknown_slug_is_not_found(client, host):
    assert client.get("/en/no-such-page/").status_code == 404


def test_member_page_address_is_not_a_mission_page(client, member_a):
    PageFactory(organisation=member_a, slug="vision")
    assert client.get("/en/vision/").status_code == 404


def test_member_page_shows_at_its_organisation_address(client, member_a):
    PageFactory(organisation=member_a, slug="vision", title_en="Our vision")
    response = client.get("/en/members/member-a/vision/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Our vision</h1>" in html
    assert '<a href="/en/members/member-a/">Member A</a>' in html
    assert '<link rel="canonical" href="http://testserver/en/members/member-a/vision/">' in html


def test_member_page_under_another_organisation_is_not_found(client, member_a, member_b):
    PageFactory(organisation=member_a, slug="vision")
    assert client.get("/en/members/member-b/vision/").status_code == 404


def test_host_page_under_members_address_is_not_found(client, about_page):
    assert client.get("/en/members/oec/about/").status_code == 404


def test_member_page_of_a_suspended_organisation_is_not_found(client, db):
    suspended = OrganisationFactory(slug="gone", status=Organisation.Status.SUSPENDED)
    PageFactory(organisation=suspended, slug="vision")
    assert client.get("/en/members/gone/vision/").status_code == 404


def test_member_draft_looks_exactly_like_a_missing_page_to_another_tenant(
    client, draft_a, delegate_b
):
    client.force_login(delegate_b)
    draft = client.get("/en/members/member-a/plans/")
    missing = client.get("/en/members/member-a/no-such-page/")
    assert draft.status_code == missing.status_code == 404
    assert draft.content == missing.content


def test_member_draft_is_shown_to_its_own_editor(client, draft_a, editor_a):
    client.force_login(editor_a)
    assert client.get("/en/members/member-a/plans/").status_code == 200


def test_mission_page_lists_its_section_from_the_menu(client, about_page):
    PageFactory(
        organisation=about_page.organisation,
        slug="governance",
        title_en="Governance",
        parent=about_page,
    )
    html = client.get("/en/governance/").content.decode()
    assert '<h2 id="section-nav-heading"><a href="/en/about/">Who we are</a></h2>' in html
    assert '<li><a href="/en/governance/" aria-current="page">Governance</a></li>' in html


def test_unprefixed_mission_page_address_redirects_to_english(client, about_page):
    response = client.get("/about/")
    assert response.status_code == 302
    assert response["Location"] == "/en/about/"


def test_mission_page_query_count_is_constant(client, host, django_assert_max_num_queries):
    top = PageFactory(organisation=host, slug="about")
    for number in range(35):
        PageFactory(organisation=host, slug=f"section-{number}", parent=top)
    client.get("/en/about/")  # fills the menu cache
    with django_assert_max_num_queries(3):
        response = client.get("/en/section-20/")
    assert response.status_code == 200
    section_nav = re.search(r'<nav class="section-nav".*?</nav>', response.content.decode(), re.S)
    assert section_nav.group(0).count('<li><a href="/en/section-') == 35
