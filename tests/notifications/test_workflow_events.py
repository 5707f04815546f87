"""The partnerships, bulletin and member-news events through the notifications core (issue 17):
each reaches the people whose role acts on it, of the right organisation only, exactly once."""

import datetime
import smtplib

import pytest
from django.core import mail
from django.core.mail.backends import locmem
from django.utils import timezone

from bulletins import services as bulletin_services
from members.models import Notification, NotificationEvent, Role, Suppression
from news import services as news_services
from oec_portal.celery import app as celery_app
from partnerships import services as partnership_services
from partnerships.tasks import email_reviews_due
from tests.factories import (
    ArticleFactory,
    BulletinFactory,
    ContactFactory,
    CooperationActivityFactory,
    PartnershipFactory,
    user_with_role,
)


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def notified(kind):
    """(recipient, role) of every notification of `kind`, sorted."""
    return sorted(
        Notification.objects.filter(event__kind=kind).values_list("recipient__email", "role")
    )


@pytest.fixture
def officers(host):
    """Two partnerships officers, a communications officer and an administrator."""
    return {
        "partnerships": user_with_role(host, Role.PARTNERSHIPS, email="partnerships@oec.example"),
        "partnerships_2": user_with_role(host, Role.PARTNERSHIPS, email="partners-2@oec.example"),
        "communications": user_with_role(host, Role.COMMUNICATIONS, email="comms@oec.example"),
        "administrator": user_with_role(host, Role.ADMINISTRATOR, email="admin@oec.example"),
    }


@pytest.fixture
def partner_with_contacts(partner, partner_contact):
    """The partner (admitted) with its contact who signs in, and another partner's contact."""
    partnership = PartnershipFactory(organisation=partner)
    other = PartnershipFactory()
    user_with_role(other.organisation, Role.PARTNER_CONTACT, email="contact@other.example")
    return partnership


def test_an_application_reaches_the_partnerships_officers_and_acknowledges_the_applicant(
    officers, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from governance.demo import minimal_pdf

    def pdf(name):
        return SimpleUploadedFile(name, minimal_pdf(name), content_type="application/pdf")

    with django_capture_on_commit_callbacks(execute=True):
        partnership = partnership_services.partnership_apply(
            name="Reading Bridges",
            country="KE",
            website="https://reading-bridges.example",
            geographic_scope="regional",
            description="Libraries on wheels.",
            language="fr",
            fields_of_competence=[],
            functional_areas=[],
            contact_name="Amina Otieno",
            contact_email="amina@reading-bridges.example",
            statutes=pdf("statutes.pdf"),
            activity_report=pdf("report.pdf"),
            applied_in="es",
        )
    assert notified("partnerships.application_received") == [
        ("partners-2@oec.example", "partnerships"),
        ("partnerships@oec.example", "partnerships"),
    ]
    assert recipients() == [
        "amina@reading-bridges.example",
        "partners-2@oec.example",
        "partnerships@oec.example",
    ]
    officer_mail = next(m for m in mail.outbox if m.to == ["partnerships@oec.example"])
    assert officer_mail.subject == "New partnership application: Reading Bridges"
    assert f"/admin/partnerships/partnership/{partnership.pk}/change/" in officer_mail.body
    acknowledgement = next(m for m in mail.outbox if m.to == ["amina@reading-bridges.example"])
    # In the language of the form the applicant used (Spanish), not the one they read in.
    assert "Reading Bridges" in acknowledgement.subject
    assert acknowledgement.subject.startswith("Su solicitud")


def test_an_acknowledgement_is_not_sent_to_a_suppressed_address(officers):
    from partnerships.tasks import send_application_acknowledgement

    contact = ContactFactory(email="gone@ngo.example")
    Suppression.objects.create(email="gone@ngo.example", reason="hard_bounce")
    send_application_acknowledgement.delay(contact.pk, language="en")
    assert mail.outbox == []


def test_a_submitted_activity_reaches_the_partnerships_officers_only(
    officers, partner_with_contacts, partner_contact, django_capture_on_commit_callbacks
):
    activity = CooperationActivityFactory(
        organisation=partner_with_contacts.organisation, status="draft", title_en="Reading clubs"
    )
    with django_capture_on_commit_callbacks(execute=True):
        partnership_services.cooperation_activity_submit(activity=activity, by=partner_contact)
    assert notified("partnerships.activity_submitted") == [
        ("partners-2@oec.example", "partnerships"),
        ("partnerships@oec.example", "partnerships"),
    ]
    assert recipients() == ["partners-2@oec.example", "partnerships@oec.example"]
    assert mail.outbox[0].subject == "Activity to approve from Partner NGO: Reading clubs"


@pytest.mark.parametrize(
    ("approve", "kind", "subject"),
    [
        (True, "partnerships.activity_approved", "Your activity was approved: Reading clubs"),
        (False, "partnerships.activity_returned", "Your activity was returned: Reading clubs"),
    ],
)
def test_a_reviewed_activity_reaches_the_partners_own_contacts(
    officers, partner_with_contacts, django_capture_on_commit_callbacks, approve, kind, subject
):
    activity = CooperationActivityFactory(
        organisation=partner_with_contacts.organisation,
        status="submitted",
        title_en="Reading clubs",
    )
    with django_capture_on_commit_callbacks(execute=True):
        partnership_services.cooperation_activity_review(
            activity=activity, approve=approve, reviewed_by=officers["partnerships"]
        )
    assert notified(kind) == [("contact@partner.example", "partner_contact")]
    assert recipients() == ["contact@partner.example"]
    assert mail.outbox[0].subject == subject
    assert f"/dashboard/partner/activities/{activity.pk}/" in mail.outbox[0].body


@pytest.mark.clock
@pytest.mark.parametrize(
    ("to_status", "subject"),
    [
        ("consultative", "Reading Bridges is admitted to official partnership"),
        ("ended", "Decision on the partnership application of Reading Bridges"),
    ],
)
def test_an_admission_decision_reaches_the_applicants_contacts_once(
    officers, django_capture_on_commit_callbacks, to_status, subject
):
    applicant = PartnershipFactory(
        status="applicant",
        admitted_on=None,
        organisation__name="Reading Bridges",
        organisation__status="pending",
    )
    organisation = applicant.organisation
    signs_in = user_with_role(organisation, Role.PARTNER_CONTACT, email="amina@rb.example")
    ContactFactory(organisation=organisation, email="Amina@rb.example", preferred_language="en")
    ContactFactory(organisation=organisation, email="joseph@rb.example", preferred_language="en")
    ContactFactory(email="someone@other.example")
    with django_capture_on_commit_callbacks(execute=True):
        partnership_services.partnership_change_status(
            partnership=applicant,
            to_status=to_status,
            decided_on=timezone.localdate(),
            deciding_body="Executive Board",
            recorded_by=officers["partnerships"],
        )
    assert notified("partnerships.admission_decided") == [(signs_in.email, "partner_contact")]
    # The contact with an account through the notification, the other by mail: once each.
    assert recipients() == ["amina@rb.example", "joseph@rb.example"]
    assert [message.subject for message in mail.outbox] == [subject, subject]


class RefusesTheFirstMail(locmem.EmailBackend):
    """A mail server that is down for the first message, then up again."""

    refused = 0

    def send_messages(self, messages):
        if not RefusesTheFirstMail.refused:
            RefusesTheFirstMail.refused += 1
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


@pytest.mark.clock
def test_an_admission_decision_survives_a_mail_server_down_and_is_mailed_once(
    officers, settings, monkeypatch, django_capture_on_commit_callbacks
):
    applicant = PartnershipFactory(status="applicant", admitted_on=None)
    ContactFactory(organisation=applicant.organisation, email="joseph@rb.example")
    with django_capture_on_commit_callbacks() as after_commit:
        partnership_services.partnership_change_status(
            partnership=applicant,
            to_status="consultative",
            decided_on=timezone.localdate(),
            deciding_body="Executive Board",
        )
    applicant.refresh_from_db()
    assert applicant.status == "consultative"
    assert mail.outbox == []  # not sent by the officer's request: by a task after the commit

    settings.EMAIL_BACKEND = f"{__name__}.RefusesTheFirstMail"
    RefusesTheFirstMail.refused = 0
    # As a worker runs it: the refusal is a retry, not an error (the suite's eager tasks
    # propagate errors otherwise).
    monkeypatch.setitem(celery_app.conf, "task_eager_propagates", False)
    for callback in after_commit:
        callback()
    assert RefusesTheFirstMail.refused == 1
    assert recipients() == ["joseph@rb.example"]


@pytest.mark.clock
def test_a_later_decision_is_no_admission_decision(
    officers, partner_with_contacts, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        partnership_services.partnership_change_status(
            partnership=partner_with_contacts,
            to_status="suspended",
            decided_on=timezone.localdate(),
            deciding_body="Executive Board",
        )
    assert not NotificationEvent.objects.filter(kind="partnerships.admission_decided").exists()


def test_a_review_date_coming_is_announced_once_to_officers_and_the_partners_contacts(
    officers, partner_with_contacts, django_capture_on_commit_callbacks, time_machine
):
    time_machine.move_to(datetime.datetime(2026, 12, 7, 7, tzinfo=datetime.UTC))
    partner_with_contacts.next_review_on = datetime.date(2027, 1, 15)
    partner_with_contacts.save()
    PartnershipFactory(next_review_on=datetime.date(2027, 6, 1))  # not within 60 days
    for _day in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            email_reviews_due.delay()
    assert notified("partnerships.review_due") == [
        ("partners-2@oec.example", "partnerships"),
        ("partnerships@oec.example", "partnerships"),
    ]
    assert notified("partnerships.review_due_partner") == [
        ("contact@partner.example", "partner_contact")
    ]
    assert recipients() == [
        "contact@partner.example",
        "partners-2@oec.example",
        "partnerships@oec.example",
    ]
    officer_mail = next(m for m in mail.outbox if m.to == ["partnerships@oec.example"])
    assert officer_mail.subject == "Periodic review coming for Partner NGO (2027-01-15)"


def test_a_new_review_date_is_announced_again(officers, partner_with_contacts, time_machine):
    time_machine.move_to(datetime.datetime(2026, 12, 7, 7, tzinfo=datetime.UTC))
    partner_with_contacts.next_review_on = datetime.date(2027, 1, 15)
    partner_with_contacts.save()
    assert partnership_services.reviews_due_notify() == 1
    assert partnership_services.reviews_due_notify() == 0
    partner_with_contacts.next_review_on = datetime.date(2027, 1, 20)
    partner_with_contacts.save()
    assert partnership_services.reviews_due_notify() == 1
    assert NotificationEvent.objects.filter(kind="partnerships.review_due").count() == 2


@pytest.fixture
def december_bulletin(host, settings):
    settings.OEC_BULLETIN_REQUIRES_APPROVAL = True
    return BulletinFactory(month=datetime.date(2026, 12, 1))


def test_a_composed_bulletin_reaches_the_partnerships_officers_once(
    officers, december_bulletin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        bulletin_services.bulletin_compose(month=december_bulletin.month)
        # Composed again (an introduction came late): nothing new to say.
        bulletin_services.bulletin_compose(month=december_bulletin.month)
    assert notified("bulletins.bulletin_awaiting_approval") == [
        ("partners-2@oec.example", "partnerships"),
        ("partnerships@oec.example", "partnerships"),
    ]
    assert recipients() == ["partners-2@oec.example", "partnerships@oec.example"]
    assert f"/admin/bulletins/bulletin/{december_bulletin.pk}/preview/" in mail.outbox[0].body


def test_with_four_eyes_the_bulletins_composer_is_not_asked_to_approve(
    officers, december_bulletin, settings, django_capture_on_commit_callbacks
):
    settings.OEC_BULLETIN_FOUR_EYES = True
    # The officer wrote the introduction; the schedule composes the bulletin later.
    bulletin_services.bulletin_introduction_written(
        bulletin=december_bulletin, by=officers["partnerships"]
    )
    with django_capture_on_commit_callbacks(execute=True):
        bulletin_services.bulletin_compose(month=december_bulletin.month)
    assert notified("bulletins.bulletin_awaiting_approval") == [
        ("partners-2@oec.example", "partnerships")
    ]


def test_without_four_eyes_the_introductions_writer_is_asked_too(
    officers, december_bulletin, django_capture_on_commit_callbacks
):
    bulletin_services.bulletin_introduction_written(
        bulletin=december_bulletin, by=officers["partnerships"]
    )
    bulletin_services.bulletin_compose(month=december_bulletin.month)
    assert [email for email, _role in notified("bulletins.bulletin_awaiting_approval")] == [
        "partners-2@oec.example",
        "partnerships@oec.example",
    ]


def test_a_bulletin_sent_without_approval_asks_nobody(officers, host, settings):
    settings.OEC_BULLETIN_REQUIRES_APPROVAL = False
    BulletinFactory(month=datetime.date(2026, 12, 1))
    bulletin_services.bulletin_compose(month=datetime.date(2026, 12, 1))
    assert not NotificationEvent.objects.filter(kind="bulletins.bulletin_awaiting_approval")


@pytest.mark.clock
def test_member_news_published_reaches_the_communications_officers_once(
    officers, focal_a, focal_b, django_capture_on_commit_callbacks
):
    article = ArticleFactory(
        organisation=focal_a.memberships.get().organisation,
        status="draft",
        publish_at=None,
        title_en="Teachers meet",
    )
    with django_capture_on_commit_callbacks(execute=True):
        news_services.article_transition(article=article, to_status="published", by=focal_a)
    assert notified("news.member_article_awaiting_acceptance") == [
        ("comms@oec.example", "communications")
    ]
    assert recipients() == ["comms@oec.example"]
    assert mail.outbox[0].subject == "Member news to accept: Teachers meet (Member A)"
    assert "/admin/news/article/?portal=pending" in mail.outbox[0].body


def test_the_bodys_own_news_published_asks_nobody(officers, host):
    article = ArticleFactory(organisation=host, status="draft", publish_at=None)
    news_services.article_transition(
        article=article, to_status="published", by=officers["communications"]
    )
    assert not NotificationEvent.objects.filter(kind="news.member_article_awaiting_acceptance")


def test_member_news_to_accept_is_on_the_communications_officers_to_do_until_decided(
    client, officers, member_a, with_totp
):
    from django.urls import reverse

    officer = officers["communications"]
    with_totp(officer)
    client.force_login(officer)
    waiting = ArticleFactory.create_batch(2, organisation=member_a, acceptance="pending")
    page = client.get(reverse("dashboard")).content.decode()
    assert "2 members&#x27; articles to accept into the Organisation&#x27;s news" in page
    assert "/admin/news/article/?portal=pending" in page
    for article in waiting:
        news_services.article_decide_acceptance(article=article, accept=True, by=officer)
    page = client.get(reverse("dashboard")).content.decode()
    assert "articles to accept into the Organisation" not in page
