"""A document opened to more readers after it was issued: the followers it now reaches are told
then, once; those told before are not told again, and narrowing it tells nobody."""

from django.core import mail

from governance.alerts import document_access_widen, follow_session
from tests.factories import DocumentFactory

from .test_document_alerts import admin_add, admin_change, alerts


def test_followers_of_an_organisation_added_to_a_restricted_document_are_told_then(
    client,
    conference_officer,
    member_a,
    member_b,
    delegate_a,
    delegate_b,
    first_session,
    django_capture_on_commit_callbacks,
):
    for person in (delegate_a, delegate_b):
        follow_session(user=person, session=first_session)
    with django_capture_on_commit_callbacks(execute=True):
        document = admin_add(
            client,
            conference_officer,
            first_session,
            access="restricted",
            restricted_to=[member_a.pk],
        )
    assert alerts() == [("delegate@member-a.example", "member-a", "OEC/GA/1/12")]

    with django_capture_on_commit_callbacks(execute=True):
        admin_change(client, conference_officer, document, restricted_to=[member_a.pk, member_b.pk])

    assert alerts() == [
        ("delegate@member-a.example", "member-a", "OEC/GA/1/12"),
        ("delegate@member-b.example", "member-b", "OEC/GA/1/12"),
    ]
    assert [message.to for message in mail.outbox] == [[delegate_a.email], [delegate_b.email]]


def test_opening_a_document_to_all_members_tells_only_those_not_yet_told(
    client,
    conference_officer,
    member_a,
    delegate_a,
    delegate_b,
    first_session,
    django_capture_on_commit_callbacks,
):
    for person in (delegate_a, delegate_b):
        follow_session(user=person, session=first_session)
    with django_capture_on_commit_callbacks(execute=True):
        document = admin_add(
            client,
            conference_officer,
            first_session,
            access="restricted",
            restricted_to=[member_a.pk],
        )
        admin_change(client, conference_officer, document, access="members")
        # Saved again, and narrowed back: nobody is told again.
        admin_change(client, conference_officer, document, title_en="Budget proposal (final)")
        admin_change(
            client, conference_officer, document, access="restricted", restricted_to=[member_a.pk]
        )

    assert alerts() == [
        ("delegate@member-a.example", "member-a", "OEC/GA/1/12"),
        ("delegate@member-b.example", "member-b", "OEC/GA/1/12"),
    ]
    assert len(mail.outbox) == 2


def test_a_document_not_yet_issued_is_not_announced_by_a_change_of_access(
    member_a, delegate_a, first_session
):
    follow_session(user=delegate_a, session=first_session)
    document = DocumentFactory(session=first_session, access="secretariat")

    assert document_access_widen(document=document) == 0
    assert alerts() == []
