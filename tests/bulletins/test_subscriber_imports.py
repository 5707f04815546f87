"""Subscribers imported in the back office: consent recorded, double opt-in, all or nothing."""

import datetime

import pytest

from bulletins.models import Subscriber
from members.models import Role, Suppression
from tests.bulk_imports import (
    XLSX,
    export,
    export_file,
    import_rows,
    preview,
    row_errors,
    xlsx_file,
)
from tests.factories import SubscriberFactory, user_with_role

MODEL = "bulletins_subscriber"
HEADER = ["email", "language", "consent_evidence", "consented_on"]


@pytest.fixture
def officer_client(client, host, with_totp):
    officer = user_with_role(host, Role.PARTNERSHIPS, email="partnerships@oec.example")
    with_totp(officer)
    client.force_login(officer)
    client.officer = officer
    return client


def test_subscribers_preview_writes_nothing_and_mails_nobody(officer_client, mailoutbox):
    upload = xlsx_file(
        [HEADER, ["Reader@Public.example", "fr", "Paper form, NGO Conference", "2026-11-20"]]
    )
    response = preview(officer_client, MODEL, upload, file_format=XLSX)
    assert response.context["confirm_form"] is not None
    assert Subscriber.objects.count() == 0
    assert mailoutbox == []


def test_imported_subscribers_record_consent_and_get_the_confirmation_link(
    officer_client, mailoutbox, django_capture_on_commit_callbacks
):
    confirmed = SubscriberFactory(email="known@public.example", language="en")
    upload = xlsx_file(
        [
            HEADER,
            ["reader@public.example", "fr", "Paper form, NGO Conference", "2026-11-20"],
            ["known@public.example", "es", "", ""],
        ]
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert import_rows(officer_client, MODEL, upload, file_format=XLSX).status_code == 302
    reader = Subscriber.objects.get(email="reader@public.example")
    assert (reader.language, reader.confirmed_at, reader.consent_source) == ("fr", None, "import")
    assert (reader.consent_evidence, reader.consented_on) == (
        "Paper form, NGO Conference",
        datetime.date(2026, 11, 20),
    )
    assert reader.consent_recorded_by == officer_client.officer
    confirmed.refresh_from_db()
    assert (confirmed.language, confirmed.consent_source) == ("es", "web_form")
    assert [message.to for message in mailoutbox] == [["reader@public.example"]]


def test_a_suppressed_address_or_a_missing_consent_refuses_the_file(officer_client, mailoutbox):
    Suppression.objects.create(email="gone@public.example", reason="unsubscribed")
    upload = xlsx_file(
        [
            HEADER,
            ["reader@public.example", "fr", "Paper form", "2026-11-20"],
            ["gone@public.example", "fr", "Paper form", "2026-11-20"],
            ["new@public.example", "fr", "", ""],
        ]
    )
    response = preview(officer_client, MODEL, upload, file_format=XLSX)
    assert row_errors(response) == {
        2: [
            "email: This address asked not to be mailed, or cannot be: it cannot be "
            "subscribed by an import."
        ],
        3: [
            "consent_evidence: Say where and how the person asked for the bulletin.",
            "consented_on: Give the date on which the person asked for it.",
        ],
    }
    assert Subscriber.objects.count() == 0
    assert mailoutbox == []


def test_subscribers_export_round_trips(officer_client, django_assert_max_num_queries):
    for number in range(6):
        SubscriberFactory(email=f"reader{number}@public.example", consent_evidence="Form")
    with django_assert_max_num_queries(12):
        dataset = export(officer_client, MODEL)
    assert dataset.headers[:5] == [*HEADER, "consent_source"]
    assert len(dataset) == 6
    upload = export_file(officer_client, MODEL, file_format=XLSX)
    response = preview(officer_client, MODEL, upload, file_format=XLSX)
    assert {row.import_type for row in response.context["result"].valid_rows()} == {"skip"}


def test_a_communications_officer_may_not_import_subscribers(client, secretariat_editor, with_totp):
    with_totp(secretariat_editor)
    client.force_login(secretariat_editor)
    assert client.get("/admin/bulletins/subscriber/import/").status_code == 403
    assert client.get("/admin/bulletins/subscriber/export/").status_code == 403
