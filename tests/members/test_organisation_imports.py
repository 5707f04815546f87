"""Organisations imported and exported by the secretariat's administrators."""

import pytest

from members.models import Organisation, Role
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
from tests.factories import user_with_role

MODEL = "members_organisation"
HEADER = ["slug", "kind", "name_en", "name_fr", "country", "region", "status"]


@pytest.fixture
def admin_client(client, secretariat_admin, with_totp):
    with_totp(secretariat_admin)
    client.force_login(secretariat_admin)
    return client


def test_organisations_import_after_the_preview(admin_client, host):
    upload = csv_file(
        [HEADER, ["senegal", "founding_state", "Senegal", "Sénégal", "SN", "", "active"]]
    )
    previewed = preview(admin_client, MODEL, upload)
    assert not Organisation.objects.filter(slug="senegal").exists()
    assert previewed.context["confirm_form"] is not None
    assert (
        import_rows(
            admin_client,
            MODEL,
            csv_file(
                [HEADER, ["senegal", "founding_state", "Senegal", "Sénégal", "SN", "", "active"]]
            ),
        ).status_code
        == 302
    )
    senegal = Organisation.objects.get(slug="senegal")
    assert (senegal.name_en, senegal.name_fr, senegal.region) == ("Senegal", "Sénégal", "africa")


def test_an_organisations_file_with_a_wrong_row_writes_nothing(admin_client, host, member_a):
    upload = csv_file(
        [
            HEADER,
            ["senegal", "founding_state", "Senegal", "", "SN", "", "active"],
            ["oec", "host", "Another body", "", "", "", "active"],
            ["member-a", "partner_ngo", "Member A", "", "DJ", "europe_north_america", "active"],
        ]
    )
    response = preview(admin_client, MODEL, upload)
    errors = row_errors(response)
    assert errors[2] == [
        "kind: Only member states, associate members and partner NGOs are imported."
    ]
    assert errors[3] == [
        "kind: An import does not change the kind of an organisation.",
        "region: Djibouti is in the region “Africa”: choose that region or leave the field empty.",
    ]
    assert not Organisation.objects.filter(slug="senegal").exists()


def test_organisations_export_leaves_the_body_out_and_round_trips(
    admin_client, host, member_a, member_b
):
    Organisation.objects.filter(pk=member_b.pk).update(region="latin_america_caribbean")
    dataset = export(admin_client, MODEL)
    assert [row[0] for row in dataset] == ["member-a", "member-b"]
    for file_format in (CSV, XLSX):
        upload = export_file(admin_client, MODEL, file_format=file_format)
        response = preview(admin_client, MODEL, upload, file_format=file_format)
        assert row_errors(response) == {}
        # Empty translations stay empty (NULL): the file imports again without a change.
        assert [row.import_type for row in response.context["result"].valid_rows()] == [
            "skip",
            "skip",
        ]
    assert Organisation.objects.count() == 3


@pytest.mark.parametrize("role", [Role.PARTNERSHIPS, Role.COMMUNICATIONS])
def test_only_administrators_import_organisations(client, host, with_totp, role):
    officer = user_with_role(host, role, email="officer@oec.example")
    with_totp(officer)
    client.force_login(officer)
    assert client.get("/admin/members/organisation/import/").status_code == 403
    assert client.get("/admin/members/organisation/export/").status_code == 403
