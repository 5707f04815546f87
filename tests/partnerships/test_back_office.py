"""The secretariat's back office: the application queue and the approval of activities."""

import pytest
from django.core.exceptions import ValidationError

from partnerships.models import CooperationActivity
from partnerships.services import cooperation_activity_review
from tests.factories import CooperationActivityFactory, PartnershipFactory


@pytest.fixture
def officer_client(client, partnerships_officer, with_totp):
    with_totp(partnerships_officer)
    client.force_login(partnerships_officer)
    return client


@pytest.mark.parametrize(
    "url",
    [
        "/admin/partnerships/partnership/?status__exact=applicant",
        "/admin/partnerships/partnership/add/",
        "/admin/partnerships/cooperationactivity/?status__exact=submitted",
        "/admin/partnerships/contact/",
        "/admin/partnerships/ngoconference/add/",
        "/admin/partnerships/liaisonseat/",
    ],
)
def test_back_office_pages_answer_for_partnerships_officers(officer_client, partnership, url):
    assert officer_client.get(url).status_code == 200


def test_partnership_change_page_shows_the_history(officer_client, partnership):
    response = officer_client.get(f"/admin/partnerships/partnership/{partnership.pk}/change/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Executive Board" in page
    assert f"/admin/partnerships/partnership/{partnership.pk}/decide/" in page


def test_back_office_is_closed_to_other_secretariat_officers(
    client, secretariat_editor, with_totp, partnership
):
    with_totp(secretariat_editor)
    client.force_login(secretariat_editor)
    assert client.get("/admin/partnerships/partnership/").status_code == 403


def test_approval_makes_a_submitted_activity_public(partnership, partnerships_officer):
    activity = CooperationActivityFactory(organisation=partnership.organisation, status="submitted")
    cooperation_activity_review(activity=activity, approve=True, reviewed_by=partnerships_officer)
    assert list(CooperationActivity.objects.public()) == [activity]
    assert activity.reviewed_by == partnerships_officer


def test_rejection_keeps_the_activity_private_and_editable(partnership, partnerships_officer):
    activity = CooperationActivityFactory(organisation=partnership.organisation, status="submitted")
    cooperation_activity_review(activity=activity, approve=False, reviewed_by=partnerships_officer)
    assert list(CooperationActivity.objects.public()) == []
    assert activity.is_editable is True


@pytest.mark.parametrize("status", ["draft", "approved", "rejected"])
def test_only_submitted_activities_are_reviewed(partnership, partnerships_officer, status):
    activity = CooperationActivityFactory(organisation=partnership.organisation, status=status)
    with pytest.raises(ValidationError):
        cooperation_activity_review(activity=activity, approve=True, reviewed_by=None)
    activity.refresh_from_db()
    assert activity.status == status


def test_bulletin_recipients_are_contacts_of_public_partners_who_asked(partnership):
    from partnerships.models import Contact
    from tests.factories import ContactFactory

    wanted = ContactFactory(organisation=partnership.organisation, preferred_language="ar")
    ContactFactory(organisation=partnership.organisation, receives_bulletin=False)
    ended = PartnershipFactory(status="ended")
    ContactFactory(organisation=ended.organisation)
    assert list(Contact.objects.bulletin_recipients()) == [wanted]


def test_officer_records_a_board_decision_with_its_reference(officer_client, partnership):
    url = f"/admin/partnerships/partnership/{partnership.pk}/decide/"
    assert officer_client.get(url).status_code == 200
    response = officer_client.post(
        url,
        {
            "to_status": "associate",
            "decided_on": "2024-05-02",
            "deciding_body": "Executive Board",
            "decision_reference": "EB/9/DEC.4",
            "note": "Unanimous.",
        },
    )
    assert response.status_code == 302
    partnership.refresh_from_db()
    assert partnership.status == "associate"
    last = partnership.status_changes.last()
    assert (last.decided_on.isoformat(), last.decision_reference, last.note) == (
        "2024-05-02",
        "EB/9/DEC.4",
        "Unanimous.",
    )


def test_decision_breaking_a_rule_shows_the_error_and_changes_nothing(officer_client, partnership):
    response = officer_client.post(
        f"/admin/partnerships/partnership/{partnership.pk}/decide/",
        {"to_status": "associate", "decided_on": "2023-01-02", "deciding_body": "Executive Board"},
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Associate status needs at least 2 years of consultative status."
    ]
    partnership.refresh_from_db()
    assert partnership.status == "consultative"
    assert partnership.status_changes.count() == 2


def test_decision_page_is_closed_to_other_secretariat_officers(
    client, secretariat_editor, with_totp, partnership
):
    with_totp(secretariat_editor)
    client.force_login(secretariat_editor)
    response = client.post(
        f"/admin/partnerships/partnership/{partnership.pk}/decide/",
        {"to_status": "ended", "decided_on": "2025-01-02", "deciding_body": "X"},
    )
    assert response.status_code == 403
    partnership.refresh_from_db()
    assert partnership.status == "consultative"
