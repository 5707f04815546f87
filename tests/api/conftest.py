import datetime

import pytest

from members.models import Organisation
from partnerships.models import FieldOfCompetence, FunctionalArea, Status
from tests.factories import (
    ArticleFactory,
    AssemblySessionFactory,
    AssociateMemberFactory,
    ContactFactory,
    DecisionFactory,
    DocumentFactory,
    OrganisationFactory,
    PartnerOrganisationFactory,
    PartnershipFactory,
    VoteFactory,
)


@pytest.fixture(autouse=True)
def _reference_terms_in_english(reference_terms, english):
    """Every test here reads partnerships' reference terms and makes its rows in English."""


@pytest.fixture
def open_data(host):
    """Public and non-public members and partners, so that every listing has something to hide."""
    education = FieldOfCompetence.objects.get(code="education")
    culture = FieldOfCompetence.objects.get(code="culture")
    advocacy = FunctionalArea.objects.get(code="advocacy")
    OrganisationFactory(
        name="Djibouti", slug="djibouti", country="DJ", joined_on=datetime.date(2020, 1, 29)
    )
    OrganisationFactory(
        name="Ecuador", slug="ecuador", country="EC", region="latin_america_caribbean"
    )
    OrganisationFactory(
        name="Pending State", slug="pending-state", status=Organisation.Status.PENDING
    )
    AssociateMemberFactory(name="School Cooperatives", slug="occe", region="")
    public = [
        PartnershipFactory(
            organisation=PartnerOrganisationFactory(
                name="Alpha Readers", slug="alpha", region="africa"
            ),
            headquarters_country="KE",
            admitted_on=datetime.date(2021, 5, 1),
            fields=[education],
            areas=[advocacy],
        ),
        PartnershipFactory(
            organisation=PartnerOrganisationFactory(name="Beta Arts", slug="beta"),
            status=Status.ASSOCIATE,
            admitted_on=datetime.date(2019, 2, 1),
            fields=[culture],
        ),
    ]
    for status in (Status.APPLICANT, Status.SUSPENDED, Status.ENDED):
        hidden = PartnershipFactory(
            organisation=PartnerOrganisationFactory(
                name=f"Hidden {status}", slug=f"hidden-{status}"
            ),
            status=status,
        )
        ContactFactory(organisation=hidden.organisation)
    for partnership in public:
        ContactFactory(organisation=partnership.organisation, email=f"private@{partnership.pk}.ex")
    djibouti = Organisation.objects.get(slug="djibouti")
    ArticleFactory(organisation=djibouti, slug="first-assembly", title_en="First assembly")
    ArticleFactory(organisation=djibouti, slug="draft-news", status="draft")
    session = AssemblySessionFactory(number=1)
    DocumentFactory(organisation=host, session=session, symbol="OEC/GA/1/1", access="public")
    DocumentFactory(organisation=host, session=session, symbol="OEC/GA/1/2", access="members")
    DocumentFactory(
        organisation=host,
        session=session,
        symbol="OEC/GA/1/3",
        access="restricted",
        restricted_to=[djibouti],
    )
    public_decision = DecisionFactory(session=session, symbol="OEC/GA/1/DEC/1", is_public=True)
    DecisionFactory(session=session, symbol="OEC/GA/1/DEC/2", is_public=False)
    by_vote = {"adoption_method": "vote", "votes_yes": 1, "votes_no": 1, "votes_abstain": 0}
    voted = DecisionFactory(session=session, symbol="OEC/GA/1/RES/1", is_public=True, **by_vote)
    hidden = DecisionFactory(session=session, symbol="OEC/GA/1/RES/2", is_public=False, **by_vote)
    ecuador = Organisation.objects.get(slug="ecuador")
    VoteFactory(decision=voted, organisation=djibouti, choice="yes")
    VoteFactory(decision=voted, organisation=ecuador, choice="no")
    VoteFactory(decision=hidden, organisation=djibouti, choice="yes")
    assert public_decision.adoption_method == "consensus"
    return public
