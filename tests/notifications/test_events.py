"""Each event reaches the people whose role acts on it, of the right organisation only, in their
language, once; by e-mail or not as each chose (issue 17)."""

import datetime

import pytest
from django.core import mail
from django.db import IntegrityError
from django.utils import timezone

from governance import services as governance_services
from governance.models import Delegation
from members.models import Notification, NotificationEvent, Role, Suppression
from members.notifications import notify
from members.notifications.tasks import send_notification_mails
from news import services as news_services
from tests.factories import ArticleFactory, AssemblySessionFactory, user_with_role


def recipients():
    return sorted(message.to[0] for message in mail.outbox)


@pytest.fixture
def session(host):
    return AssemblySessionFactory(
        number=2,
        start_date=datetime.date(2099, 12, 6),
        end_date=datetime.date(2099, 12, 8),
        status="planned",
        registration_deadline=timezone.now() + datetime.timedelta(days=30),
    )


@pytest.fixture
def conference_officer(host):
    return user_with_role(host, Role.CONFERENCE_SERVICES, email="conference@oec.example")


def test_an_article_submitted_by_a_members_editor_reaches_its_focal_points_only(
    editor_a, focal_a, focal_b, secretariat_editor, django_capture_on_commit_callbacks
):
    article = ArticleFactory(organisation=editor_a.memberships.get().organisation, status="draft")
    with django_capture_on_commit_callbacks(execute=True):
        news_services.article_transition(article=article, to_status="in_review", by=editor_a)

    assert recipients() == ["focal@member-a.example"]
    message = mail.outbox[0]
    assert message.subject == f"Article to review for Member A: {article.title_en}"
    assert f"/en/dashboard/news/{article.pk}/" in message.body
    assert list(Notification.objects.values_list("recipient__email", "role", "mail_status")) == [
        ("focal@member-a.example", "focal_point", "sent")
    ]


def test_an_article_of_the_body_reaches_the_communications_officers(
    host, secretariat_editor, secretariat_admin, focal_a, django_capture_on_commit_callbacks
):
    colleague = user_with_role(host, Role.COMMUNICATIONS, email="comms@oec.example")
    article = ArticleFactory(organisation=host, status="draft")
    with django_capture_on_commit_callbacks(execute=True):
        news_services.article_transition(
            article=article, to_status="in_review", by=secretariat_editor
        )

    # The one who submitted knows already; an administrator holds no communications role.
    assert recipients() == [colleague.email]


def test_the_mail_goes_in_the_recipients_language(
    editor_a, focal_a, django_capture_on_commit_callbacks
):
    focal_a.language = "fr"
    focal_a.save(update_fields=["language"])
    article = ArticleFactory(organisation=editor_a.memberships.get().organisation, status="draft")
    with django_capture_on_commit_callbacks(execute=True):
        news_services.article_transition(article=article, to_status="in_review", by=editor_a)

    message = mail.outbox[0]
    assert message.extra_headers["Content-Language"] == "fr"
    assert f"/fr/dashboard/news/{article.pk}/" in message.body
    html = message.alternatives[0][0]
    assert '<html lang="fr" dir="ltr">' in html


def test_an_arabic_reader_gets_a_right_to_left_html_part(
    editor_a, focal_a, django_capture_on_commit_callbacks
):
    focal_a.language = "ar"
    focal_a.save(update_fields=["language"])
    article = ArticleFactory(organisation=editor_a.memberships.get().organisation, status="draft")
    with django_capture_on_commit_callbacks(execute=True):
        news_services.article_transition(article=article, to_status="in_review", by=editor_a)

    assert '<html lang="ar" dir="rtl">' in mail.outbox[0].alternatives[0][0]
    assert f"/ar/dashboard/news/{article.pk}/" in mail.outbox[0].body


def test_a_join_request_reaches_the_focal_points_of_that_organisation_only(
    member_a, focal_a, focal_b, editor_a, django_capture_on_commit_callbacks
):
    from members import services as members_services

    with django_capture_on_commit_callbacks(execute=True):
        members_services.join_request_submit(
            organisation=member_a,
            name="Amadou Diallo",
            email="amadou@example.org",
            support="volunteer",
            message="I would like to help.",
            language="fr",
        )

    assert recipients() == ["focal@member-a.example"]
    assert mail.outbox[0].subject == "New join request for Member A from Amadou Diallo"
    assert "I would like to help." in mail.outbox[0].body


def test_a_submitted_delegation_reaches_the_conference_services_officers(
    member_a, focal_a, conference_officer, secretariat_editor, session, private_media,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    delegation = Delegation.objects.create(
        session=session, organisation=member_a, credentials_letter="letters/a.pdf"
    )
    delegation.members.create(user=focal_a, is_head=True)
    with django_capture_on_commit_callbacks(execute=True):
        governance_services.delegation_submit(delegation=delegation, by=focal_a)

    assert recipients() == ["conference@oec.example"]
    assert mail.outbox[0].subject == (
        "Delegation of Member A to General Assembly, session 2 submitted for accreditation"
    )
    assert f"/admin/governance/delegation/{delegation.pk}/change/" in mail.outbox[0].body


@pytest.mark.parametrize(
    ("decide", "subject"),
    [
        ("accredit", "Your delegation to General Assembly, session 2 is accredited"),
        ("return", "Your delegation to General Assembly, session 2 was returned"),
    ],
)
def test_a_decided_delegation_reaches_the_focal_points_of_its_organisation(
    member_a, focal_a, focal_b, conference_officer, session, decide, subject,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    delegation = Delegation.objects.create(session=session, organisation=member_a)
    with django_capture_on_commit_callbacks(execute=True):
        if decide == "accredit":
            governance_services.delegation_accredit(delegation=delegation, by=conference_officer)
        else:
            governance_services.delegation_return(
                delegation=delegation, reason="Sign the letter.", by=conference_officer
            )

    assert recipients() == ["focal@member-a.example"]
    assert mail.outbox[0].subject == subject


def test_nothing_leaves_before_the_commit(member_a, focal_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notify(event="members.join_request_received", organisation=member_a,
               roles=[Role.FOCAL_POINT], context={"name": "X"})  # fmt: skip

    assert mail.outbox == []
    assert len(callbacks) == 1
    assert Notification.objects.get().mail_status == "pending"


def test_a_notification_is_mailed_once_when_its_task_runs_twice(
    member_a, focal_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notify(event="members.join_request_received", organisation=member_a,
               roles=[Role.FOCAL_POINT], context={"name": "X"})  # fmt: skip
    notification = Notification.objects.get()

    assert send_notification_mails.apply(args=[[notification.pk]]).get() == 0
    assert recipients() == ["focal@member-a.example"]
    notification.refresh_from_db()
    assert (notification.mail_status, notification.mailed_at is not None) == ("sent", True)


def test_one_notification_per_event_and_recipient(member_a, focal_a):
    event = NotificationEvent.objects.create(organisation=member_a, kind="members.x")
    Notification.objects.create(event=event, recipient=focal_a, role="focal_point")
    with pytest.raises(IntegrityError, match="members_one_notification_per_recipient"):
        Notification.objects.create(event=event, recipient=focal_a, role="focal_point")


def test_a_suppressed_address_is_skipped(member_a, focal_a, django_capture_on_commit_callbacks):
    Suppression.objects.create(email=focal_a.email, reason=Suppression.Reason.HARD_BOUNCE)
    with django_capture_on_commit_callbacks(execute=True):
        notify(event="members.join_request_received", organisation=member_a,
               roles=[Role.FOCAL_POINT], context={"name": "X"})  # fmt: skip

    assert mail.outbox == []
    assert Notification.objects.get().mail_status == "skipped"


def test_portal_only_writes_the_notification_and_mails_nothing(
    member_a, focal_a, django_capture_on_commit_callbacks
):
    focal_a.notification_mail = "portal_only"
    focal_a.save(update_fields=["notification_mail"])
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notify(event="members.join_request_received", organisation=member_a,
               roles=[Role.FOCAL_POINT], context={"name": "X"})  # fmt: skip

    assert mail.outbox == []
    assert len(callbacks) == 0
    assert Notification.objects.get().mail_status == "portal_only"


def test_an_inactive_person_gets_nothing(member_a, focal_a, django_capture_on_commit_callbacks):
    focal_a.is_active = False
    focal_a.save(update_fields=["is_active"])
    with django_capture_on_commit_callbacks(execute=True):
        event = notify(event="members.join_request_received", organisation=member_a,
                       roles=[Role.FOCAL_POINT], context={"name": "X"})  # fmt: skip

    assert event is None
    assert (NotificationEvent.objects.count(), mail.outbox) == (0, [])


def test_an_event_without_its_texts_is_refused(member_a, focal_a):
    from django.template import TemplateDoesNotExist

    with pytest.raises(TemplateDoesNotExist):
        notify(event="members.nothing_like_it", organisation=member_a, roles=[Role.FOCAL_POINT])
    with pytest.raises(ValueError, match="<app>.<what_happened>"):
        notify(event="Bad Name", organisation=member_a, roles=[Role.FOCAL_POINT])
