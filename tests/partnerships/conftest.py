import datetime

import pytest

from members.models import Role
from partnerships.models import FieldOfCompetence, FunctionalArea
from tests.factories import PartnershipFactory, StatusChangeFactory, user_with_role


@pytest.fixture(autouse=True)
def _reference_terms_in_english(reference_terms, english):
    """Every test here reads partnerships' reference terms and makes its rows in English."""


@pytest.fixture
def partnership(partner):
    """The `partner` fixture's organisation as a consultative partner since 1 March 2022."""
    partnership = PartnershipFactory(organisation=partner, description_en="Reading for all.")
    StatusChangeFactory(
        partnership=partnership,
        from_status="",
        to_status="applicant",
        decided_on=datetime.date(2021, 9, 1),
    )
    StatusChangeFactory(partnership=partnership, decided_on=datetime.date(2022, 3, 1))
    return partnership


@pytest.fixture
def partnerships_officer(host):
    return user_with_role(host, Role.PARTNERSHIPS, email="partnerships@oec.example")


@pytest.fixture
def education(db):
    return FieldOfCompetence.objects.get(code="education")


@pytest.fixture
def culture(db):
    return FieldOfCompetence.objects.get(code="culture")


@pytest.fixture
def advocacy(db):
    return FunctionalArea.objects.get(code="advocacy")


@pytest.fixture
def capacity_building(db):
    return FunctionalArea.objects.get(code="capacity-building")
