"""pages.demo: the body's mission pages and the school-cooperation member's pages, idempotent."""

import re

import pytest
from django.core.management import call_command

from pages.menus import host_menu
from pages.models import Page

FOOTER_PAGES = ("privacy", "legal-notice", "accessibility")


def _seed():
    call_command("seed_demo", stdout=open("/dev/null", "w"))


def _snapshot():
    return sorted(
        Page.objects.values_list(
            "organisation__slug", "slug", "parent__slug", "status", "title_en", "body_fr"
        )
    )


@pytest.mark.usefixtures("demo")
class TestTheDemoSite:
    """The demo site, seeded once for these tests (tests/conftest.py's demo_site)."""

    def test_seed_demo_twice_gives_the_same_pages(self):
        first = _snapshot()
        _seed()
        assert _snapshot() == first

    def test_seed_demo_creates_the_mission_pages_in_english_and_french(self, client):
        host_pages = Page.objects.filter(organisation__slug="oec").published()
        assert sorted(host_pages.values_list("slug", "parent__slug")) == [
            ("about", None),
            ("accessibility", None),
            ("governance", "about"),
            ("how-we-cooperate", "about"),
            ("legal-notice", None),
            ("privacy", None),
            ("purpose", "about"),
            ("strategic-plan", "about"),
        ]
        assert all(page.available_languages()[:2] == ["en", "fr"] for page in host_pages)
        about = client.get("/fr/about/").content.decode()
        assert "29 janvier 2020" in about and "Djibouti" in about

    def test_seed_demo_publishes_the_footer_pages_in_four_languages_outside_the_menu(self):
        pages = Page.objects.of_host().published().filter(slug__in=FOOTER_PAGES)
        assert sorted(pages.values_list("slug", flat=True)) == sorted(FOOTER_PAGES)
        for page in pages:
            assert page.available_languages() == ["en", "fr", "es", "ar"]
            assert all(
                getattr(page, f"meta_description_{code}") for code in ("en", "fr", "es", "ar")
            )
            assert not page.show_in_menu
        assert not {entry["slug"] for entry in host_menu("en")} & set(FOOTER_PAGES)

    @pytest.mark.parametrize(
        "code, privacy, legal_notice, accessibility",
        [
            ("en", "Privacy notice", "Legal notice", "Accessibility statement"),
            ("fr", "Protection des données personnelles", "Mentions légales", "Déclaration"),
            ("es", "Aviso de privacidad", "Aviso legal", "Declaración de accesibilidad"),
            ("ar", "إشعار الخصوصية", "الإشعار القانوني", "بيان إمكانية الوصول"),
        ],
    )
    def test_the_demo_footer_links_the_three_pages_in_every_language(
        self, client, code, privacy, legal_notice, accessibility
    ):
        html = client.get(f"/{code}/").content.decode()
        footer = html.split('<footer class="site-footer">', 1)[1]
        titles = dict(zip(FOOTER_PAGES, (privacy, legal_notice, accessibility), strict=True))
        for slug, title in titles.items():
            url = f"/{code}/{slug}/"
            assert f'<a href="{url}">' in footer
            response = client.get(url)
            assert response.status_code == 200
            assert title in response.content.decode()

    def test_seed_demo_gives_the_school_cooperation_member_all_its_sections(self, client):
        assert list(
            Page.objects.filter(organisation__slug="occe").in_order().values_list("slug", flat=True)
        ) == [
            "journey",
            "vision",
            "values",
            "what-we-do",
            "impact",
            "why-we-exist",
            "looking-ahead",
        ]
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
