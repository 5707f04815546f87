"""A document's page describes it as a schema.org DigitalDocument and a decision's page as
Legislation: symbol, date, languages and files (the audited download view, the Akoma Ntoso
expressions), told only to those who may read them."""

import datetime

import pytest

from tests.factories import DecisionFactory, DocumentFactory, DocumentFileFactory
from tests.portal.test_structured_data import LD_JSON, json_ld


@pytest.fixture
def budget(host):
    document = DocumentFactory(
        symbol="OEC/GA/1/5",
        title_en="Budget proposal",
        title_fr="Proposition de budget",
        access="members",
        publication_date=datetime.date(2021, 11, 2),
        organisation=host,
    )
    DocumentFileFactory(document=document, language="en", size=600)
    DocumentFileFactory(
        document=document,
        language="fr",
        size=700,
        original_filename="budget.docx",
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    return document


def test_a_document_is_a_digital_document_with_its_files(client, budget, delegate_a):
    client.force_login(delegate_a)
    [document] = json_ld(client.get("/en/documents/OEC-GA-1-5/"))
    assert document["@type"] == "DigitalDocument"
    assert document["name"] == "Budget proposal"
    assert document["identifier"] == "OEC/GA/1/5"
    assert document["datePublished"] == "2021-11-02"
    assert document["inLanguage"] == ["en", "fr"]
    assert document["conditionsOfAccess"] == "Members"
    assert document["url"] == "http://testserver/en/documents/OEC-GA-1-5/"
    assert document["publisher"]["name"] == "Organisation of Educational Cooperation"
    assert document["associatedMedia"] == [
        {
            "@type": "MediaObject",
            "contentUrl": "http://testserver/en/documents/OEC-GA-1-5/download/en/",
            "encodingFormat": "application/pdf",
            "contentSize": "600 B",
            "inLanguage": "en",
            "name": "report.pdf",
        },
        {
            "@type": "MediaObject",
            "contentUrl": "http://testserver/en/documents/OEC-GA-1-5/download/fr/",
            "encodingFormat": (
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            ),
            "contentSize": "700 B",
            "inLanguage": "fr",
            "name": "budget.docx",
        },
    ]


def test_a_restricted_documents_files_are_told_to_no_one_else(
    client, host, member_a, delegate_a, delegate_b
):
    restricted = DocumentFactory(
        symbol="OEC/GA/1/6", access="restricted", restricted_to=[member_a], organisation=host
    )
    DocumentFileFactory(document=restricted, language="en")
    client.force_login(delegate_b)
    response = client.get("/en/documents/OEC-GA-1-6/")
    assert response.status_code == 404
    assert "download/en/" not in response.content.decode()
    client.force_login(delegate_a)
    [document] = json_ld(client.get("/en/documents/OEC-GA-1-6/"))
    assert [media["inLanguage"] for media in document["associatedMedia"]] == ["en"]
    assert document["conditionsOfAccess"] == "Restricted to some organisations"


def test_a_public_document_has_no_conditions_of_access(client, host):
    DocumentFactory(symbol="OEC/GA/1/7", access="public", organisation=host)
    [document] = json_ld(client.get("/fr/documents/OEC-GA-1-7/"))
    assert "conditionsOfAccess" not in document
    assert document["inLanguage"] == [] and document["associatedMedia"] == []


def test_a_decision_is_legislation_with_its_akoma_ntoso_expressions(client, db):
    DecisionFactory(
        symbol="OEC/GA/1/RES/3",
        title_en="Seat of the Organisation",
        title_fr="Siège de l'Organisation",
        text_fr="Décide.",
        adopted_on=datetime.date(2021, 12, 7),
    )
    [decision] = json_ld(client.get("/fr/decisions/OEC-GA-1-RES-3/"))
    assert decision["@type"] == "Legislation"
    assert decision["name"] == "Siège de l'Organisation"
    assert decision["legislationIdentifier"] == "OEC/GA/1/RES/3"
    assert decision["legislationType"] == "Résolution"
    assert decision["legislationDate"] == "2021-12-07"
    assert decision["legislationPassedBy"] == {
        "@type": "Organization",
        "name": "Assemblée générale",
    }
    assert decision["inLanguage"] == ["en", "fr"]
    assert decision["url"] == "http://testserver/fr/decisions/OEC-GA-1-RES-3/"
    assert decision["encoding"] == [
        {
            "@type": "LegislationObject",
            "contentUrl": f"http://testserver/fr/decisions/OEC-GA-1-RES-3/akn/{language}.xml",
            "encodingFormat": "application/akn+xml",
            "inLanguage": language,
        }
        for language in ("en", "fr")
    ]


def test_a_members_only_decision_has_no_json_ld_for_a_visitor(client, db):
    DecisionFactory(symbol="OEC/GA/1/DEC/4", title_en="Internal matter", is_public=False)
    response = client.get("/en/decisions/OEC-GA-1-DEC-4/")
    assert response.status_code == 404
    assert "Internal matter" not in response.content.decode()


def test_a_document_title_cannot_close_the_json_ld_element(client, host):
    title = '</script><script>alert("x")</script> & <b>'
    DocumentFactory(symbol="OEC/GA/1/8", access="public", title_en=title, organisation=host)
    response = client.get("/en/documents/OEC-GA-1-8/")
    [document] = json_ld(response)
    assert document["name"] == title
    element = LD_JSON.search(response.content.decode()).group(1)
    assert "<" not in element and ">" not in element and "&" not in element
