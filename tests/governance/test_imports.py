"""Office holders and delegation lists imported and exported by conference services."""

import pytest

from governance.models import Delegation, DelegationMember, OfficeHolder
from members.models import Role
from tests.bulk_imports import (
    CSV,
    XLSX,
    csv_file,
    export,
    export_file,
    import_rows,
    preview,
    row_errors,
)
from tests.factories import OfficeHolderFactory, user_with_role

DELEGATIONS = "governance_delegation"
HOLDERS = "governance_officeholder"
LIST_HEADER = ["session", "organisation", "email", "name", "is_head"]


@pytest.fixture
def officer_client(client, conference_officer):
    client.force_login(conference_officer)
    return client


def test_office_holders_import_and_round_trip(officer_client, host):
    OfficeHolderFactory(organisation=host)
    header = ["organisation", "post", "person_name", "title_en", "term_start", "term_end"]
    upload = csv_file(
        [header, ["oec", "assembly_president", "Amina Diallo", "Her Excellency", "2021-12-07", ""]]
    )
    assert preview(officer_client, HOLDERS, upload).context["confirm_form"] is not None
    assert OfficeHolder.objects.count() == 1
    upload = csv_file(
        [header, ["oec", "assembly_president", "Amina Diallo", "Her Excellency", "2021-12-07", ""]]
    )
    assert import_rows(officer_client, HOLDERS, upload).status_code == 302
    assert OfficeHolder.objects.filter(person_name="Amina Diallo", organisation=host).exists()
    for file_format in (CSV, XLSX):
        upload = export_file(officer_client, HOLDERS, file_format=file_format)
        response = preview(officer_client, HOLDERS, upload, file_format=file_format)
        assert row_errors(response) == {}
        # Empty translations stay empty (NULL): the file imports again without a change.
        assert [row.import_type for row in response.context["result"].valid_rows()] == [
            "skip",
            "skip",
        ]
    assert OfficeHolder.objects.count() == 2


def test_an_office_holder_of_another_organisation_is_refused(officer_client, host, member_a):
    header = ["organisation", "post", "person_name", "term_start"]
    upload = csv_file([header, ["member-a", "secretary_general", "Someone", "2021-12-07"]])
    response = preview(officer_client, HOLDERS, upload)
    assert row_errors(response) == {
        1: ["organisation: No organisation of the right kind has the slug “member-a”."]
    }


def test_a_delegation_list_makes_the_delegation_and_its_people(
    officer_client, first_session, member_a, delegate_a
):
    upload = csv_file(
        [
            LIST_HEADER,
            ["1", "member-a", "Delegate@Member-A.example", "", "1"],
            ["1", "member-a", "guest@ministry.example", "Rui Costa", "0"],
        ]
    )
    previewed = preview(officer_client, DELEGATIONS, upload)
    assert previewed.context["confirm_form"] is not None
    assert Delegation.objects.count() == 0
    upload = csv_file(
        [
            LIST_HEADER,
            ["1", "member-a", "Delegate@Member-A.example", "", "1"],
            ["1", "member-a", "guest@ministry.example", "Rui Costa", "0"],
        ]
    )
    assert import_rows(officer_client, DELEGATIONS, upload).status_code == 302
    delegation = Delegation.objects.get(session=first_session, organisation=member_a)
    assert delegation.status == "draft"
    assert [(m.user, m.guest_name, m.is_head) for m in delegation.members.all()] == [
        (delegate_a, "", True),
        (None, "Rui Costa", False),
    ]


def test_a_delegation_list_with_a_wrong_row_writes_nothing(
    officer_client, first_session, member_a, host
):
    upload = csv_file(
        [
            LIST_HEADER,
            ["1", "member-a", "guest@ministry.example", "Rui Costa", "1"],
            ["1", "member-a", "other@ministry.example", "Ana Lima", "1"],
            ["9", "member-a", "x@ministry.example", "X", "0"],
            ["1", "oec", "y@ministry.example", "Y", "0"],
        ]
    )
    response = preview(officer_client, DELEGATIONS, upload)
    assert row_errors(response) == {
        2: ["is_head: Rui Costa heads this delegation already."],
        3: ["session: The General Assembly has no session number “9”."],
        4: ["organisation: No organisation of the right kind has the slug “oec”."],
    }
    assert Delegation.objects.count() == 0
    assert DelegationMember.objects.count() == 0


def test_the_delegation_lists_export_in_few_queries(
    officer_client, first_session, member_a, member_b, django_assert_max_num_queries
):
    for organisation in (member_a, member_b):
        delegation = Delegation.objects.create(session=first_session, organisation=organisation)
        for number in range(5):
            DelegationMember.objects.create(
                delegation=delegation,
                guest_name=f"Guest {number}",
                guest_email=f"g{number}@{organisation.slug}.example",
            )
    with django_assert_max_num_queries(12):
        dataset = export(officer_client, DELEGATIONS)
    assert len(dataset) == 10
    assert (
        dataset[0] == ("1", "member-a", "g0@member-a.example", "Guest 0", "0", "draft")
        or dataset[0][1] == "member-a"
    )


@pytest.mark.parametrize("role", [Role.PARTNERSHIPS, Role.COMMUNICATIONS])
def test_other_officers_may_not_import_delegations(client, host, with_totp, role):
    officer = user_with_role(host, role, email="officer@oec.example")
    with_totp(officer)
    client.force_login(officer)
    assert client.get("/admin/governance/delegation/import/").status_code == 403
    assert client.get("/admin/governance/officeholder/export/").status_code == 403
