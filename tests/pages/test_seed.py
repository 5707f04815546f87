"""pages.demo: the body's mission pages and the school-cooperation member's pages, idempotent."""

import re

from django.core.management import call_command

from pages.models import Page


def _seed():
    call_command("seed_demo", stdout=open("/dev/null", "w"))


def _snapshot():
    return sorted(
        Page.objects.values_list(
            "organisation__slug", "slug", "parent__slug", "status", "title_en", "body_fr"
        )
    )


def test_seed_demo_twice_gives_the_same_pages(db):
    _seed()
    first = _snapshot()
    _seed()
    assert _snapshot() == first


def test_seed_demo_creates_the_mission_pages_in_english_and_french(client, db):
    _seed()
    host_pages = Page.objects.filter(organisation__slug="oec").published()
    assert sorted(host_pages.values_list("slug", "parent__slug")) == [
        ("about", None),
        ("governance", "about"),
        ("how-we-cooperate", "about"),
        ("purpose", "about"),
        ("strategic-plan", "about"),
    ]
    assert all(page.available_languages()[:2] == ["en", "fr"] for page in host_pages)
    about = client.get("/fr/about/").content.decode()
    assert "29 janvier 2020" in about and "Djibouti" in about


def test_seed_demo_gives_the_school_cooperation_member_all_its_sections(client, db):
    _seed()
    assert list(
        Page.objects.filter(organisation__slug="occe").in_order().values_list("slug", flat=True)
    ) == ["journey", "vision", "values", "what-we-do", "impact", "why-we-exist", "looking-ahead"]
    vision = Page.objects.get(organisation__slug="occe", slug="vision")
    assert vision.body_en.count("<li>") == 4 and "<ul>" in vision.body_en
    values = Page.objects.get(organisation__slug="occe", slug="values")
    assert re.findall(r"<li><strong>([^<]+)</strong> — ", values.body_en) == [
        "Cooperation",
        "Responsibility",
        "Solidarity",
        "Democracy",
        "Active citizenship",
        "Learning together",
    ]
    assert "<ol>" in values.body_fr
    assert client.get("/fr/members/occe/values/").status_code == 200
