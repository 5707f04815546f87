"""The person's notification pages: the inbox and the choice of e-mail (issue 17)."""

import pytest
from django.urls import reverse

from members.models import Notification, NotificationEvent, Role
from tests.factories import user_with_role


def notification_for(user, organisation, *, name="Amadou", url="/fr/dashboard/join-requests/1/"):
    event = NotificationEvent.objects.create(
        organisation=organisation,
        kind="members.join_request_received",
        url=url,
        context={"organisation": str(organisation), "name": name},
    )
    return Notification.objects.create(event=event, recipient=user, role=Role.FOCAL_POINT)


def test_the_inbox_shows_the_persons_own_notifications_in_the_page_language(
    client, focal_a, focal_b, member_a, member_b
):
    notification_for(focal_a, member_a, name="Amadou")
    notification_for(focal_b, member_b, name="Someone of B")
    client.force_login(focal_a)
    response = client.get("/fr/dashboard/notifications/")
    page = response.content.decode()

    assert response.status_code == 200
    assert "Nouvelle demande d’adhésion à Member A de la part de Amadou" in page
    assert "Someone of B" not in page
    assert 'href="/fr/dashboard/join-requests/1/"' in page


def test_the_inbox_costs_the_same_queries_with_more_notifications(
    client, focal_a, member_a, django_assert_num_queries
):
    client.force_login(focal_a)
    notification_for(focal_a, member_a)
    client.get(reverse("notifications:inbox"))  # warm the caches of the session and user
    # The page's count and its rows (with their events and organisations): the session, the
    # user and the acting organisation come from the cache.
    with django_assert_num_queries(2) as few:
        client.get(reverse("notifications:inbox"))
    for number in range(20):
        notification_for(focal_a, member_a, name=f"Visitor {number}")
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(reverse("notifications:inbox"))
    assert response.content.decode().count('class="unread"') == 21


def test_mark_all_read(client, focal_a, member_a, focal_b, member_b):
    mine = notification_for(focal_a, member_a)
    theirs = notification_for(focal_b, member_b)
    client.force_login(focal_a)
    response = client.post(reverse("notifications:mark_all_read"))

    assert response.status_code == 302
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert (mine.read_at is not None, theirs.read_at) == (True, None)


def test_the_person_chooses_the_daily_digest_and_a_language(client, focal_a):
    client.force_login(focal_a)
    response = client.post(
        reverse("notifications:preferences"),
        {"notification_mail": "daily_digest", "language": "es"},
    )

    assert response.status_code == 302
    focal_a.refresh_from_db()
    assert (focal_a.notification_mail, focal_a.language) == ("daily_digest", "es")


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"notification_mail": "sometimes", "language": "fr"}, "Select a valid choice."),
        ({"notification_mail": "immediately", "language": "de"}, "Select a valid choice."),
        ({"language": "fr"}, "Choose one."),
    ],
)
def test_a_bad_choice_is_refused_and_changes_nothing(client, focal_a, data, error):
    client.force_login(focal_a)
    response = client.post(reverse("notifications:preferences"), data)

    assert response.status_code == 200
    assert error in response.content.decode()
    focal_a.refresh_from_db()
    assert (focal_a.notification_mail, focal_a.language) == ("immediately", "")


def test_portal_only_takes_the_waiting_ones_out_of_the_digest(client, member_a):
    focal = user_with_role(member_a, Role.FOCAL_POINT, email="digest@member-a.example")
    notification = notification_for(focal, member_a)
    Notification.objects.filter(pk=notification.pk).update(mail_status="digest")
    client.force_login(focal)
    client.post(
        reverse("notifications:preferences"),
        {"notification_mail": "portal_only", "language": "en"},
    )

    notification.refresh_from_db()
    assert notification.mail_status == "portal_only"


def test_the_preferences_page_is_translated(client, focal_a):
    client.force_login(focal_a)
    page = client.get("/ar/dashboard/notifications/settings/").content.decode()

    assert "الإشعارات والبريد الإلكتروني" in page
    assert "لا بريد: أقرؤها في البوابة" in page


def test_the_dashboard_links_the_account_pages(client, focal_a):
    client.force_login(focal_a)
    page = client.get(reverse("dashboard")).content.decode()

    assert f'href="{reverse("notifications:inbox")}"' in page
    assert f'href="{reverse("notifications:preferences")}"' in page
