"""The translation overview: every item × fr/es/ar as complete, missing or outdated."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from oec_portal.translations.overview import translation_overview
from tests.factories import (
    AgendaItemFactory,
    ArticleFactory,
    AssemblySessionFactory,
    BulletinFactory,
    DecisionFactory,
    DocumentFactory,
    PageFactory,
    PartnershipFactory,
)

pytestmark = pytest.mark.django_db


def states(type_key="mission-page"):
    rows = translation_overview(type_key=type_key).rows
    return {(row.name, row.language): row.state for row in rows}


def test_overview_states_of_a_page_translated_into_french_only(mission_page):
    assert states() == {
        ("Our mission", "fr"): "complete",
        ("Our mission", "es"): "missing",
        ("Our mission", "ar"): "missing",
    }


def test_overview_page_translated_partly_is_missing(mission_page):
    mission_page.title_es = "Nuestra misión"
    mission_page.save()

    row = translation_overview(type_key="mission-page", language="es").rows[0]

    assert (row.state, row.field_states) == ("missing", {"title": "complete", "body": "missing"})


def test_overview_translation_turns_outdated_when_the_source_changes(mission_page):
    mission_page.body_en = "<p>We support balanced and inclusive education.</p>"
    mission_page.save()

    row = translation_overview(type_key="mission-page", language="fr").rows[0]

    assert (row.state, row.field_states) == ("outdated", {"title": "complete", "body": "outdated"})


def test_overview_source_changed_back_makes_the_translation_complete_again(mission_page):
    original = mission_page.body_en
    mission_page.body_en = "<p>Something else.</p>"
    mission_page.save()
    mission_page.body_en = original
    mission_page.save()

    assert states()[("Our mission", "fr")] == "complete"


def test_overview_translation_edited_after_the_source_change_is_complete(mission_page):
    mission_page.body_en = "<p>We support inclusive education.</p>"
    mission_page.save()
    # A new French text saved anywhere (the back office here) is a translation of today's source.
    mission_page.body_fr = "<p>Nous soutenons une éducation inclusive.</p>"
    mission_page.save(update_fields=["body_fr"])

    assert states()[("Our mission", "fr")] == "complete"


def test_overview_lists_every_kind_of_item(host, member_a, english):
    PageFactory(organisation=host, title_en="Charter")
    PageFactory(organisation=member_a, title_en="Our journey")
    ArticleFactory(organisation=host, title_en="A new school year")
    session = AssemblySessionFactory(number=4, venue_en="Djibouti")
    AgendaItemFactory(session=session, title_en="Budget")
    DocumentFactory(session=session, title_en="Report of the Secretary-General")
    DecisionFactory(session=session, title_en="On the budget", text_en="The Assembly adopts.")
    PartnershipFactory(description_en="An NGO for rural schools.")
    BulletinFactory(introduction_en="<p>Welcome.</p>")

    rows = translation_overview(language="fr").rows

    assert sorted({row.item_type.key for row in rows}) == [
        "agenda-item",
        "bulletin",
        "decision",
        "document",
        "microsite-page",
        "mission-page",
        "news",
        "partner-profile",
        "session",
    ]
    # The article factory writes French too; nothing else is translated.
    assert {row.item_type.key for row in rows if row.state != "missing"} == {"news"}


def test_overview_filters_by_kind_language_and_state_with_counts(mission_page, host, english):
    PageFactory(organisation=host, title_en="Charter", body_en="<p>Text.</p>")

    overview = translation_overview(type_key="mission-page", language="fr", state="complete")

    assert [(row.name, row.language) for row in overview.rows] == [("Our mission", "fr")]
    assert overview.counts == {"missing": 1, "outdated": 0, "complete": 1}


def test_overview_item_without_any_source_text_is_not_listed(host, english):
    PageFactory(organisation=host, title_en="", body_en="")

    assert translation_overview(type_key="mission-page").rows == []


def _make_items(host, member_a, n):
    session = AssemblySessionFactory()
    for _i in range(n):
        PageFactory(organisation=host)
        PageFactory(organisation=member_a)
        ArticleFactory(organisation=host)
        AgendaItemFactory(session=session)
        DocumentFactory(session=session)
        DecisionFactory(session=session)
        PartnershipFactory()


def _queries_of_the_overview_page(client):
    # A first request fills the caches that writes emptied (signed-in user, menus).
    client.get(reverse("translations:overview"))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("translations:overview"))
    assert response.status_code == 200
    return len(queries)


def test_overview_page_query_count_stays_the_same_with_more_items(
    staff_client, host, member_a, english
):
    _make_items(host, member_a, 2)
    few = _queries_of_the_overview_page(staff_client)
    _make_items(host, member_a, 8)

    many = _queries_of_the_overview_page(staff_client)

    assert (few, many) == (few, few)
    assert few <= 20


def test_overview_page_shows_counts_and_links_to_the_editor(staff_client, mission_page):
    response = staff_client.get(reverse("translations:overview"), {"language": "fr"})

    content = response.content.decode()
    assert response.context["page"].paginator.count == 1
    assert '<strong id="count-complete">1</strong>' in content
    assert reverse("translations:edit", args=["mission-page", mission_page.pk, "fr"]) in content


def test_overview_page_ignores_an_unknown_filter_value(staff_client, mission_page):
    response = staff_client.get(reverse("translations:overview"), {"state": "bogus"})

    assert response.status_code == 200
    assert response.context["page"].paginator.count == 3


def test_overview_is_paginated(staff_client, host, english):
    for n in range(20):
        PageFactory(organisation=host, title_en=f"Page {n}")

    first = staff_client.get(reverse("translations:overview"))
    second = staff_client.get(reverse("translations:overview"), {"page": 2})

    assert first.context["page"].paginator.count == 60
    assert len(first.context["page"].object_list) == 50
    assert len(second.context["page"].object_list) == 10
