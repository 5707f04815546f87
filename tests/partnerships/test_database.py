"""The public partner database: who is listed, filters, exports, the partner's page."""

import csv
import datetime
import io
import json
import re

import pytest

from members.models import Organisation
from partnerships.exports import EXPORT_FIELDS
from partnerships.models import CooperationActivity, Status
from tests.factories import (
    ContactFactory,
    CooperationActivityFactory,
    PartnerOrganisationFactory,
    PartnershipFactory,
)

LIST = "/en/partners/"
# The letters emoji flags are written with (🇰🇪 is U+1F1F0 U+1F1EA).
REGIONAL_INDICATORS = re.compile("[\U0001f1e6-\U0001f1ff]")
EXPECTED_EXPORT_FIELDS = [
    "name",
    "slug",
    "status",
    "admitted_on",
    "country",
    "region",
    "geographic_scope",
    "fields",
    "areas",
    "website",
    "url",
]


def partner(name, *, slug=None, status=Status.CONSULTATIVE, **fields):
    organisation = PartnerOrganisationFactory(
        name=name,
        slug=slug or name.lower().replace(" ", "-"),
        region=fields.pop("region", Organisation.Region.AFRICA),
    )
    return PartnershipFactory(organisation=organisation, status=status, **fields)


@pytest.fixture
def catalogue(education, culture, advocacy, capacity_building):
    """Three public partners, and one of each status that is never public."""
    listed = {
        "alpha": partner(
            "Alpha Readers",
            headquarters_country="KE",
            admitted_on=datetime.date(2021, 5, 1),
            fields=[education],
            areas=[advocacy],
        ),
        "beta": partner(
            "Beta Schools",
            status=Status.ASSOCIATE,
            headquarters_country="FR",
            region=Organisation.Region.EUROPE_NORTH_AMERICA,
            admitted_on=datetime.date(2019, 2, 1),
            fields=[education, culture],
            areas=[capacity_building],
        ),
        "gamma": partner(
            "Gamma Arts",
            headquarters_country="KE",
            admitted_on=datetime.date(2023, 7, 1),
            fields=[culture],
            areas=[advocacy, capacity_building],
        ),
    }
    for status in (Status.APPLICANT, Status.SUSPENDED, Status.ENDED):
        hidden = partner(f"Hidden {status}", status=status, fields=[education])
        ContactFactory(organisation=hidden.organisation)
    for partnership in listed.values():
        ContactFactory(organisation=partnership.organisation, email=f"secret@{partnership.pk}.ex")
    return listed


def names(response):
    return [partnership.organisation.name for partnership in response.context["page"]]


def test_database_lists_only_consultative_and_associate_partners(client, catalogue):
    response = client.get(LIST)
    assert response.status_code == 200
    assert names(response) == ["Alpha Readers", "Beta Schools", "Gamma Arts"]


def test_database_draws_each_partners_svg_flag_never_an_emoji_flag(client, catalogue):
    content = client.get(LIST).content.decode()
    assert (
        '<li><img class="flag" src="/static/flags/4x3/ke.svg" width="20" height="15" alt=""'
        ' aria-hidden="true" loading="lazy"> Kenya</li>' in content
    )
    assert (
        '<li><img class="flag" src="/static/flags/4x3/fr.svg" width="20" height="15" alt=""'
        ' aria-hidden="true" loading="lazy"> France</li>' in content
    )
    assert REGIONAL_INDICATORS.findall(content) == []


def test_database_leaves_out_a_partner_whose_organisation_is_not_active(client, catalogue):
    organisation = catalogue["alpha"].organisation
    organisation.status = Organisation.Status.SUSPENDED
    organisation.save()
    assert names(client.get(LIST)) == ["Beta Schools", "Gamma Arts"]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("q=gamma", ["Gamma Arts"]),
        ("status=associate", ["Beta Schools"]),
        ("status=applicant", ["Alpha Readers", "Beta Schools", "Gamma Arts"]),
        ("country=KE", ["Alpha Readers", "Gamma Arts"]),
        ("region=europe_north_america", ["Beta Schools"]),
        ("field=culture", ["Beta Schools", "Gamma Arts"]),
        ("area=advocacy", ["Alpha Readers", "Gamma Arts"]),
        ("year=2023", ["Gamma Arts"]),
        ("field=education&area=capacity-building", ["Beta Schools"]),
        ("country=KE&field=education", ["Alpha Readers"]),
        ("year=1999", []),
    ],
)
def test_database_filters(client, catalogue, query, expected):
    # An invalid choice (status=applicant) is ignored, it never reveals a hidden partner.
    assert names(client.get(f"{LIST}?{query}")) == expected


def test_country_filter_offers_every_country_in_the_visitors_language(client, catalogue):
    page = client.get("/fr/partners/?country=KE").content.decode()

    select = re.search(r'<select name="country" id="id_country">(.*?)</select>', page, re.S)
    options = re.findall(r'<option value="([A-Z]*)"( selected)?>([^<]*)</option>', select.group(1))
    assert options[0] == ("", "", "Tous les pays")
    assert ("KE", " selected", "Kenya") in options
    assert ("DE", "", "Allemagne") in options
    assert len(options) > 240
    assert [selected for _code, selected, _name in options].count(" selected") == 1


def test_database_name_search_finds_the_translated_name(client, catalogue):
    organisation = catalogue["alpha"].organisation
    organisation.name_fr = "Lecteurs Alpha"
    organisation.save()
    assert names(client.get("/fr/partners/?q=Lecteurs")) == ["Lecteurs Alpha"]


def test_csv_export_has_the_public_columns_and_the_filtered_rows(client, catalogue):
    response = client.get(f"{LIST}?country=KE&format=csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="oec-partners-')
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == EXPECTED_EXPORT_FIELDS
    assert [row[0] for row in rows[1:]] == ["Alpha Readers", "Gamma Arts"]
    alpha = dict(zip(rows[0], rows[1], strict=True))
    assert alpha == {
        "name": "Alpha Readers",
        "slug": "alpha-readers",
        "status": "consultative",
        "admitted_on": "2021-05-01",
        "country": "KE",
        "region": "africa",
        "geographic_scope": "international",
        "fields": "education",
        "areas": "advocacy",
        "website": "https://ngo.example",
        "url": "http://127.0.0.1:8000/en/partners/alpha-readers/",
    }
    assert "@" not in response.content.decode().replace("https://", "")


def test_json_export_has_exactly_the_public_keys_and_the_same_selection(client, catalogue):
    response = client.get(f"{LIST}?field=culture&format=json")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    body = json.loads(response.content)
    assert set(body) == {"language", "partners"}
    assert [row["name"] for row in body["partners"]] == ["Beta Schools", "Gamma Arts"]
    for row in body["partners"]:
        assert list(row) == EXPECTED_EXPORT_FIELDS
    assert body["partners"][0]["fields"] == ["education", "culture"]
    assert "secret@" not in response.content.decode()


def test_export_fields_are_exactly_the_public_ones():
    assert EXPORT_FIELDS == EXPECTED_EXPORT_FIELDS


def test_exports_ignore_pagination_and_list_every_matching_partner(client, db):
    for number in range(30):
        partner(f"Partner {number:02d}")
    rows = list(csv.reader(io.StringIO(client.get(f"{LIST}?page=2&format=csv").content.decode())))
    assert len(rows) == 31
    assert len(client.get(f"{LIST}?page=2").context["page"]) == 5


def test_database_list_query_count_stays_flat_with_many_partners(
    client, django_assert_max_num_queries, education, advocacy
):
    for number in range(60):
        partnership = partner(f"Partner {number:02d}", fields=[education], areas=[advocacy])
        if number % 2:  # half of them show a logo, the others a designed cover
            Organisation.objects.filter(pk=partnership.organisation_id).update(
                logo=f"organisations/logos/{number}.png"
            )
    # Measured: 5 for the page (3 of them the base layout's), 3 for an export.
    with django_assert_max_num_queries(8):
        response = client.get(LIST)
    assert len(response.context["page"]) == 25
    content = response.content.decode()
    assert content.count("emblem-logo") == 12
    assert content.count("emblem-cover") == 13
    with django_assert_max_num_queries(5):
        response = client.get(f"{LIST}?format=csv")
    assert response.content.decode().count("\n") == 61
    with django_assert_max_num_queries(5):
        client.get(f"{LIST}?format=json")


def test_partner_page_shows_profile_and_only_approved_activities(client, catalogue):
    alpha = catalogue["alpha"]
    CooperationActivityFactory(organisation=alpha.organisation, title_en="Approved clubs")
    for status in ("draft", "submitted", "rejected"):
        CooperationActivityFactory(
            organisation=alpha.organisation, title_en=f"Hidden {status}", status=status
        )
    response = client.get("/en/partners/alpha-readers/")
    assert response.status_code == 200
    assert [activity.title for activity in response.context["activities"]] == ["Approved clubs"]
    page = response.content.decode()
    assert "Works for literacy." in page
    assert "Hidden" not in page
    assert "secret@" not in page


@pytest.mark.parametrize("status", [Status.APPLICANT, Status.SUSPENDED, Status.ENDED])
def test_partner_page_of_a_non_public_partnership_is_not_found(client, catalogue, status):
    response = client.get(f"/en/partners/hidden-{status}/")
    assert response.status_code == 404


def test_partner_page_of_a_member_state_is_not_found(client, member_a):
    assert client.get("/en/partners/member-a/").status_code == 404


def test_approved_activity_of_a_hidden_partner_is_not_public(catalogue):
    hidden = Organisation.objects.get(slug="hidden-suspended")
    CooperationActivityFactory(organisation=hidden)
    assert CooperationActivity.objects.public().count() == 0


def test_csv_export_neutralises_spreadsheet_formulas(client, db):
    partner("=HYPERLINK(1)", slug="formula")
    rows = list(csv.reader(io.StringIO(client.get(f"{LIST}?format=csv").content.decode())))
    assert rows[1][0] == "'=HYPERLINK(1)"


def test_database_in_arabic_lists_each_partners_facts_without_a_latin_comma(client, catalogue):
    content = client.get("/ar/partners/").content.decode()
    cards = re.search(r'<ul class="card-list org-cards">(.*?)\n</ul>', content, re.S).group(1)
    # Status, country and year are items of a list, never joined by ", " (Arabic writes "،").
    assert "," not in cards
    assert (
        '<li><img class="flag" src="/static/flags/4x3/ke.svg" width="20" height="15" alt=""'
        ' aria-hidden="true" loading="lazy"> كينيا</li>' in cards
    )
    assert "<li>شريك منذ عام 2021</li>" in cards


def test_database_shows_each_partner_as_a_card_with_its_emblem(client, catalogue):
    Organisation.objects.filter(slug="beta-schools").update(logo="organisations/logos/beta.png")
    content = client.get(LIST).content.decode()
    assert (
        '<img class="emblem emblem-small emblem-logo" src="/media/organisations/logos/beta.png"'
        ' width="64" height="64" alt="" loading="lazy">' in content
    )
    # Alpha Readers has no logo: its cover shows its initials.
    assert re.search(r'<svg class="emblem emblem-small emblem-cover [^>]*>.*?>AR</text>', content)
    assert '<h3 class="org-card-name"><a href="/en/partners/alpha-readers/">' in content
    assert '<span class="status status-associate">Associate status</span>' in content
    assert "<li>Partner since 2019</li>" in content


def test_partner_page_in_arabic_lists_fields_and_areas_without_a_latin_comma(client, catalogue):
    content = client.get("/ar/partners/beta-schools/").content.decode()
    facts = re.search(r'<dl class="partner-facts">(.*?)</dl>', content, re.S).group(1)
    assert "," not in facts
    assert facts.count('<ul class="org-tags">') == 2


def test_the_partner_database_shows_an_edit_of_a_partner_and_of_its_fields(
    client, education, culture
):
    partnership = PartnershipFactory(fields=[education])
    client.get("/en/partners/")  # its card is drawn and kept

    partnership.organisation.name = partnership.organisation.name_en = "Renamed for the test"
    partnership.organisation.save()
    assert "Renamed for the test" in client.get("/en/partners/").content.decode()

    education.name = education.name_en = "Schooling"
    education.save()
    assert "<li>Schooling</li>" in client.get("/en/partners/").content.decode()


def test_each_card_names_its_fields_of_competence_in_the_terms_order(client, catalogue):
    content = client.get(LIST).content.decode()
    tags = {}
    for card in content.split('<li class="org-card">')[1:]:
        name = re.search(r'class="org-card-name"><a href="[^"]*">([^<]*)</a>', card).group(1)
        listed = re.search(r'<ul class="org-tags"[^>]*>(.*?)</ul>', card)
        tags[name] = re.findall(r"<li>([^<]*)</li>", listed.group(1))
    assert tags == {
        "Alpha Readers": ["Education"],
        "Beta Schools": ["Education", "Culture"],
        "Gamma Arts": ["Culture"],
    }


def test_a_card_without_fields_of_competence_has_no_list_of_them(client, db):
    partner("Delta Without Fields")
    content = client.get(LIST).content.decode()
    assert "Delta Without Fields" in content
    assert 'class="org-tags"' not in content


def test_a_page_past_the_end_shows_the_last_page_with_the_count(client, db):
    for number in range(30):
        partner(f"Partner {number:02d}")
    for asked in ("9", "0", "-1"):
        page = client.get(f"{LIST}?page={asked}").context["page"]
        assert (page.number, len(page), page.paginator.count) == (2, 5, 30)
    page = client.get(f"{LIST}?page=two").context["page"]
    assert (page.number, len(page), page.paginator.count) == (1, 25, 30)
