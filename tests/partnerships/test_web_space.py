"""The partner's web space: a partner contact edits their own organisation's profile and
activities, and nothing of another organisation's."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from members.models import Role
from partnerships.models import CooperationActivity
from partnerships.permissions import can_manage_activity
from partnerships.selectors import activities_managed_by
from tests.factories import (
    CooperationActivityFactory,
    PartnerOrganisationFactory,
    PartnershipFactory,
    user_with_role,
)

PROFILE = "/en/dashboard/partner/profile/"
ACTIVITIES = "/en/dashboard/partner/activities/"


@pytest.fixture
def other_partnership(db):
    organisation = PartnerOrganisationFactory(name="Other NGO", slug="other-ngo")
    return PartnershipFactory(organisation=organisation, description_en="Other text.")


def profile_data(partnership, **overrides):
    data = {
        "description_en": "We run reading clubs.",
        "description_fr": "Nous animons des clubs de lecture.",
        "description_es": "",
        "description_ar": "",
        "website": "https://reading.example",
        "geographic_scope": "regional",
        "fields_of_competence": [field.pk for field in partnership.fields_of_competence.all()],
        "functional_areas": [],
    }
    data.update(overrides)
    return data


def activity_data(education, advocacy, **overrides):
    data = {
        "kind": "publication",
        "thematic_field": education.pk,
        "functional_area": advocacy.pk,
        "starts_on": "2026-02-01",
        "ends_on": "",
        "title_en": "Guide to reading clubs",
        "title_fr": "Guide des clubs de lecture",
        "title_es": "",
        "title_ar": "",
        "description_en": "How to start one.",
        "description_fr": "",
        "description_es": "",
        "description_ar": "",
        "programme": "Programme 1",
    }
    data.update(overrides)
    return data


def test_partner_contact_edits_the_profile_in_each_language(
    client, partner_contact, partnership, education
):
    client.force_login(partner_contact)
    response = client.post(PROFILE, profile_data(partnership, fields_of_competence=[education.pk]))
    assert response.status_code == 302
    partnership.refresh_from_db()
    assert (partnership.description_en, partnership.description_fr) == (
        "We run reading clubs.",
        "Nous animons des clubs de lecture.",
    )
    assert (partnership.website, partnership.geographic_scope) == (
        "https://reading.example",
        "regional",
    )
    assert list(partnership.fields_of_competence.all()) == [education]
    french = client.get("/fr/partners/partner-ngo/").content.decode()
    assert "Nous animons des clubs de lecture." in french


def test_profile_edit_with_bad_website_changes_nothing(client, partner_contact, partnership):
    client.force_login(partner_contact)
    response = client.post(PROFILE, profile_data(partnership, website="not a url"))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["website"]
    partnership.refresh_from_db()
    assert partnership.description_en == "Reading for all."


@pytest.mark.parametrize("user_fixture", ["delegate_a", "focal_a", "secretariat_editor"])
def test_profile_page_is_not_found_for_anyone_but_a_partner_contact(
    client, request, partnership, user_fixture, with_totp
):
    user = request.getfixturevalue(user_fixture)
    with_totp(user)
    client.force_login(user)
    assert client.get(PROFILE).status_code == 404
    assert client.post(PROFILE, profile_data(partnership)).status_code == 404


def test_profile_page_sends_anonymous_visitors_to_sign_in(client, partnership):
    response = client.get(PROFILE)
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


def test_contact_of_two_partners_edits_only_the_acting_one(
    client, partner_contact, partnership, other_partnership
):
    client.force_login(partner_contact)
    client.post(PROFILE, profile_data(partnership, description_en="Mine."))
    other_partnership.refresh_from_db()
    assert other_partnership.description_en == "Other text."
    partnership.refresh_from_db()
    assert partnership.description_en == "Mine."


def test_dashboard_links_the_partner_profile_for_partner_contacts_only(
    client, partner_contact, delegate_a, partnership
):
    client.force_login(partner_contact)
    assert PROFILE in client.get("/en/dashboard/").content.decode()
    client.force_login(delegate_a)
    assert PROFILE not in client.get("/en/dashboard/").content.decode()


def test_partner_contact_reports_an_activity_as_a_draft(
    client, partner_contact, partnership, education, advocacy
):
    client.force_login(partner_contact)
    pdf = SimpleUploadedFile("guide.pdf", b"%PDF-1.7\n%%EOF\n")
    response = client.post(
        f"{ACTIVITIES}new/", {**activity_data(education, advocacy), "upload": pdf}
    )
    assert response.status_code == 302
    activity = CooperationActivity.objects.get()
    assert (activity.organisation, activity.status, activity.title_fr, activity.created_by) == (
        partnership.organisation,
        "draft",
        "Guide des clubs de lecture",
        partner_contact,
    )
    assert activity.file.name.startswith(
        "partnerships/activities/"
    ) and activity.file.name.endswith(".pdf")
    assert "guide" not in activity.file.name


def test_activity_with_a_disguised_file_is_refused(
    client, partner_contact, partnership, education, advocacy
):
    client.force_login(partner_contact)
    html = SimpleUploadedFile("guide.pdf", b"<html></html>")
    response = client.post(
        f"{ACTIVITIES}new/", {**activity_data(education, advocacy), "upload": html}
    )
    assert list(response.context["form"].errors) == ["upload"]
    assert CooperationActivity.objects.count() == 0


def test_activity_ending_before_it_starts_is_refused(
    client, partner_contact, partnership, education, advocacy
):
    client.force_login(partner_contact)
    response = client.post(
        f"{ACTIVITIES}new/", activity_data(education, advocacy, ends_on="2026-01-01")
    )
    assert response.context["form"].errors["ends_on"] == [
        "The end date cannot be before the start date."
    ]
    assert CooperationActivity.objects.count() == 0


def test_submitted_activity_waits_for_approval_before_it_is_public(
    client, partner_contact, partnership
):
    activity = CooperationActivityFactory(organisation=partnership.organisation, status="draft")
    client.force_login(partner_contact)
    response = client.post(reverse("partnerships:activity_submit", args=[activity.pk]))
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.status == "submitted"
    assert list(CooperationActivity.objects.public()) == []


def test_submitted_activity_can_no_longer_be_edited(
    client, partner_contact, partnership, education, advocacy
):
    activity = CooperationActivityFactory(
        organisation=partnership.organisation, status="submitted", title_en="Locked"
    )
    client.force_login(partner_contact)
    client.post(f"{ACTIVITIES}{activity.pk}/", activity_data(education, advocacy))
    activity.refresh_from_db()
    assert activity.title_en == "Locked"


def test_another_organisations_activity_is_not_found(
    client, partner_contact, partnership, other_partnership, education, advocacy
):
    theirs = CooperationActivityFactory(
        organisation=other_partnership.organisation, status="draft", title_en="Theirs"
    )
    client.force_login(partner_contact)
    edit = client.get(f"{ACTIVITIES}{theirs.pk}/")
    missing = client.get(f"{ACTIVITIES}{theirs.pk + 999}/")
    assert (edit.status_code, edit.content) == (missing.status_code, missing.content)
    assert edit.status_code == 404
    assert (
        client.post(f"{ACTIVITIES}{theirs.pk}/", activity_data(education, advocacy)).status_code
        == 404
    )
    assert client.post(reverse("partnerships:activity_submit", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert (theirs.title_en, theirs.status) == ("Theirs", "draft")


def test_contact_of_another_partner_cannot_see_this_partners_activities(
    client, partnership, other_partnership
):
    mine = CooperationActivityFactory(organisation=partnership.organisation, status="draft")
    stranger = user_with_role(
        other_partnership.organisation, Role.PARTNER_CONTACT, email="x@other.example"
    )
    client.force_login(stranger)
    assert client.get(f"{ACTIVITIES}{mine.pk}/").status_code == 404
    listed = client.get(ACTIVITIES).context["activities"]
    assert list(listed) == []


@pytest.mark.parametrize(
    "user_fixture", ["partner_contact", "delegate_a", "focal_a", "secretariat_admin"]
)
def test_managed_activities_follow_the_one_object_rule(
    request, user_fixture, partnership, other_partnership
):
    mine = CooperationActivityFactory(organisation=partnership.organisation, status="draft")
    theirs = CooperationActivityFactory(organisation=other_partnership.organisation)
    user = request.getfixturevalue(user_fixture)
    managed = set(activities_managed_by(user))
    assert managed == {a for a in (mine, theirs) if can_manage_activity(user, a)}
    assert managed == ({mine} if user_fixture == "partner_contact" else set())


def test_activity_list_query_count_stays_flat(
    client, partner_contact, partnership, django_assert_max_num_queries
):
    CooperationActivityFactory.create_batch(35, organisation=partnership.organisation)
    client.force_login(partner_contact)
    with django_assert_max_num_queries(20):
        response = client.get(ACTIVITIES)
    assert len(response.context["activities"]) == 35
