"""The header and footer every page shares (templates/base.html, oec_portal/templatetags/
navigation.py): the main menu marks where the visitor is, pages below a section show the trail
back to it, the signed-in person sees who and for whom they act, the footer links the body's
legal pages once they are published, and the phone menu needs no inline script."""

import re

import pytest

from tests.factories import ArticleFactory, PageFactory


def main_menu(html):
    return html.split('<nav class="site-nav main-nav"', 1)[1].split("</nav>", 1)[0]


def breadcrumb_trail(html):
    match = re.search(r'<nav class="breadcrumbs" aria-label="Breadcrumb">(.*?)</nav>', html, re.S)
    # A link's words, after the icon that may stand before them (the home page's house).
    link = r'<a href="([^"]+)">(?:<svg [^>]*>.*?</svg>)?([^<]+)</a>'
    return re.findall(link, match.group(1)) if match else None


def test_the_main_menu_marks_the_section_page_and_the_pages_below_it(client, host, member_a):
    menu = main_menu(client.get("/en/members/").content.decode())
    assert '<a href="/en/members/" aria-current="page">Members</a>' in menu
    assert '<a href="/en/">Home</a>' in menu
    assert menu.count("aria-current") == 1

    menu = main_menu(client.get(member_a.get_absolute_url()).content.decode())
    assert '<a href="/en/members/" aria-current="true">Members</a>' in menu
    assert menu.count("aria-current") == 1


def test_home_is_current_on_the_home_page_only(client, host):
    assert '<a href="/fr/" aria-current="page">' in main_menu(client.get("/fr/").content.decode())
    assert "aria-current" not in main_menu(client.get("/fr/search/").content.decode())


def test_decisions_belong_to_the_assembly_section(client, host):
    menu = main_menu(client.get("/en/decisions/").content.decode())
    assert '<a href="/en/assembly/" aria-current="true">Assembly</a>' in menu


def test_a_page_below_a_section_shows_the_trail_back_to_it(client, host, member_a):
    ArticleFactory(organisation=member_a, slug="school-garden", title_en="A school garden")
    html = client.get("/en/news/school-garden/").content.decode()
    assert breadcrumb_trail(html) == [("/en/", "Home"), ("/en/news/", "News")]
    assert breadcrumb_trail(client.get("/en/news/").content.decode()) is None


def test_the_trail_is_translated(client, host, member_a):
    html = client.get(member_a.get_absolute_url().replace("/en/", "/ar/")).content.decode()
    assert 'aria-label="مسار التنقل"' in html
    assert '<a href="/ar/members/">الأعضاء</a>' in html


def test_the_header_names_the_signed_in_person_and_their_organisation(client, delegate_a):
    delegate_a.first_name, delegate_a.last_name = "Amina", "Farah"
    delegate_a.save()
    client.force_login(delegate_a)
    html = client.get("/en/members/").content.decode()
    summary = html.split('<p class="account-summary">', 1)[1].split("</p>", 1)[0]
    assert "<bdi>Amina Farah</bdi>" in summary
    assert "<bdi>Member A</bdi>" in summary
    assert '<li class="nav-account"><a href="/en/dashboard/">Dashboard</a></li>' in html


def test_visitors_see_no_account_summary_but_the_sign_in_link(client, host):
    html = client.get("/en/").content.decode()
    assert "account-summary" not in html
    assert '<li class="nav-account"><a href="/en/accounts/login/">Member sign in</a></li>' in html


def test_the_footer_links_the_legal_pages_once_they_are_published(client, host):
    assert "/en/privacy/" not in client.get("/en/").content.decode()
    PageFactory(organisation=host, slug="privacy", title_en="Privacy", show_in_menu=False)
    PageFactory(organisation=host, slug="accessibility", title_en="Accessibility")
    html = client.get("/en/").content.decode()
    footer = html.split('<footer class="site-footer">', 1)[1]
    assert '<a href="/en/privacy/">Privacy</a>' in footer
    assert '<a href="/en/accessibility/">Accessibility statement</a>' in footer
    assert "/en/legal-notice/" not in footer


def test_the_phone_menu_is_a_disclosure_worked_by_our_own_script(client, host):
    html = client.get("/en/").content.decode()
    # Hidden until static/js/menu.js shows it: without JavaScript the menu simply stays open.
    assert (
        '<button class="menu-toggle" type="button" aria-expanded="false"'
        ' aria-controls="site-menu" data-menu-toggle hidden>' in html
    )
    assert 'id="site-menu"' in html
    assert '<script src="/static/js/menu.js"></script>' in html
    # No script of our own in the page (JSON-LD is data, which the CSP does not run).
    assert re.findall(r'<script(?![^>]*\b(?:src=|type="application/ld\+json"))[^>]*>', html) == []


def test_every_page_loads_the_one_stylesheet_and_preloads_its_first_fonts(client, host):
    html = client.get("/en/members/").content.decode()
    assert re.findall(r'<link rel="stylesheet" href="([^"]+)"', html) == ["/static/css/site.css"]
    latin = [
        "noto-sans-latin-400-normal.woff2",
        "noto-sans-latin-600-normal.woff2",
        "noto-sans-latin-700-normal.woff2",
    ]
    arabic = [
        "noto-sans-arabic-arabic-400-normal.woff2",
        "noto-sans-arabic-arabic-700-normal.woff2",
    ]
    preloaded = re.compile(r'<link rel="preload" href="/static/fonts/([^"]+)" as="font"')
    # Every font of the first view, so that none swaps in late and moves the text (CLS).
    assert preloaded.findall(html) == latin
    assert preloaded.findall(client.get("/ar/members/").content.decode()) == arabic + latin


def body_pages_in_menu(html, language):
    """The (address, title) of the menu's links to the body's pages (about, mission)."""
    links = re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', main_menu(html))
    return [(url, title) for url, title in links if url.endswith(("/about/", "/mission/"))]


def footer_drawn(response):
    """Whether the page's footer was drawn for it (else it was kept, members/kept_html.py)."""
    return "partials/footer.html" in [template.name for template in response.templates]


@pytest.mark.parametrize(
    ("change", "language", "menu"),
    [
        (
            {"title_en": "Who we are"},
            "en",
            [("/en/about/", "Who we are"), ("/en/mission/", "Mission")],
        ),
        (
            {"title_fr": "Qui sommes-nous"},
            "fr",
            [("/fr/about/", "Qui sommes-nous"), ("/fr/mission/", "Mission")],
        ),
        ({"order": 3}, "en", [("/en/mission/", "Mission"), ("/en/about/", "About")]),
        ({"show_in_menu": False}, "en", [("/en/mission/", "Mission")]),
        ({"status": "draft"}, "en", [("/en/mission/", "Mission")]),
    ],
)
def test_an_edit_of_a_menu_page_shows_at_once_in_the_menu(
    client, host, settings, django_capture_on_commit_callbacks, change, language, menu
):
    settings.OEC_ANONYMOUS_PAGE_CACHE_SECONDS = 600
    about = PageFactory(
        organisation=host, slug="about", title_en="About", title_fr="À propos", order=1
    )
    PageFactory(organisation=host, slug="mission", title_en="Mission", order=2)
    assert (
        len(body_pages_in_menu(client.get(f"/{language}/members/").content.decode(), language)) == 2
    )

    with django_capture_on_commit_callbacks(execute=True):
        for name, value in change.items():
            setattr(about, name, value)
        about.save()

    assert (
        body_pages_in_menu(client.get(f"/{language}/members/").content.decode(), language) == menu
    )


@pytest.mark.parametrize("change", [{"status": "draft"}, {"slug": "our-privacy"}])
def test_an_edit_of_a_legal_page_shows_at_once_in_the_footer(
    client, host, settings, django_capture_on_commit_callbacks, change
):
    settings.OEC_ANONYMOUS_PAGE_CACHE_SECONDS = 600
    privacy = PageFactory(organisation=host, slug="privacy", title_en="Privacy", show_in_menu=False)
    html = client.get("/fr/members/").content.decode()
    assert '<a href="/fr/privacy/">Confidentialité</a>' in html.split("<footer", 1)[1]

    with django_capture_on_commit_callbacks(execute=True):
        for name, value in change.items():
            setattr(privacy, name, value)
        privacy.save()

    assert "/fr/privacy/" not in client.get("/fr/members/").content.decode().split("<footer", 1)[1]


def test_an_edit_of_other_content_does_not_draw_the_footer_again(client, host, settings):
    settings.OEC_ANONYMOUS_PAGE_CACHE_SECONDS = 600
    PageFactory(organisation=host, slug="privacy", title_en="Privacy", show_in_menu=False)
    client.get("/en/news/")

    ArticleFactory(title_en="An edit")  # the page cache forgets every page
    response = client.get("/en/news/")

    assert "An edit" in response.content.decode()  # the page was drawn again
    assert not footer_drawn(response)
    assert '<a href="/en/privacy/">Privacy</a>' in response.content.decode().split("<footer", 1)[1]
