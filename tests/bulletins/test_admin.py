"""The partnerships officers' back office: preview each language, approve, counts, resend."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from bulletins import services
from bulletins.models import Bulletin, Delivery
from members.models import Role
from tests.factories import BulletinFactory, bulletin_contact, user_with_role

DECEMBER = datetime.date(2026, 12, 1)


@pytest.fixture
def composed(host_org):
    bulletin_contact(email="a@ngo.example", language="fr")
    BulletinFactory(month=DECEMBER, introduction_en="<p>Hello partners</p>")
    return services.bulletin_compose(month=DECEMBER)


def test_officer_previews_every_language_before_approving(client, officer, composed):
    client.force_login(officer)

    response = client.get(reverse("admin:bulletins_bulletin_preview", args=[composed.pk]))

    assert response.status_code == 200
    body = response.content.decode()
    for language in ("ar", "en", "es", "fr"):
        assert f'<section lang="{language}">' in body
    assert body.count("<p>Hello partners</p>") == 4
    assert "Approve and send" in body
    assert Delivery.objects.count() == 0


def test_officer_approves_and_the_bulletin_goes_out(
    client, officer, composed, django_capture_on_commit_callbacks
):
    client.force_login(officer)

    with django_capture_on_commit_callbacks(execute=True):
        # Only an English introduction: the officer confirms it for the other editions.
        response = client.post(
            reverse("admin:bulletins_bulletin_preview", args=[composed.pk]),
            {"english_introduction": "confirmed"},
        )

    assert response.status_code == 302
    composed.refresh_from_db()
    assert (composed.status, composed.approved_by) == (Bulletin.Status.SENT, officer)
    assert [message.to for message in mail.outbox] == [["a@ngo.example"]]


def test_communications_officer_cannot_approve(client, host_org, with_totp, composed):
    editor = user_with_role(host_org, Role.COMMUNICATIONS, email="editor@oec.example")
    with_totp(editor)
    client.force_login(editor)

    response = client.post(reverse("admin:bulletins_bulletin_preview", args=[composed.pk]))

    assert response.status_code == 403
    composed.refresh_from_db()
    assert composed.status == Bulletin.Status.AWAITING_APPROVAL


def test_changelist_shows_the_delivery_counts(
    client, officer, host_org, django_assert_max_num_queries
):
    for number in range(30):
        bulletin = BulletinFactory(
            month=datetime.date(2020 + number // 12, number % 12 + 1, 1), status="sent"
        )
        for status, possibly_sent in [
            ("sent", True),  # sent again by an officer after its worker died: maybe twice
            ("sent", False),
            ("failed", True),  # maybe once
            ("uncertain", True),  # held: maybe once, maybe never
            ("bounced", False),
            ("pending", False),
            ("sending", False),
            ("handed", False),
        ]:
            Delivery.objects.create(
                bulletin=bulletin,
                email=f"{status}{Delivery.objects.count()}@ngo.example",
                language="en",
                status=status,
                possibly_sent=possibly_sent,
            )
    client.force_login(officer)

    with django_assert_max_num_queries(15):
        response = client.get(reverse("admin:bulletins_bulletin_changelist"))

    assert response.status_code == 200
    first = response.context["cl"].result_list[0]
    counts = (first.queued, first.pending_count, first.sent_count, first.failed_count)
    assert counts == (8, 3, 2, 1)  # pending counts the rows being sent too
    assert first.bounced_count == 1
    assert first.uncertain_count == 1
    assert first.possibly_sent_twice_count == 1
    assert "Possibly sent, not sent again" in response.text
    assert "Possibly sent twice" in response.text


def test_resend_failures_action(client, officer, host_org, django_capture_on_commit_callbacks):
    bulletin = BulletinFactory(month=DECEMBER, status="sent")
    from tests.factories import BulletinEditionFactory

    BulletinEditionFactory(bulletin=bulletin)
    Delivery.objects.create(
        bulletin=bulletin, email="x@ngo.example", language="en", status="failed"
    )
    client.force_login(officer)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:bulletins_bulletin_changelist"),
            {"action": "resend_failures", "_selected_action": [bulletin.pk]},
        )

    assert Delivery.objects.get().status == "sent"
    assert [message.to for message in mail.outbox] == [["x@ngo.example"]]


def test_an_officer_sends_the_possibly_sent_deliveries_again_by_an_action(
    client, officer, host_org, django_capture_on_commit_callbacks
):
    bulletin = BulletinFactory(month=DECEMBER, status="sent")
    from tests.factories import BulletinEditionFactory

    BulletinEditionFactory(bulletin=bulletin)
    for email, status in [("held@ngo.example", "uncertain"), ("failed@ngo.example", "failed")]:
        Delivery.objects.create(
            bulletin=bulletin, email=email, language="en", status=status, possibly_sent=True
        )
    client.force_login(officer)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:bulletins_bulletin_changelist"),
            {"action": "resend_possibly_sent", "_selected_action": [bulletin.pk]},
        )

    assert [message.to for message in mail.outbox] == [["held@ngo.example"]]
    assert dict(Delivery.objects.values_list("email", "status")) == {
        "held@ngo.example": "sent",
        "failed@ngo.example": "failed",
    }


@pytest.mark.parametrize(
    "changelist",
    [
        "bulletins_bulletin",
        "bulletins_delivery",
        "bulletins_subscriber",
        # The suppressed addresses moved to the ground floor; the officers keep them still.
        "members_suppression",
    ],
)
def test_officer_opens_every_bulletin_list(client, officer, composed, changelist):
    client.force_login(officer)
    assert client.get(reverse(f"admin:{changelist}_changelist")).status_code == 200


def test_officer_sees_the_suppressed_addresses_on_the_back_office_index(client, officer):
    client.force_login(officer)
    response = client.get(reverse("admin:index"))
    assert reverse("admin:members_suppression_changelist") in response.content.decode()
