"""pages_tags: a microsite's pages and links, and the body's menu."""

import re

from django.core.cache import cache
from django.template import Context, Template
from django.utils import translation

from pages.menus import _cache_key as menus_cache_key
from pages.menus import host_menu
from tests.factories import PageFactory


def _render(source, language="en", **context):
    # Explicit: a request of an earlier test may have left another language active.
    with translation.override(language):
        return Template("{% load pages_tags %}" + source).render(Context(context))


def test_organisation_pages_renders_published_pages_in_order(member_a, draft_a):
    PageFactory(
        organisation=member_a,
        slug="values",
        title_en="Values",
        order=2,
        body_en="<ol><li>Cooperation</li></ol>",
    )
    PageFactory(
        organisation=member_a,
        slug="vision",
        title_en="Vision",
        order=1,
        body_en="<ul><li>Schools</li></ul>",
    )
    html = _render("{% organisation_pages organisation %}", organisation=member_a)
    assert html.index(">Vision</a></h2>") < html.index(">Values</a></h2>")
    assert '<h2 id="vision-heading"><a href="/en/members/member-a/vision/">Vision</a></h2>' in html
    assert '<div class="prose"><ol><li>Cooperation</li></ol></div>' in html
    assert "Secret plans of A" not in html


def test_organisation_pages_marks_sections_shown_in_english(member_a):
    PageFactory(organisation=member_a, slug="vision", title_en="Vision", title_fr="Vision")
    PageFactory(
        organisation=member_a,
        slug="impact",
        title_en="Impact",
        title_fr="Impact",
        body_fr="<p>Fr</p>",
    )
    html = _render("{% organisation_pages organisation %}", language="fr", organisation=member_a)
    # Vision's body shows in English, marked so; its title and the note are French.
    vision, impact = html.split('id="impact"')
    assert re.search(r'<h2 id="vision-heading"><a href="[^"]+">Vision</a></h2>', vision)
    assert vision.count('<div class="prose" lang="en" dir="ltr">') == 1
    assert '<p class="fallback-note">' in vision
    assert 'lang="en"' not in impact
    assert html.count('class="fallback-note"') == 1


def test_organisation_pages_takes_one_query_with_many_pages(
    member_a, django_assert_max_num_queries
):
    for number in range(35):
        PageFactory(organisation=member_a, slug=f"section-{number}")
    with django_assert_max_num_queries(1):
        html = _render("{% organisation_pages organisation %}", organisation=member_a)
    assert html.count('<section class="page-section"') == 35


def test_organisation_page_links_lists_published_pages(
    member_a, draft_a, django_assert_max_num_queries
):
    for number in range(31):
        PageFactory(organisation=member_a, slug=f"section-{number}", title_en=f"S{number}")
    with django_assert_max_num_queries(1):
        html = _render("{% organisation_page_links organisation %}", organisation=member_a)
    assert '<li><a href="/en/members/member-a/section-0/">S0</a></li>' in html
    assert html.count("<li>") == 31
    assert "/plans/" not in html


def test_organisation_page_links_renders_nothing_without_pages(member_a):
    assert (
        _render("{% organisation_page_links organisation %}", organisation=member_a).strip() == ""
    )


def test_host_menu_lists_published_top_level_pages_with_their_children(host, member_a):
    about = PageFactory(organisation=host, slug="about", title_en="About", order=1)
    PageFactory(organisation=host, slug="governance", title_en="Governance", parent=about)
    PageFactory(organisation=host, slug="hidden", title_en="Hidden", show_in_menu=False)
    PageFactory(organisation=host, slug="later", title_en="Later", status="draft")
    PageFactory(organisation=member_a, slug="vision", title_en="Member page")
    assert host_menu("en") == [
        {
            "title": "About",
            "url": "/en/about/",
            "slug": "about",
            "children": [
                {
                    "title": "Governance",
                    "url": "/en/governance/",
                    "slug": "governance",
                    "children": [],
                }
            ],
        }
    ]


def test_host_menu_is_cached_and_forgotten_when_a_page_changes(host, django_assert_num_queries):
    page = PageFactory(organisation=host, slug="about", title_en="About", title_fr="À propos")
    assert host_menu("fr")[0]["title"] == "À propos"
    with django_assert_num_queries(0):
        assert host_menu("fr")[0]["url"] == "/fr/about/"
    page.title_fr = "Qui sommes-nous"
    page.save()
    assert host_menu("fr")[0]["title"] == "Qui sommes-nous"


def test_menus_read_before_a_page_change_commits_are_forgotten_when_it_commits(
    host, django_capture_on_commit_callbacks
):
    page = PageFactory(organisation=host, slug="about", title_en="About")
    stale = {"menu": [{"title": "About", "url": "/en/about/", "slug": "about", "children": []}]}
    with django_capture_on_commit_callbacks(execute=True):
        page.title_en = "Who we are"
        page.save()
        # Another request read the pages before the commit, and kept what it read.
        cache.set(menus_cache_key("en"), stale | {"footer": []}, 600)
    assert host_menu("en")[0]["title"] == "Who we are"


def test_header_navigation_shows_the_menu(client, host):
    PageFactory(organisation=host, slug="about", title_en="Who we are", title_ar="من نحن")
    html = client.get("/ar/").content.decode()
    assert '<li><a href="/ar/about/">من نحن</a></li>' in html
