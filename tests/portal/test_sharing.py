"""A link to any page, shared on a social network or in a message, shows a card: the page's
title, description, address and picture (its own, or the portal's card), in its language."""

import re
from html import unescape

from django.contrib.staticfiles import finders
from PIL import Image

from tests.factories import ArticleFactory, DocumentFactory, PageFactory

CARD = "http://testserver/static/img/share-card.png"


def meta(html):
    """{property or name: [content, ...]} of the page's OpenGraph and Twitter tags."""
    found = {}
    for key, content in re.findall(
        r'<meta (?:property|name)="((?:og|twitter):[\w:]+)" content="([^"]*)">', html
    ):
        found.setdefault(key, []).append(unescape(content))
    return found


def test_a_page_without_a_picture_shows_the_portals_card(client, db):
    tags = meta(client.get("/en/members/").content.decode())
    assert tags["og:image"] == [CARD]
    assert tags["og:image:width"] == ["1200"] and tags["og:image:height"] == ["630"]
    assert tags["og:image:alt"] == ["Organisation of Educational Cooperation"]
    assert tags["og:url"] == ["http://testserver/en/members/"]
    assert tags["og:type"] == ["website"]
    assert tags["og:locale"] == ["en_GB"]
    assert tags["og:locale:alternate"] == ["fr_FR", "es_ES", "ar_AR"]
    assert tags["twitter:card"] == ["summary_large_image"]
    assert tags["twitter:image"] == [CARD]
    assert tags["twitter:title"] == tags["og:title"] == ["Organisation of Educational Cooperation"]


def test_the_home_page_has_one_card_in_the_visitors_language(client, db):
    tags = meta(client.get("/ar/").content.decode())
    assert tags["og:title"] == ["منظمة التعاون التربوي"]
    assert tags["og:url"] == ["http://testserver/ar/"]
    assert tags["og:locale"] == ["ar_AR"]
    assert all(len(values) == 1 for key, values in tags.items() if key != "og:locale:alternate")


def test_the_address_of_a_shared_page_drops_its_query(client, db):
    tags = meta(client.get("/en/news/?utm_source=x").content.decode())
    assert tags["og:url"] == ["http://testserver/en/news/"]


def test_an_article_shows_its_own_picture_title_and_summary(client, member_a):
    article = ArticleFactory(
        organisation=member_a,
        slug="school-fair",
        title_en="A school fair",
        summary_en="Pupils of ten countries.",
        image_large=f"news/{member_a.pk}/fair-large.jpg",
        image_small=f"news/{member_a.pk}/fair-small.jpg",
        image_alt_en="Pupils at their stands",
    )
    tags = meta(client.get("/en/news/school-fair/").content.decode())
    assert tags["og:image"] == [f"http://testserver{article.image_large.url}"]
    assert tags["twitter:image"] == tags["og:image"]
    assert "og:image:width" not in tags
    assert tags["og:image:alt"] == ["Pupils at their stands"]
    assert tags["og:type"] == ["article"]
    assert tags["og:title"] == tags["twitter:title"] == ["A school fair"]
    assert tags["og:description"] == tags["twitter:description"] == ["Pupils of ten countries."]
    assert tags["og:url"] == ["http://testserver/en/news/school-fair/"]


def test_an_article_advertises_only_the_languages_it_is_written_in(client, member_a):
    ArticleFactory(organisation=member_a, slug="bilingual")  # English and French
    tags = meta(client.get("/fr/news/bilingual/").content.decode())
    assert tags["og:locale"] == ["fr_FR"]
    assert tags["og:locale:alternate"] == ["en_GB"]


def test_an_article_without_a_picture_shows_the_portals_card(client, member_a):
    ArticleFactory(organisation=member_a, slug="plain")
    assert meta(client.get("/en/news/plain/").content.decode())["og:image"] == [CARD]


def test_a_microsite_shows_its_organisations_logo(client, member_a):
    member_a.logo = "logos/member-a.png"
    member_a.save(update_fields=["logo"])
    tags = meta(client.get("/en/members/member-a/").content.decode())
    assert tags["og:image"] == [f"http://testserver{member_a.logo.url}"]
    assert tags["og:image:alt"] == ["Logo of Member A"]
    assert tags["og:title"] == ["Member A"]


def test_a_document_card_names_the_document(client, host):
    DocumentFactory(symbol="OEC/GA/1/3", title_en="Proposed budget")
    tags = meta(client.get("/en/documents/OEC-GA-1-3/").content.decode())
    assert tags["og:title"] == ["Proposed budget"]
    assert tags["og:description"] == ["OEC/GA/1/3"]
    assert tags["og:url"] == ["http://testserver/en/documents/OEC-GA-1-3/"]


def test_a_mission_page_keeps_its_card_in_the_one_way(client, host):
    PageFactory(organisation=host, slug="about", title_en="Who we are", title_fr="")
    tags = meta(client.get("/en/about/").content.decode())
    assert tags["og:title"] == ["Who we are"]
    assert tags["og:image"] == [CARD]
    assert "og:locale:alternate" not in tags  # written in English only


def test_an_error_page_has_no_card(client, db):
    assert meta(client.get("/en/news/no-such-article/").content.decode()) == {}


def test_the_portals_card_is_a_small_1200_by_630_png():
    path = finders.find("img/share-card.png")
    with Image.open(path) as picture:
        assert (picture.format, picture.size) == ("PNG", (1200, 630))
    assert open(path, "rb").seek(0, 2) < 100 * 1024
