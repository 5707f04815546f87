"""The NGO conference editions and the liaison committee's composition at any date."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from partnerships.models import LiaisonSeat
from tests.factories import (
    LiaisonSeatFactory,
    NgoConferenceFactory,
    PartnerOrganisationFactory,
)

D = datetime.date


@pytest.fixture
def two_committees(db):
    first = NgoConferenceFactory(number=1, starts_on=D(2022, 12, 1), ends_on=D(2022, 12, 3))
    second = NgoConferenceFactory(number=2, starts_on=D(2024, 12, 1), ends_on=D(2024, 12, 3))
    alpha = PartnerOrganisationFactory(name="Alpha", slug="alpha")
    beta = PartnerOrganisationFactory(name="Beta", slug="beta")
    gamma = PartnerOrganisationFactory(name="Gamma", slug="gamma")
    old = (D(2023, 1, 1), D(2024, 12, 31))
    new = (D(2025, 1, 1), D(2026, 12, 31))
    for conference, (starts, ends), seats in (
        (first, old, [(alpha, "Ana", "chair"), (beta, "Ben", "member")]),
        (
            second,
            new,
            [(gamma, "Gia", "member"), (beta, "Bea", "chair"), (alpha, "Ali", "vice_chair")],
        ),
    ):
        for organisation, name, role in seats:
            LiaisonSeatFactory(
                conference=conference,
                organisation=organisation,
                member_name=name,
                role=role,
                mandate_starts_on=starts,
                mandate_ends_on=ends,
            )
    return first, second


def composition(date):
    return [(seat.member_name, seat.role) for seat in LiaisonSeat.objects.composition_on(date)]


def test_composition_on_a_date_lists_the_seats_in_mandate_chair_first(two_committees):
    assert composition(D(2024, 6, 1)) == [("Ana", "chair"), ("Ben", "member")]
    assert composition(D(2025, 6, 1)) == [
        ("Bea", "chair"),
        ("Ali", "vice_chair"),
        ("Gia", "member"),
    ]


def test_composition_includes_the_first_and_last_day_of_a_mandate(two_committees):
    assert composition(D(2024, 12, 31)) == [("Ana", "chair"), ("Ben", "member")]
    assert composition(D(2025, 1, 1))[0] == ("Bea", "chair")


def test_composition_before_the_first_election_is_empty(two_committees):
    assert composition(D(2022, 12, 31)) == []


def test_a_second_chair_in_the_same_mandate_is_refused(two_committees):
    _first, second = two_committees
    seat = LiaisonSeat(
        conference=second,
        organisation=PartnerOrganisationFactory(name="Delta", slug="delta"),
        member_name="Dan",
        role="chair",
        mandate_starts_on=D(2026, 1, 1),
        mandate_ends_on=D(2026, 12, 31),
    )
    with pytest.raises(ValidationError) as error:
        seat.full_clean()
    assert error.value.message_dict["role"] == [
        "The committee already has a chair during this mandate."
    ]


def test_collective_page_shows_conferences_and_todays_committee(client, two_committees):
    response = client.get("/en/partners/collective/?on=2025-03-01")
    assert response.status_code == 200
    assert [seat.member_name for seat in response.context["seats"]] == ["Bea", "Ali", "Gia"]
    assert [conference.number for conference in response.context["conferences"]] == [2, 1]
    page = response.content.decode()
    assert "Bea" in page and "Ana" not in page


def test_collective_page_on_another_date(client, two_committees):
    response = client.get("/en/partners/collective/?on=2023-05-05")
    assert [seat.member_name for seat in response.context["seats"]] == ["Ana", "Ben"]


@pytest.mark.clock
def test_collective_page_with_a_bad_date_shows_today(client, two_committees):
    response = client.get("/en/partners/collective/?on=tomorrow")
    assert response.status_code == 200
    assert response.context["on"] == timezone.localdate()


@pytest.mark.clock
def test_collective_page_query_count_stays_flat(client, db, django_assert_max_num_queries):
    partners = [
        PartnerOrganisationFactory(name=f"P{number:02d}", slug=f"p{number:02d}")
        for number in range(30)
    ]
    for number in range(1, 6):
        conference = NgoConferenceFactory(number=number)
        conference.participants.set(partners)
    for organisation in partners:
        LiaisonSeatFactory(
            organisation=organisation,
            conference=conference,
            mandate_starts_on=D(2000, 1, 1),
            mandate_ends_on=D(2100, 1, 1),
        )
    with django_assert_max_num_queries(12):
        response = client.get("/en/partners/collective/")
    assert len(response.context["seats"]) == 30
