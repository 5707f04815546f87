"""Heroes: the home page's banner and each section's (templates/partials/section_hero.html), with
the section's own illustration drawn for the portal: decorative (empty alt), its size given (no
layout shift), light."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

from tests.factories import AssemblySessionFactory, PageFactory

SECTIONS = [
    ("/en/news/", "news", "News"),
    ("/en/members/", "members", "Members"),
    ("/en/assembly/", "assembly", "General Assembly"),
    ("/en/decisions/", "assembly", "Decisions"),
    ("/en/documents/", "documents", "Document register"),
    ("/en/partners/", "partners", "Partner NGOs"),
    ("/en/who-we-are/", "mission", "Who we are"),
]


@pytest.fixture
def sections(host):
    AssemblySessionFactory(number=1)
    PageFactory(organisation=host, slug="who-we-are", title_en="Who we are")


@pytest.mark.parametrize(("url", "art", "title"), SECTIONS)
def test_section_page_opens_with_its_hero(client, sections, url, art, title):
    html = client.get(url).content.decode()
    hero = re.search(
        r'<div class="section-hero section-hero-(\w+)">(.*?<img class="section-hero-art"[^>]*>)',
        html,
        re.S,
    )
    assert hero, "no section hero"
    assert hero[1] == art
    assert f"<h1>{title}</h1>" in hero[2]
    assert (
        f'<img class="section-hero-art" src="/static/img/sections/{art}.svg" alt=""'
        ' width="240" height="160">'
    ) in hero[2]
    assert html.count("<h1") == 1


def test_a_section_hero_carries_its_lead(client, db):
    html = client.get("/en/members/").content.decode()
    assert (
        '<p class="lead">The states that founded the Organisation and the civil-society and'
        " academic bodies that joined it as associate members.</p>"
    ) in html


def test_a_mission_page_title_shown_in_english_is_marked_so_in_its_hero(client, host):
    # The body is in French, the title only in English.
    PageFactory(organisation=host, slug="charter", title_en="Charter", body_fr="<p>La charte.</p>")
    html = client.get("/fr/charter/").content.decode()
    assert '<h1 lang="en" dir="ltr">Charter</h1>' in html


def test_a_members_page_keeps_its_own_title_without_the_mission_hero(client, member_a):
    PageFactory(organisation=member_a, slug="vision", title_en="Vision")
    html = client.get(f"/en/members/{member_a.slug}/vision/").content.decode()
    assert "<h1>Vision</h1>" in html
    assert "section-hero" not in html


def test_home_hero_shows_the_cooperation_illustration(client, db):
    html = client.get("/en/").content.decode()
    assert (
        '<img class="hero-art" src="/static/img/hero-cooperation.svg" alt="" width="480"'
        ' height="360">'
    ) in html


@pytest.mark.parametrize(
    "art",
    ["hero-cooperation", *(f"sections/{name}" for name in sorted({s[1] for s in SECTIONS}))],
)
def test_illustrations_are_light_svg_drawn_without_scripts(art):
    path = Path(finders.find(f"img/{art}.svg"))
    svg = path.read_text()
    assert path.stat().st_size < 4_000
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" viewBox=')
    # Nothing that runs or loads: the picture is drawn by itself.
    assert "<script" not in svg
    assert "http" not in svg.replace("http://www.w3.org/2000/svg", "")


def test_a_mission_page_hero_leads_with_its_summary_marked_english_where_it_stands_in(client, host):
    PageFactory(
        organisation=host,
        slug="purpose",
        title_en="Our purpose",
        title_fr="Notre raison d’être",
        body_fr="<p>L’éducation.</p>",
        meta_description_en="Balanced and inclusive education.",
    )
    english = client.get("/en/purpose/").content.decode()
    assert '<p class="lead">Balanced and inclusive education.</p>' in english
    french = client.get("/fr/purpose/").content.decode()
    assert '<p class="lead" lang="en" dir="ltr">Balanced and inclusive education.</p>' in french
