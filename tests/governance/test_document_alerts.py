"""Alerts (issue 18, the last event of issue 17): a person follows a session or a document series
and is told, once, in their language, of each document issued for it that they may read."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from governance.alerts import document_issue, follow_series, follow_session
from governance.demo import minimal_pdf
from governance.document_batches import document_batch_upload
from governance.models import Document, Follow
from members.models import Notification, NotificationEvent, User
from tests.factories import DocumentFactory, DocumentFileFactory

from .test_document_batches import _zip


def pdf_upload(name):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, minimal_pdf(name), content_type="application/pdf")


def alerts():
    """(recipient, organisation, subject in English) of every document alert, sorted."""
    return sorted(
        (n.recipient.email, n.event.organisation.slug, n.event.context["symbol"])
        for n in Notification.objects.filter(
            event__kind="governance.document_issued"
        ).select_related("recipient", "event__organisation")
    )


def admin_add(client, officer, session, *, symbol="OEC/GA/1/12", access="members", **fields):
    """The conference officer enters a document with its English file in the back office."""
    client.force_login(officer)
    data = {
        "symbol": symbol,
        "title_en": "Budget proposal",
        "title_fr": "Proposition de budget",
        "title_ar": "مقترح الميزانية",
        "type": "programme_budget",
        "session": session.pk,
        "publication_date": "2026-12-07",
        "access": access,
        "files-TOTAL_FORMS": "1",
        "files-INITIAL_FORMS": "0",
        "files-MIN_NUM_FORMS": "0",
        "files-MAX_NUM_FORMS": "1000",
        "files-0-language": "en",
        "files-0-file": pdf_upload("budget.pdf"),
        **fields,
    }
    response = client.post(reverse("admin:governance_document_add"), data)
    assert response.status_code == 302, response.content[:3000]
    return Document.objects.get(symbol=symbol)


def admin_change(client, officer, document, **changes):
    """The conference officer saves the document's record again, changing `changes`."""
    client.force_login(officer)
    files = list(document.files.all())
    data = {
        "symbol": document.symbol,
        "title_en": document.title_en,
        "type": document.type,
        "session": document.session_id,
        "publication_date": document.publication_date.isoformat(),
        "access": document.access,
        "revises": document.revises_id or "",
        "restricted_to": [o.pk for o in document.restricted_to.all()],
        "files-TOTAL_FORMS": str(len(files)),
        "files-INITIAL_FORMS": str(len(files)),
        "files-MIN_NUM_FORMS": "0",
        "files-MAX_NUM_FORMS": "1000",
        **changes,
    }
    for index, document_file in enumerate(files):
        data[f"files-{index}-id"] = document_file.pk
        data[f"files-{index}-document"] = document.pk
        data[f"files-{index}-language"] = document_file.language
    response = client.post(reverse("admin:governance_document_change", args=[document.pk]), data)
    assert response.status_code == 302, response.content[:3000]


# The settings page's own queries and one for the list of follows, whatever its length.
QUERIES_OF_THE_SETTINGS_PAGE = 5
# Its savepoint (2), the claim, the document and its organisations, the followers, their
# memberships (one query for all), their organisations; then per organisation (two here) its
# people, the event, the ledger rows and their count: 8 + 2 × 4, whatever the number of followers.
QUERIES_TO_ISSUE = 16


# --- Who is told, and how often ----------------------------------------------------------------


def test_a_session_follower_is_told_once_of_a_document_issued_in_the_back_office(
    client, conference_officer, delegate_a, first_session, django_capture_on_commit_callbacks
):
    follow_session(user=delegate_a, session=first_session)

    with django_capture_on_commit_callbacks(execute=True):
        document = admin_add(client, conference_officer, first_session)
    with django_capture_on_commit_callbacks(execute=True):
        admin_change(client, conference_officer, document, title_en="Budget proposal (final)")
        assert document_issue(document=document) is False

    assert alerts() == [("delegate@member-a.example", "member-a", "OEC/GA/1/12")]
    [message] = mail.outbox
    assert message.to == [delegate_a.email]
    assert message.subject == "New document OEC/GA/1/12: Budget proposal"
    assert "A new document is issued: OEC/GA/1/12, “Budget proposal”." in message.body
    assert "/en/documents/OEC-GA-1-12/" in message.body
    document.refresh_from_db()
    assert document.issued_at is not None


def test_following_the_session_and_the_series_gives_one_alert_per_document(
    host, delegate_a, first_session, django_capture_on_commit_callbacks
):
    base = DocumentFactory(symbol="OEC/GA/1/2", session=first_session, access="members")
    document_issue(document=base)
    follow_session(user=delegate_a, session=first_session)
    follow_series(user=delegate_a, document=base)
    revision = DocumentFactory(
        symbol="OEC/GA/1/2/Rev.1",
        revises=base,
        title_en="Budget, revised",
        session=first_session,
        access="members",
    )

    with django_capture_on_commit_callbacks(execute=True):
        assert document_issue(document=revision) is True

    assert alerts() == [("delegate@member-a.example", "member-a", "OEC/GA/1/2/Rev.1")]
    assert [m.subject for m in mail.outbox] == ["Revision OEC/GA/1/2/Rev.1: Budget, revised"]


def test_a_series_follower_hears_of_its_addenda_and_corrigenda_not_of_other_documents(
    host, delegate_a, first_session, django_capture_on_commit_callbacks
):
    base = DocumentFactory(symbol="OEC/GA/1/2", session=first_session, access="members")
    follow_series(user=delegate_a, document=base)
    with django_capture_on_commit_callbacks(execute=True):
        for symbol in ("OEC/GA/1/2/Add.1", "OEC/GA/1/2/Corr.1", "OEC/GA/1/5"):
            document = DocumentFactory(
                symbol=symbol,
                title_en="Note",
                revises=base if "/2/" in symbol else None,
                session=first_session,
                access="public",
            )
            document_issue(document=document)

    assert [m.subject for m in mail.outbox] == [
        "Addendum OEC/GA/1/2/Add.1: Note",
        "Corrigendum OEC/GA/1/2/Corr.1: Note",
    ]


def test_a_restricted_document_reaches_only_the_followers_who_may_read_it(
    host,
    member_a,
    delegate_a,
    delegate_b,
    partner_contact,
    secretariat_editor,
    first_session,
    django_capture_on_commit_callbacks,
):
    for person in (delegate_a, delegate_b, partner_contact, secretariat_editor):
        follow_session(user=person, session=first_session)
    restricted = DocumentFactory(
        symbol="OEC/GA/1/3", session=first_session, access="restricted", restricted_to=[member_a]
    )
    members = DocumentFactory(symbol="OEC/GA/1/4", session=first_session, access="members")
    secretariat = DocumentFactory(symbol="OEC/GA/1/5", session=first_session, access="secretariat")

    with django_capture_on_commit_callbacks(execute=True):
        for document in (restricted, members, secretariat):
            document_issue(document=document)

    # Each organisation's people in an event of their own (the tenant rule); member B's
    # delegate and the partner read neither the restricted nor (the partner) the members one.
    assert alerts() == [
        ("delegate@member-a.example", "member-a", "OEC/GA/1/3"),
        ("delegate@member-a.example", "member-a", "OEC/GA/1/4"),
        ("delegate@member-b.example", "member-b", "OEC/GA/1/4"),
        ("editor@oec.example", host.slug, "OEC/GA/1/3"),
        ("editor@oec.example", host.slug, "OEC/GA/1/4"),
    ]
    # The secretariat's own document is not issued: nobody is told, not even the secretariat.
    secretariat.refresh_from_db()
    assert secretariat.issued_at is None
    events = NotificationEvent.objects.values_list("organisation__slug", flat=True)
    assert sorted(events) == sorted([host.slug, host.slug, "member-a", "member-a", "member-b"])


def test_the_alert_speaks_the_followers_language(
    client, conference_officer, delegate_a, first_session, django_capture_on_commit_callbacks
):
    delegate_a.language = "fr"
    delegate_a.save(update_fields=["language"])
    follow_session(user=delegate_a, session=first_session)

    base = DocumentFactory(symbol="OEC/GA/1/12", session=first_session)

    with django_capture_on_commit_callbacks(execute=True):
        admin_add(
            client, conference_officer, first_session, symbol="OEC/GA/1/12/Rev.1", revises=base.pk
        )

    [message] = mail.outbox
    assert message.subject == "Révision OEC/GA/1/12/Rev.1 : Proposition de budget"
    assert "/fr/documents/OEC-GA-1-12-Rev.1/" in message.body
    # The inbox line speaks the reader's page language, whatever the mail's.
    client.force_login(delegate_a)
    page = client.get("/ar/dashboard/notifications/").content.decode()
    assert "مقترح الميزانية" in page


def test_unfollowing_stops_the_alerts(client, delegate_a, first_session):
    follow = follow_session(user=delegate_a, session=first_session)
    client.force_login(delegate_a)
    response = client.post(reverse("governance:unfollow", args=[follow.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("notifications:preferences")

    document_issue(document=DocumentFactory(session=first_session, access="public"))

    assert alerts() == []
    assert not Follow.objects.exists()


@pytest.mark.parametrize(
    ("choice", "mail_status", "mailed"),
    [
        (User.NotificationMail.DAILY_DIGEST, Notification.MailStatus.DIGEST, 0),
        (User.NotificationMail.PORTAL_ONLY, Notification.MailStatus.PORTAL_ONLY, 0),
        (User.NotificationMail.IMMEDIATELY, Notification.MailStatus.SENT, 1),
    ],
)
def test_the_persons_choice_of_mail_is_honoured(
    delegate_a, first_session, django_capture_on_commit_callbacks, choice, mail_status, mailed
):
    delegate_a.notification_mail = choice
    delegate_a.save(update_fields=["notification_mail"])
    follow_session(user=delegate_a, session=first_session)

    with django_capture_on_commit_callbacks(execute=True):
        document_issue(document=DocumentFactory(session=first_session))

    assert Notification.objects.get().mail_status == mail_status
    assert len(mail.outbox) == mailed


# --- Issued: when a document becomes readable beyond the secretariat ---------------------------


def test_a_batch_document_is_issued_when_an_officer_opens_it_to_readers(
    client, conference_officer, delegate_a, first_session, django_capture_on_commit_callbacks
):
    base = DocumentFactory(symbol="OEC/GA/1/2", session=first_session, access="members")
    document_issue(document=base)
    follow_series(user=delegate_a, document=base)

    with django_capture_on_commit_callbacks(execute=True):
        report = document_batch_upload(archive=_zip({"OEC-GA-1-2-Add.1_en.pdf": minimal_pdf("A")}))
    assert report.created == ["OEC/GA/1/2/Add.1"]
    assert alerts() == []  # the secretariat's until an officer completes its record

    addendum = Document.objects.get(symbol="OEC/GA/1/2/Add.1")
    with django_capture_on_commit_callbacks(execute=True):
        admin_change(
            client, conference_officer, addendum, title_en="Budget: annex", access="members"
        )
    with django_capture_on_commit_callbacks(execute=True):
        admin_change(client, conference_officer, addendum, title_en="Budget: the annex")

    assert alerts() == [("delegate@member-a.example", "member-a", "OEC/GA/1/2/Add.1")]
    assert [m.subject for m in mail.outbox] == ["Addendum OEC/GA/1/2/Add.1: Budget: annex"]


def test_a_document_dated_in_the_future_is_issued_when_entered_as_it_is_visible_then(
    client, delegate_a, first_session, django_capture_on_commit_callbacks
):
    """No date hides a document (the register shows it at once): its alert goes at once too,
    and no later task sends it again."""
    follow_session(user=delegate_a, session=first_session)
    later = timezone.localdate() + datetime.timedelta(days=30)
    document = DocumentFactory(session=first_session, access="members", publication_date=later)

    with django_capture_on_commit_callbacks(execute=True):
        document_issue(document=document)

    client.force_login(delegate_a)
    assert client.get(document.get_absolute_url()).status_code == 200
    assert len(mail.outbox) == 1


# --- Following: who may, from which page -------------------------------------------------------


def test_a_visitor_is_asked_to_sign_in_to_follow(client, first_session):
    response = client.get(first_session.get_absolute_url())
    assert "Sign in to follow this session" in response.content.decode()

    response = client.post(reverse("governance:session_follow", args=[first_session.number]))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert not Follow.objects.exists()


def test_a_member_follows_and_unfollows_a_session_from_its_page(client, delegate_a, first_session):
    client.force_login(delegate_a)
    page = first_session.get_absolute_url()
    assert "Follow this session" in client.get(page).content.decode()

    follow_url = reverse("governance:session_follow", args=[first_session.number])
    assert client.post(follow_url)["Location"] == page
    client.post(follow_url)  # twice: still one
    [follow] = Follow.objects.all()
    assert (follow.user, follow.session) == (delegate_a, first_session)

    content = client.get(page).content.decode()
    assert "Unfollow this session" in content
    response = client.post(reverse("governance:unfollow", args=[follow.pk]), {"next": page})
    assert response["Location"] == page
    assert not Follow.objects.exists()


def test_following_a_revision_follows_its_whole_series(client, delegate_a, first_session):
    base = DocumentFactory(symbol="OEC/GA/1/2", session=first_session, access="members")
    revision = DocumentFactory(
        symbol="OEC/GA/1/2/Rev.1", revises=base, session=first_session, access="members"
    )
    client.force_login(delegate_a)
    assert "Follow this series" in client.get(revision.get_absolute_url()).content.decode()

    response = client.post(reverse("governance:document_follow", args=[revision.slug]))

    assert response["Location"] == revision.get_absolute_url()
    assert Follow.objects.get().document == base
    assert "Unfollow this series" in client.get(base.get_absolute_url()).content.decode()


def test_no_one_follows_a_document_they_may_not_read(
    client, partner_contact, delegate_b, member_a, first_session
):
    members = DocumentFactory(symbol="OEC/GA/1/2", session=first_session, access="members")
    restricted = DocumentFactory(
        symbol="OEC/GA/1/3", session=first_session, access="restricted", restricted_to=[member_a]
    )
    for person, document in ((partner_contact, members), (delegate_b, restricted)):
        client.force_login(person)
        response = client.post(reverse("governance:document_follow", args=[document.slug]))
        assert response.status_code == 404
    assert not Follow.objects.exists()


def test_no_one_unfollows_for_someone_else(client, delegate_a, delegate_b, first_session):
    follow = follow_session(user=delegate_a, session=first_session)
    client.force_login(delegate_b)
    assert client.post(reverse("governance:unfollow", args=[follow.pk])).status_code == 404
    assert Follow.objects.filter(pk=follow.pk).exists()


def test_the_notification_settings_list_what_i_follow(
    client, delegate_a, delegate_b, first_session, django_assert_max_num_queries
):
    base = DocumentFactory(
        symbol="OEC/GA/1/2", title_en="Budget", session=first_session, access="members"
    )
    DocumentFileFactory(document=base)
    follow_session(user=delegate_a, session=first_session)
    follow_series(user=delegate_a, document=base)
    follow_session(user=delegate_b, session=first_session)
    client.force_login(delegate_a)

    # The page's own queries and one for the list, whatever its length.
    with django_assert_max_num_queries(QUERIES_OF_THE_SETTINGS_PAGE):
        response = client.get(reverse("notifications:preferences"))

    content = response.content.decode()
    assert "What you follow" in content
    assert content.count("Unfollow") == 2
    assert "OEC/GA/1/2" in content and str(first_session) in content


def test_telling_many_followers_costs_the_same_queries_as_telling_two(
    host, member_a, member_b, first_session, django_assert_max_num_queries
):
    from members.models import Role
    from tests.factories import user_with_role

    document = DocumentFactory(session=first_session, access="members")
    for index in range(12):
        person = user_with_role(
            member_a if index % 2 else member_b, Role.DELEGATE, email=f"d{index}@member.example"
        )
        follow_session(user=person, session=first_session)

    with django_assert_max_num_queries(QUERIES_TO_ISSUE):
        document_issue(document=document)

    assert Notification.objects.count() == 12
