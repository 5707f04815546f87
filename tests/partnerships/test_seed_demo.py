"""The partnerships demo data: the framework's cases, and the same rows when run twice."""

import datetime

import pytest
from django.core.management import call_command

from partnerships.models import (
    Contact,
    CooperationActivity,
    LiaisonSeat,
    NgoConference,
    Partnership,
    PartnershipStatusChange,
)
from partnerships.services import consultative_days

MODELS = [
    Partnership,
    PartnershipStatusChange,
    Contact,
    CooperationActivity,
    NgoConference,
    LiaisonSeat,
]


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.mark.usefixtures("demo")
class TestTheDemo:
    """The demo site, seeded once for these tests (tests/conftest.py's demo_site)."""

    def test_seed_demo_twice_gives_the_same_partnership_rows(self):
        first = counts()
        call_command("seed_demo", verbosity=0)
        assert counts() == first
        assert first == {
            "Partnership": 4,
            "PartnershipStatusChange": 9,
            "Contact": 5,
            "CooperationActivity": 4,
            "NgoConference": 1,
            "LiaisonSeat": 3,
        }

    def test_seed_demo_has_the_framework_cases(self):
        literacy = Partnership.objects.get(organisation__slug="literacy-trust")
        assert literacy.status == "associate"
        assert consultative_days(literacy, until=datetime.date(2024, 4, 10)) >= 730
        contact = Contact.objects.get(email="partner@literacy-trust.example")
        assert contact.user.email == "partner@literacy-trust.example"
        assert contact.organisation == literacy.organisation
        assert set(Contact.objects.values_list("preferred_language", flat=True)) == {
            "en",
            "fr",
            "es",
            "ar",
        }
        assert set(Partnership.objects.public().values_list("organisation__slug", flat=True)) == {
            "literacy-trust",
            "teachers-without-borders",
            "youth-learning-forum",
            "open-schools-foundation",
        }
        assert CooperationActivity.objects.public().count() == 2
        assert CooperationActivity.objects.exclude(status="approved").count() == 2
        chair = LiaisonSeat.objects.composition_on(datetime.date(2025, 6, 1)).first()
        assert (chair.role, chair.organisation.slug) == ("chair", "literacy-trust")
