"""The optional four-eyes rule (issue 17): with OEC_BULLETIN_FOUR_EYES on, the partnerships
officer who composed the bulletin (or wrote its introduction) cannot approve it; another one
does. Off by default: the composer approves as before."""

import datetime

import pytest
from django.urls import reverse

from bulletins import services
from bulletins.models import Bulletin
from members.models import Role
from tests.factories import BulletinFactory

DECEMBER = datetime.date(2026, 12, 1)


@pytest.fixture
def second_officer(officer_with_totp):
    return officer_with_totp(Role.PARTNERSHIPS, "partnerships-2@oec.example")


@pytest.fixture
def four_eyes(settings):
    settings.OEC_BULLETIN_FOUR_EYES = True
    return settings


@pytest.fixture
def composed_by_officer(host_org, officer):
    BulletinFactory(month=DECEMBER, introduction_en="<p>Hello partners</p>")
    return services.bulletin_compose(month=DECEMBER, by=officer)


def preview_url(bulletin):
    return reverse("admin:bulletins_bulletin_preview", args=[bulletin.pk])


def test_four_eyes_is_off_by_default(settings):
    assert settings.OEC_BULLETIN_FOUR_EYES is False


def test_composing_records_the_composer(composed_by_officer, officer):
    composed_by_officer.refresh_from_db()
    assert composed_by_officer.composed_by == officer


def test_the_schedule_composing_again_keeps_the_composer(composed_by_officer, officer):
    services.bulletin_compose(month=DECEMBER)
    composed_by_officer.refresh_from_db()
    assert composed_by_officer.composed_by == officer


def test_compose_action_records_the_officer(client, host_org, officer):
    bulletin = BulletinFactory(month=DECEMBER)
    client.force_login(officer)
    client.post(
        reverse("admin:bulletins_bulletin_changelist"),
        {"action": "compose", "_selected_action": [bulletin.pk]},
    )
    bulletin.refresh_from_db()
    assert (bulletin.status, bulletin.composed_by) == (Bulletin.Status.AWAITING_APPROVAL, officer)


def test_writing_the_introduction_makes_the_writer_its_composer(
    composed_by_officer, second_officer
):
    services.bulletin_introduction_written(bulletin=composed_by_officer, by=second_officer)
    composed_by_officer.refresh_from_db()
    assert composed_by_officer.composed_by == second_officer


def test_without_four_eyes_the_composer_approves(composed_by_officer, officer):
    bulletin = services.bulletin_approve(
        bulletin=composed_by_officer, by=officer, english_introduction_confirmed=True
    )
    assert (bulletin.status, bulletin.approved_by) == (Bulletin.Status.SENDING, officer)


def test_with_four_eyes_the_composer_is_refused_and_nothing_changes(
    four_eyes, composed_by_officer, officer
):
    with pytest.raises(services.FourEyesError) as refused:
        services.bulletin_approve(
            bulletin=composed_by_officer, by=officer, english_introduction_confirmed=True
        )
    assert refused.value.code == "four_eyes"
    composed_by_officer.refresh_from_db()
    assert (composed_by_officer.status, composed_by_officer.approved_by) == (
        Bulletin.Status.AWAITING_APPROVAL,
        None,
    )
    assert composed_by_officer.deliveries.count() == 0


def test_with_four_eyes_another_officer_approves(
    four_eyes, composed_by_officer, officer, second_officer
):
    bulletin = services.bulletin_approve(
        bulletin=composed_by_officer, by=second_officer, english_introduction_confirmed=True
    )
    assert (bulletin.status, bulletin.approved_by) == (Bulletin.Status.SENDING, second_officer)


def test_policy_answers_the_same_as_the_service(
    four_eyes, composed_by_officer, officer, second_officer
):
    assert not officer.has_perm("bulletins.approve", composed_by_officer)
    assert second_officer.has_perm("bulletins.approve", composed_by_officer)
    # The preview itself stays open to its composer (without an object).
    assert officer.has_perm("bulletins.approve")


def test_with_four_eyes_the_preview_tells_the_composer_and_offers_no_approval(
    client, four_eyes, composed_by_officer, officer
):
    client.force_login(officer)
    page = client.get(preview_url(composed_by_officer)).content.decode()
    assert "under the four-eyes rule another partnerships officer approves it" in page
    assert "Approve and send" not in page


def test_with_four_eyes_the_composers_approval_is_refused_with_a_message(
    client, four_eyes, composed_by_officer, officer, django_capture_on_commit_callbacks
):
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            preview_url(composed_by_officer), {"english_introduction": "confirmed"}, follow=True
        )
    assert response.redirect_chain[-1][0] == preview_url(composed_by_officer)
    assert [str(message) for message in response.context["messages"]] == [
        "You composed this bulletin: under the four-eyes rule another partnerships officer "
        "approves it."
    ]
    composed_by_officer.refresh_from_db()
    assert composed_by_officer.status == Bulletin.Status.AWAITING_APPROVAL


def test_with_four_eyes_another_officer_approves_in_the_back_office(
    client, four_eyes, composed_by_officer, second_officer, django_capture_on_commit_callbacks
):
    client.force_login(second_officer)
    page = client.get(preview_url(composed_by_officer)).content.decode()
    assert "Approve and send" in page
    assert "Composed by" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(preview_url(composed_by_officer), {"english_introduction": "confirmed"})
    composed_by_officer.refresh_from_db()
    assert composed_by_officer.approved_by == second_officer


def test_with_four_eyes_a_bulletin_the_schedule_composed_alone_is_approved_by_anyone(
    four_eyes, host_org, officer
):
    BulletinFactory(month=DECEMBER)
    bulletin = services.bulletin_compose(month=DECEMBER)
    assert bulletin.composed_by is None
    bulletin = services.bulletin_approve(
        bulletin=bulletin, by=officer, english_introduction_confirmed=True
    )
    assert bulletin.approved_by == officer


def test_introduction_written_in_the_back_office_makes_its_writer_the_composer(
    client, four_eyes, composed_by_officer, second_officer
):
    client.force_login(second_officer)
    response = client.post(
        reverse("admin:bulletins_bulletin_change", args=[composed_by_officer.pk]),
        {
            "month": "2026-12-01",
            "introduction_en": "<p>Hello again</p>",
            "introduction_fr": "<p>Bonjour</p>",
            "introduction_es": "",
            "introduction_ar": "",
            "editions-TOTAL_FORMS": "0",
            "editions-INITIAL_FORMS": "0",
            "editions-MIN_NUM_FORMS": "0",
            "editions-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    composed_by_officer.refresh_from_db()
    assert composed_by_officer.composed_by == second_officer
    assert not second_officer.has_perm("bulletins.approve", composed_by_officer)
