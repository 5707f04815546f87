"""The back office's region follows the organisation's country (Organisation.Region.for_country),
as the public application's does: derived when left empty, refused when it contradicts it."""

import pytest
from django.urls import reverse
from django.utils import translation

from members.admin import OrganisationAdminForm
from members.models import Organisation
from tests.factories import OrganisationFactory


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def form_data(**overrides):
    data = {
        "kind": "founding_state",
        "name": "Ecuador",
        "name_en": "Ecuador",
        "slug": "ecuador",
        "country": "EC",
        "region": "",
        "status": "active",
    }
    data.update(overrides)
    return data


def test_region_left_empty_follows_the_country(db):
    form = OrganisationAdminForm(data=form_data())
    assert form.is_valid(), form.errors
    assert form.save().region == "latin_america_caribbean"


def test_region_that_contradicts_the_country_is_refused(db):
    form = OrganisationAdminForm(data=form_data(region="africa"))
    assert not form.is_valid()
    assert form.errors["region"] == [
        "Ecuador is in the region “Latin America and the Caribbean”: choose that region or "
        "leave the field empty."
    ]


def test_region_that_matches_the_country_is_kept(db):
    form = OrganisationAdminForm(data=form_data(region="latin_america_caribbean"))
    assert form.is_valid(), form.errors
    assert form.save().region == "latin_america_caribbean"


def test_organisation_without_a_country_keeps_the_region_chosen_by_hand(db):
    form = OrganisationAdminForm(data=form_data(country="", region="africa"))
    assert form.is_valid(), form.errors
    assert form.save().region == "africa"


def test_country_of_no_region_leaves_the_region_to_the_officer(db):
    form = OrganisationAdminForm(data=form_data(country="AQ", region="asia_pacific"))
    assert form.is_valid(), form.errors
    assert form.save().region == "asia_pacific"


def test_officer_changing_the_country_in_the_admin_gets_the_new_region(
    client, secretariat_admin, with_totp
):
    state = OrganisationFactory(name="Oman", slug="oman", country="OM", region="arab_states")
    with_totp(secretariat_admin)
    client.force_login(secretariat_admin)
    url = reverse("admin:members_organisation_change", args=[state.pk])
    data = {
        **form_data(name="Oman", name_en="Oman", slug="oman", country="SN", region=""),
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "team_members-TOTAL_FORMS": "0",
        "team_members-INITIAL_FORMS": "0",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    state.refresh_from_db()
    assert (state.country, state.region) == ("SN", Organisation.Region.AFRICA)

    refused = client.post(url, {**data, "country": "FJ", "region": "africa"})
    assert refused.status_code == 200
    assert "Fiji is in the region “Asia and the Pacific”" in refused.content.decode()
    state.refresh_from_db()
    assert state.country == "SN"


def test_demo_regions_follow_their_countries():
    from members import demo

    content = demo.CONTENT
    rows = [*content["founding_state"], *content["associate_member"], *content["partner_ngo"]]
    assert [(row["slug"], row["region"]) for row in rows] == [
        (row["slug"], Organisation.Region.for_country(row["country"])) for row in rows
    ]
