"""The partnership lifecycle follows the framework: every decision recorded, rules enforced."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from members.models import Organisation
from partnerships.models import Partnership, PartnershipStatusChange, Status
from partnerships.services import (
    consultative_days,
    partnership_change_status,
    partnership_reapply,
)
from tests.factories import PartnershipFactory, StatusChangeFactory

D = datetime.date


def change(partnership, to_status, decided_on, **extra):
    return partnership_change_status(
        partnership=partnership,
        to_status=to_status,
        decided_on=decided_on,
        deciding_body="Executive Board",
        **extra,
    )


@pytest.fixture
def applicant(partner):
    partner.status = Organisation.Status.PENDING
    partner.save()
    partnership = PartnershipFactory(
        organisation=partner, status=Status.APPLICANT, admitted_on=None, next_review_on=None
    )
    StatusChangeFactory(
        partnership=partnership, from_status="", to_status="applicant", decided_on=D(2024, 1, 5)
    )
    return partnership


def test_admission_makes_an_applicant_consultative_and_records_the_decision(applicant):
    record = change(applicant, Status.CONSULTATIVE, D(2024, 6, 1), decision_reference="EB/5/3")
    applicant.refresh_from_db()
    assert applicant.status == Status.CONSULTATIVE
    assert applicant.admitted_on == D(2024, 6, 1)
    assert applicant.next_review_on == D(2028, 6, 1)
    assert applicant.organisation.status == Organisation.Status.ACTIVE
    assert (record.from_status, record.to_status, record.decision_reference) == (
        "applicant",
        "consultative",
        "EB/5/3",
    )
    assert list(applicant.status_changes.values_list("to_status", flat=True)) == [
        "applicant",
        "consultative",
    ]


def test_applicant_cannot_become_associate_directly(applicant):
    with pytest.raises(ValidationError) as error:
        change(applicant, Status.ASSOCIATE, D(2024, 6, 1))
    assert error.value.code == "transition"
    applicant.refresh_from_db()
    assert applicant.status == Status.APPLICANT
    assert applicant.status_changes.count() == 1


def test_associate_status_before_two_consultative_years_is_refused(partnership):
    # Consultative since 1 March 2022: one day short of two years on 29 February 2024.
    with pytest.raises(ValidationError) as error:
        change(partnership, Status.ASSOCIATE, D(2024, 2, 29))
    assert error.value.code == "too_early_for_associate"
    assert "at least 2 years of consultative status" in error.value.messages[0]
    partnership.refresh_from_db()
    assert partnership.status == Status.CONSULTATIVE
    assert partnership.status_changes.count() == 2


def test_associate_status_after_two_consultative_years_is_granted(partnership):
    change(partnership, Status.ASSOCIATE, D(2024, 3, 1))
    partnership.refresh_from_db()
    assert partnership.status == Status.ASSOCIATE
    assert partnership.status_changes.last().from_status == "consultative"


def test_time_suspended_does_not_count_as_consultative(partnership):
    change(partnership, Status.SUSPENDED, D(2023, 3, 1))
    change(partnership, Status.CONSULTATIVE, D(2024, 3, 1))
    assert consultative_days(partnership, until=D(2025, 2, 28)) == 365 + 364
    with pytest.raises(ValidationError):
        change(partnership, Status.ASSOCIATE, D(2025, 2, 28))
    change(partnership, Status.ASSOCIATE, D(2025, 3, 2))
    partnership.refresh_from_db()
    assert partnership.status == Status.ASSOCIATE


@pytest.mark.parametrize("years, allowed", [(1, True), (3, False)])
def test_associate_minimum_follows_the_setting(settings, partnership, years, allowed):
    settings.OEC_ASSOCIATE_MIN_CONSULTATIVE_YEARS = years
    if allowed:
        change(partnership, Status.ASSOCIATE, D(2024, 3, 1))
    else:
        with pytest.raises(ValidationError):
            change(partnership, Status.ASSOCIATE, D(2024, 3, 1))
    partnership.refresh_from_db()
    assert partnership.status == (Status.ASSOCIATE if allowed else Status.CONSULTATIVE)


@pytest.mark.parametrize("to_status", [Status.CONSULTATIVE, Status.ASSOCIATE, Status.APPLICANT])
def test_ended_partnership_cannot_change_back_without_a_new_application(partnership, to_status):
    change(partnership, Status.ENDED, D(2025, 1, 10))
    with pytest.raises(ValidationError) as error:
        change(partnership, to_status, D(2025, 6, 1))
    assert error.value.code == "ended"
    partnership.refresh_from_db()
    assert partnership.status == Status.ENDED
    assert partnership.organisation.status == Organisation.Status.WITHDRAWN
    assert partnership.next_review_on is None


def test_new_application_reopens_an_ended_partnership_as_applicant(partnership):
    change(partnership, Status.ENDED, D(2025, 1, 10))
    partnership_reapply(partnership=partnership, applied_on=D(2025, 9, 1))
    change(partnership, Status.CONSULTATIVE, D(2026, 1, 15))
    partnership.refresh_from_db()
    assert partnership.status == Status.CONSULTATIVE
    assert partnership.admitted_on == D(2026, 1, 15)
    assert list(partnership.status_changes.values_list("from_status", "to_status")) == [
        ("", "applicant"),
        ("applicant", "consultative"),
        ("consultative", "ended"),
        ("ended", "applicant"),
        ("applicant", "consultative"),
    ]


def test_reapplying_is_only_for_ended_partnerships(partnership):
    with pytest.raises(ValidationError):
        partnership_reapply(partnership=partnership, applied_on=D(2025, 9, 1))
    assert partnership.status_changes.count() == 2


def test_same_status_is_refused(partnership):
    with pytest.raises(ValidationError) as error:
        change(partnership, Status.CONSULTATIVE, D(2025, 1, 1))
    assert error.value.code == "same_status"


def test_decision_dated_before_the_last_one_is_refused(partnership):
    with pytest.raises(ValidationError) as error:
        change(partnership, Status.SUSPENDED, D(2022, 2, 1))
    assert error.value.code == "decided_on"
    assert PartnershipStatusChange.objects.filter(partnership=partnership).count() == 2


def test_refused_decision_date_names_the_last_one_as_the_officer_writes_dates(partnership):
    with translation.override("fr"), pytest.raises(ValidationError) as error:
        change(partnership, Status.SUSPENDED, D(2022, 2, 1))
    assert "(1 mars 2022)" in error.value.message


def test_decision_needs_a_deciding_body(partnership):
    with pytest.raises(ValidationError):
        partnership_change_status(
            partnership=partnership,
            to_status=Status.SUSPENDED,
            decided_on=D(2025, 1, 1),
            deciding_body="  ",
        )
    assert Partnership.objects.get(pk=partnership.pk).status == Status.CONSULTATIVE


def test_suspension_hides_the_partner_and_reinstatement_shows_it_again(partnership):
    change(partnership, Status.SUSPENDED, D(2025, 1, 1))
    assert list(Partnership.objects.public()) == []
    change(partnership, Status.CONSULTATIVE, D(2025, 5, 1))
    assert list(Partnership.objects.public()) == [partnership]
    partnership.refresh_from_db()
    # Reinstatement keeps the admission date and the review date.
    assert (partnership.admitted_on, partnership.next_review_on) == (D(2022, 3, 1), D(2026, 3, 1))
