"""hreflang alternates: a page showing one translated row advertises only the languages that
row is written in (modeltranslation shows English elsewhere); lists advertise all four."""

import re

from django.urls import reverse

from members.content_languages import languages_with_text
from tests.factories import (
    ArticleFactory,
    AssemblySessionFactory,
    DecisionFactory,
    OrganisationFactory,
    PageFactory,
    PartnerOrganisationFactory,
    PartnershipFactory,
)

ALTERNATE = re.compile(r'<link rel="alternate" hreflang="(\w+)" href="([^"]+)">')


def alternates(client, url):
    return ALTERNATE.findall(client.get(url).content.decode())


def test_article_in_english_and_french_advertises_those_two(client, db):
    ArticleFactory(slug="founding", title_en="Founded", title_fr="Fondée")
    assert alternates(client, "/es/news/founding/") == [
        ("en", "http://testserver/en/news/founding/"),
        ("fr", "http://testserver/fr/news/founding/"),
    ]


def test_language_switcher_still_offers_every_language(client, db):
    ArticleFactory(slug="founding")
    html = client.get("/en/news/founding/").content.decode()
    for code in ("en", "fr", "es", "ar"):
        assert f'<a href="/{code}/news/founding/" hreflang="{code}" lang="{code}"' in html


def test_article_with_a_spanish_title_but_no_spanish_body_is_not_spanish(client, db):
    ArticleFactory(slug="half", title_es="Medio", body_fr="", title_fr="")
    assert [code for code, _url in alternates(client, "/en/news/half/")] == ["en"]


def test_decision_advertises_its_arabic_text_only_with_title_and_text(client, db):
    DecisionFactory(symbol="OEC/GA/1/DEC/3", title_ar="قرار", text_ar="تقرر الجمعية العامة.")
    DecisionFactory(symbol="OEC/GA/1/DEC/4", title_ar="قرار")
    assert [c for c, _ in alternates(client, "/en/decisions/OEC-GA-1-DEC-3/")] == ["en", "ar"]
    assert [c for c, _ in alternates(client, "/en/decisions/OEC-GA-1-DEC-4/")] == ["en"]


def test_microsite_advertises_the_languages_of_its_name_and_summary(client, db):
    OrganisationFactory(
        slug="occe", name_en="OCCE", name_fr="OCCE", summary_en="Schools.", summary_fr="Écoles."
    )
    assert [c for c, _ in alternates(client, "/en/members/occe/")] == ["en", "fr"]


def test_mission_page_in_english_only_advertises_english(client, host):
    PageFactory(organisation=host, slug="charter", title_en="Charter", body_en="<p>Text</p>")
    assert alternates(client, "/fr/charter/") == [("en", "http://testserver/en/charter/")]


def test_assembly_session_advertises_the_languages_of_its_description_and_venue(client, db):
    AssemblySessionFactory(
        number=1,
        venue_en="Geneva",
        venue_fr="Genève",
        venue_es="Ginebra",
        description_en="The founding session.",
        description_fr="La session fondatrice.",
        description_ar="الدورة التأسيسية.",  # without an Arabic venue: not a page in Arabic
    )
    assert alternates(client, "/ar/assembly/1/") == [
        ("en", "http://testserver/en/assembly/1/"),
        ("fr", "http://testserver/fr/assembly/1/"),
    ]


def test_assembly_session_without_a_description_goes_by_its_venue(client, db):
    AssemblySessionFactory(number=2, venue_en="Geneva", venue_es="Ginebra", description_en="")
    assert [code for code, _url in alternates(client, "/en/assembly/2/")] == ["en", "es"]


def test_partner_profile_advertises_the_languages_of_its_description(client, db):
    organisation = PartnerOrganisationFactory(slug="literacy-ngo")
    PartnershipFactory(
        organisation=organisation,
        description_en="Works for literacy.",
        description_es="Trabaja por la alfabetización.",
        description_ar="تعمل من أجل محو الأمية.",
    )
    assert alternates(client, "/fr/partners/literacy-ngo/") == [
        ("en", "http://testserver/en/partners/literacy-ngo/"),
        ("es", "http://testserver/es/partners/literacy-ngo/"),
        ("ar", "http://testserver/ar/partners/literacy-ngo/"),
    ]


def test_lists_and_home_advertise_all_four_languages(client, db):
    ArticleFactory(slug="only-english", title_fr="", body_fr="")
    AssemblySessionFactory(number=1)
    for url in ("/en/", reverse("news:list"), "/ar/members/", "/en/assembly/", "/en/partners/"):
        assert [code for code, _url in alternates(client, url)] == ["en", "fr", "es", "ar"]


def test_languages_with_text_ignores_fields_empty_in_english_too(db):
    article = ArticleFactory.build(
        title_en="T", title_es="T", body_en="", body_es="", title_fr="", title_ar=""
    )
    assert languages_with_text(article, "title", "body") == ["en", "es"]
