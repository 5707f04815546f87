"""Bulk import and export of partner contacts, partnerships and their status history in the
partnerships officers' back office: previewed, all or nothing, refused row by row."""

import datetime

import pytest
import time_machine

from members.models import Organisation, Role
from partnerships.models import Contact, Partnership, PartnershipStatusChange
from tests.bulk_imports import (
    CSV,
    XLSX,
    confirm,
    csv_file,
    export,
    export_file,
    import_rows,
    preview,
    row_errors,
)
from tests.factories import (
    ContactFactory,
    PartnerOrganisationFactory,
    PartnershipFactory,
    StatusChangeFactory,
    user_with_role,
)

CONTACTS = "partnerships_contact"
PARTNERSHIPS = "partnerships_partnership"
HEADER = ["organisation", "name", "email", "preferred_language", "receives_bulletin"]


@pytest.fixture
def officer_client(client, partnerships_officer, with_totp):
    with_totp(partnerships_officer)
    client.force_login(partnerships_officer)
    return client


def test_contacts_preview_writes_nothing(officer_client, partner):
    upload = csv_file([HEADER, ["partner-ngo", "Ana Ruiz", "Ana@NGO.example", "es", "1"]])
    response = preview(officer_client, CONTACTS, upload)
    assert response.status_code == 200
    assert response.context["confirm_form"] is not None
    assert [row.import_type for row in response.context["result"].valid_rows()] == ["new"]
    assert Contact.objects.count() == 0


def test_contacts_import_creates_and_updates_after_confirmation(officer_client, partner):
    ContactFactory(organisation=partner, email="ana@ngo.example", name="A. Ruiz")
    upload = csv_file(
        [
            HEADER,
            ["partner-ngo", "Ana Ruiz", "Ana@NGO.example", "es", "0"],
            ["partner-ngo", "Omar Haddad", "omar@ngo.example", "ar", ""],
        ]
    )
    response = import_rows(officer_client, CONTACTS, upload)
    assert response.status_code == 302
    contacts = Contact.objects.order_by("email").values_list(
        "organisation__slug", "name", "email", "preferred_language", "receives_bulletin"
    )
    assert list(contacts) == [
        ("partner-ngo", "Ana Ruiz", "ana@ngo.example", "es", False),
        ("partner-ngo", "Omar Haddad", "omar@ngo.example", "ar", True),
    ]


def test_contacts_with_one_bad_row_are_refused_and_nothing_is_written(officer_client, partner):
    member = Organisation.objects.create(kind="founding_state", name="State", slug="state")
    upload = csv_file(
        [
            HEADER,
            ["partner-ngo", "Ana Ruiz", "ana@ngo.example", "es", "1"],
            ["no-such-ngo", "Omar Haddad", "omar@ngo.example", "ar", "1"],
            [member.slug, "Lea Blanc", "lea@state.example", "fr", "1"],
            ["partner-ngo", "Zoe Roy", "not-an-address", "xx", "1"],
        ]
    )
    response = preview(officer_client, CONTACTS, upload)
    assert response.context.get("confirm_form") is None
    assert row_errors(response) == {
        2: ["organisation: No organisation of the right kind has the slug “no-such-ngo”."],
        3: ["organisation: No organisation of the right kind has the slug “state”."],
        4: [
            "email: Enter a valid email address.",
            "preferred_language: Value 'xx' is not a valid choice.",
        ],
    }
    assert (
        "No organisation of the right kind has the slug “no-such-ngo”." in response.content.decode()
    )
    assert Contact.objects.count() == 0


def test_contacts_export_round_trips_in_csv_and_xlsx(officer_client, partner):
    ContactFactory(organisation=partner, email="ana@ngo.example", name="Ana Ruiz")
    ContactFactory(organisation=partner, email="omar@ngo.example", name="Omar Haddad")
    for file_format in (CSV, XLSX):
        dataset = export(officer_client, CONTACTS, file_format=file_format)
        assert dataset.headers == [*HEADER, "user_account"]
        assert [row[:3] for row in dataset] == [
            ("partner-ngo", "Ana Ruiz", "ana@ngo.example"),
            ("partner-ngo", "Omar Haddad", "omar@ngo.example"),
        ]
        upload = export_file(officer_client, CONTACTS, file_format=file_format)
        response = preview(officer_client, CONTACTS, upload, file_format=file_format)
        assert [row.import_type for row in response.context["result"].valid_rows()] == [
            "skip",
            "skip",
        ]
    assert Contact.objects.count() == 2


def test_contacts_export_needs_a_fixed_number_of_queries(
    officer_client, partner, django_assert_max_num_queries
):
    for number in range(12):
        ContactFactory(organisation=PartnerOrganisationFactory(), user=None)
        ContactFactory(organisation=partner, email=f"person{number}@ngo.example")
    with django_assert_max_num_queries(12):
        dataset = export(officer_client, CONTACTS)
    assert len(dataset) == 24


@pytest.mark.parametrize("role", [Role.COMMUNICATIONS, Role.CONFERENCE_SERVICES])
def test_other_officers_may_not_import_or_export_partnerships(client, host, with_totp, role):
    officer = user_with_role(host, role, email="officer@oec.example")
    with_totp(officer)
    client.force_login(officer)
    assert client.get("/admin/partnerships/partnership/import/").status_code == 403
    assert client.get("/admin/partnerships/partnership/export/").status_code == 403
    assert client.get("/admin/partnerships/contact/import/").status_code == 403


def test_members_may_not_import_partnerships(client, focal_a, partner_contact):
    for user in (focal_a, partner_contact):
        client.force_login(user)
        response = client.get("/admin/partnerships/partnership/import/")
        assert response.status_code == 302 and "/login/" in response["Location"]


# --- partnerships and their history --------------------------------------------------------------

PARTNERSHIP_HEADER = [
    "organisation",
    "status",
    "admitted_on",
    "geographic_scope",
    "fields_of_competence",
    "functional_areas",
]


@time_machine.travel(datetime.datetime(2026, 12, 7, 10, tzinfo=datetime.UTC), tick=False)
def test_a_new_partnership_starts_its_history_with_the_import(
    officer_client, partnerships_officer, education, advocacy
):
    PartnerOrganisationFactory(slug="readers", status="pending")
    upload = csv_file(
        [
            PARTNERSHIP_HEADER,
            ["readers", "consultative", "2019-05-01", "regional", "education", "advocacy"],
        ]
    )
    assert import_rows(officer_client, PARTNERSHIPS, upload, resource="0").status_code == 302
    partnership = Partnership.objects.get(organisation__slug="readers")
    assert (partnership.status, partnership.admitted_on) == (
        "consultative",
        datetime.date(2019, 5, 1),
    )
    assert list(partnership.fields_of_competence.all()) == [education]
    assert list(partnership.functional_areas.all()) == [advocacy]
    assert partnership.organisation.status == "active"
    assert list(
        partnership.status_changes.values_list(
            "from_status", "to_status", "decided_on", "recorded_by"
        )
    ) == [("", "consultative", datetime.date(2019, 5, 1), partnerships_officer.pk)]


def test_a_partnership_import_refuses_a_change_of_status_and_unknown_codes(
    officer_client, partnership
):
    upload = csv_file(
        [
            PARTNERSHIP_HEADER,
            ["partner-ngo", "associate", "2022-03-01", "regional", "education,cooking", ""],
        ]
    )
    response = preview(officer_client, PARTNERSHIPS, upload, resource="0")
    assert row_errors(response) == {
        1: [
            "fields_of_competence: Unknown codes: cooking.",
            "status: A change of status is a decision: import it with the status history, "
            "or record it on the partnership's page.",
        ]
    }
    partnership.refresh_from_db()
    assert (partnership.status, partnership.geographic_scope) == ("consultative", "international")


HISTORY_HEADER = ["organisation", "decided_on", "from_status", "to_status", "deciding_body"]


def test_the_status_history_adds_decisions_by_the_framework_rules(
    officer_client, partnership, partnerships_officer
):
    upload = csv_file(
        [
            HISTORY_HEADER,
            ["partner-ngo", "2021-09-01", "", "applicant", "Executive Board"],
            ["partner-ngo", "2022-03-01", "applicant", "consultative", "Executive Board"],
            ["partner-ngo", "2023-06-01", "consultative", "suspended", "Executive Board"],
            ["partner-ngo", "2024-01-15", "suspended", "consultative", "Executive Board"],
        ]
    )
    previewed = preview(officer_client, PARTNERSHIPS, upload, resource="1")
    kinds = [row.import_type for row in previewed.context["result"].valid_rows()]
    assert kinds == ["skip", "skip", "new", "new"]
    assert partnership.status_changes.count() == 2
    assert confirm(officer_client, PARTNERSHIPS, previewed).status_code == 302
    partnership.refresh_from_db()
    assert partnership.status == "consultative"
    assert list(partnership.status_changes.values_list("to_status", "recorded_by")) == [
        ("applicant", None),
        ("consultative", None),
        ("suspended", partnerships_officer.pk),
        ("consultative", partnerships_officer.pk),
    ]


def test_a_history_with_one_impossible_decision_changes_nothing(officer_client, partnership):
    upload = csv_file(
        [
            HISTORY_HEADER,
            ["partner-ngo", "2023-06-01", "consultative", "suspended", "Executive Board"],
            ["partner-ngo", "2023-07-01", "suspended", "associate", "Executive Board"],
        ]
    )
    response = preview(officer_client, PARTNERSHIPS, upload, resource="1")
    assert row_errors(response) == {
        2: ["Associate status needs at least 2 years of consultative status."]
    }
    partnership.refresh_from_db()
    assert partnership.status == "consultative"
    assert PartnershipStatusChange.objects.count() == 2


def test_the_history_export_imports_again_without_a_change(officer_client, partnership):
    other = PartnershipFactory()
    StatusChangeFactory(partnership=other, from_status="", to_status="consultative")
    dataset = export(officer_client, PARTNERSHIPS, resource="1")
    assert [row[:4] for row in dataset] == [
        (other.organisation.slug, "2022-03-01", "", "consultative"),
        ("partner-ngo", "2021-09-01", "", "applicant"),
        ("partner-ngo", "2022-03-01", "applicant", "consultative"),
    ]
    for file_format in (CSV, XLSX):
        upload = export_file(officer_client, PARTNERSHIPS, resource="1", file_format=file_format)
        response = preview(
            officer_client, PARTNERSHIPS, upload, resource="1", file_format=file_format
        )
        assert [row.import_type for row in response.context["result"].valid_rows()] == ["skip"] * 3
    assert PartnershipStatusChange.objects.count() == 3
