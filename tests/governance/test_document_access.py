"""The document policy, cell by cell: who sees which document in the register, search, detail
and download, guessed URLs included. "Not yours" answers exactly like "does not exist".
"""

import logging

import pytest
from django.db import connection
from django.urls import reverse

from governance.models import DocumentDownload
from governance.selectors import documents_visible_to
from governance.services import document_download_record, document_downloads_record

# viewer, access class: (in the register list, found by search, detail status, download status)
# A signed-out visitor is sent to sign in (302) for a members' document only
# (test_document_sign_in.py); everything else they may not see is 404.
MATRIX = {
    ("anonymous", "public"): (True, True, 200, 200),
    ("anonymous", "members"): (False, False, 302, 302),
    ("anonymous", "restricted"): (False, False, 404, 404),
    ("anonymous", "secretariat"): (False, False, 404, 404),
    ("delegate_a", "public"): (True, True, 200, 200),
    ("delegate_a", "members"): (True, True, 200, 200),
    ("delegate_a", "restricted"): (True, True, 200, 200),
    ("delegate_a", "secretariat"): (False, False, 404, 404),
    ("focal_a", "public"): (True, True, 200, 200),
    ("focal_a", "members"): (True, True, 200, 200),
    ("focal_a", "restricted"): (True, True, 200, 200),
    ("focal_a", "secretariat"): (False, False, 404, 404),
    ("delegate_b", "public"): (True, True, 200, 200),
    ("delegate_b", "members"): (True, True, 200, 200),
    ("delegate_b", "restricted"): (False, False, 404, 404),
    ("delegate_b", "secretariat"): (False, False, 404, 404),
    ("partner_contact", "public"): (True, True, 200, 200),
    ("partner_contact", "members"): (False, False, 404, 404),
    ("partner_contact", "restricted"): (False, False, 404, 404),
    ("partner_contact", "secretariat"): (False, False, 404, 404),
    ("secretariat", "public"): (True, True, 200, 200),
    ("secretariat", "members"): (True, True, 200, 200),
    ("secretariat", "restricted"): (True, True, 200, 200),
    ("secretariat", "secretariat"): (True, True, 200, 200),
}
VIEWERS = ["anonymous", "delegate_a", "focal_a", "delegate_b", "partner_contact", "secretariat"]
ACCESS_CLASSES = ["public", "members", "restricted", "secretariat"]


def _client_for(client, user):
    if user.is_authenticated:
        client.force_login(user)
    return client


def test_matrix_covers_every_viewer_and_access_class():
    assert set(MATRIX) == {(v, a) for v in VIEWERS for a in ACCESS_CLASSES}


@pytest.mark.parametrize("viewer", VIEWERS)
def test_document_matrix_for_viewer(client, roles, documents, viewer):
    client = _client_for(client, roles[viewer])
    listed = {d.symbol for d in client.get(reverse("governance:document_list")).context["page"]}
    for access in ACCESS_CLASSES:
        document = documents[access]
        in_list, in_search, detail_status, download_status = MATRIX[(viewer, access)]
        cell = f"{viewer} × {access}"
        assert (document.symbol in listed) is in_list, cell
        found = client.get(reverse("governance:document_list"), {"q": document.symbol})
        assert ([d.symbol for d in found.context["page"]] == [document.symbol]) is in_search, cell
        detail = client.get(document.get_absolute_url())
        assert detail.status_code == detail_status, cell
        download = client.get(
            reverse(
                "governance:document_download", kwargs={"symbol": document.slug, "language": "en"}
            )
        )
        assert download.status_code == download_status, cell


@pytest.mark.parametrize("viewer", VIEWERS)
def test_selector_and_has_perm_agree_for_every_access_class(roles, documents, viewer):
    user = roles[viewer]
    visible = set(documents_visible_to(user).values_list("symbol", flat=True))
    for access in ACCESS_CLASSES:
        document = documents[access]
        expected = MATRIX[(viewer, access)][0]
        assert (document.symbol in visible) is expected, f"{viewer} × {access} (selector)"
        assert user.has_perm("governance.read_document", document) is expected, (
            f"{viewer} × {access} (has_perm)"
        )


def test_guessed_urls_of_a_restricted_document_look_like_nothing_there(
    client, delegate_b, documents
):
    client.force_login(delegate_b)
    restricted = documents["restricted"]
    pairs = [
        (restricted.get_absolute_url(), "/en/documents/OEC-GA-1-999/"),
        (
            reverse("governance:document_download", args=[restricted.slug, "en"]),
            reverse("governance:document_download", args=["OEC-GA-1-999", "en"]),
        ),
        (
            reverse("governance:document_download", args=[restricted.slug, "fr"]),
            reverse("governance:document_download", args=[documents["public"].slug, "fr"]),
        ),
    ]
    for theirs_url, missing_url in pairs:
        theirs, missing = client.get(theirs_url), client.get(missing_url)
        assert (theirs.status_code, theirs.content) == (404, missing.content)


def test_download_of_a_public_pdf_is_inline_private_and_not_sniffed(client, db, documents):
    response = client.get(reverse("governance:document_download", args=["OEC-GA-1-1", "en"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="Programme of activities.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "private" in response["Cache-Control"]
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_download_of_a_docx_is_an_attachment_with_an_rfc6266_filename(client, db, documents):
    file = documents["public"].files.get()
    file.content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    file.original_filename = "Programme d’activités.docx"
    file.save()
    response = client.get(reverse("governance:document_download", args=["OEC-GA-1-1", "en"]))
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''Programme%20d%E2%80%99activit%C3%A9s.docx"
    )


def test_download_in_production_is_handed_to_nginx(client, settings, delegate_a, documents):
    settings.OEC_X_ACCEL_REDIRECT_PREFIX = "/protected/"
    client.force_login(delegate_a)
    file = documents["restricted"].files.get()
    response = client.get(reverse("governance:document_download", args=["OEC-GA-1-3", "en"]))
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/protected/{file.file.name}"
    assert response.content == b""
    assert response["Content-Disposition"] == 'inline; filename="Contributions of Member A.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "private" in response["Cache-Control"]


def test_download_is_audited_and_a_restricted_one_logged_as_security_event(
    client, delegate_a, member_a, documents, caplog
):
    client.force_login(delegate_a)
    with caplog.at_level(logging.INFO, logger="oec.security"):
        client.get(
            reverse("governance:document_download", args=["OEC-GA-1-3", "en"]),
            REMOTE_ADDR="192.0.2.7",
        )
        client.get(reverse("governance:document_download", args=["OEC-GA-1-1", "en"]))
    rows = list(
        DocumentDownload.objects.order_by("at").values_list(
            "symbol", "language", "user__email", "organisation__slug", "ip"
        )
    )
    assert rows == [
        ("OEC/GA/1/3", "en", "delegate@member-a.example", "member-a", "192.0.2.7"),
        ("OEC/GA/1/1", "en", "delegate@member-a.example", "member-a", "127.0.0.1"),
    ]
    security = [
        r.getMessage()
        for r in caplog.records
        if r.name == "oec.security" and "document download" in r.getMessage()
    ]
    assert len(security) == 1
    assert "symbol=OEC/GA/1/3" in security[0]
    assert f"user_id={delegate_a.pk}" in security[0]
    assert "organisation=member-a" in security[0]
    assert "ip=192.0.2.7" in security[0]


@pytest.mark.django_db(transaction=True)
def test_download_outside_a_transaction_commits_its_audit_row(delegate_a, member_a, documents):
    # As in production, where no transaction wraps a request: the row goes in with a commit
    # of its own, and the service gives it with its id.
    assert not connection.in_atomic_block
    download = document_download_record(
        document_file=documents["restricted"].files.get(),
        user=delegate_a,
        organisation=member_a,
        ip="192.0.2.7",
    )

    row = DocumentDownload.objects.values_list(
        "symbol", "language", "user__email", "organisation__slug", "ip"
    ).get(pk=download.pk)
    assert row == ("OEC/GA/1/3", "en", "delegate@member-a.example", "member-a", "192.0.2.7")


def test_audit_rows_read_back_as_they_were_recorded(delegate_a, member_a, documents):
    # Written with the one INSERT of members.private_file_downloads.write_download_records,
    # each value prepared by its field: what the ORM reads back is what was recorded.
    files = [documents["restricted"].files.get(), documents["public"].files.get()]
    recorded = document_downloads_record(
        document_files=files, user=delegate_a, organisation=member_a, ip="2001:db8::7"
    )

    read = DocumentDownload.objects.filter(pk__in=[row.pk for row in recorded]).order_by("pk")
    assert [
        (row.pk, row.symbol, row.at, row.ip, row.user_id, row.document_file_id) for row in read
    ] == [
        (row.pk, row.symbol, row.at, "2001:db8::7", delegate_a.pk, row.document_file_id)
        for row in recorded
    ]
    assert [row.document_file_id for row in read] == [file.pk for file in files]


def test_refused_download_writes_no_audit_row(client, delegate_b, documents):
    client.force_login(delegate_b)
    client.get(reverse("governance:document_download", args=["OEC-GA-1-3", "en"]))
    assert DocumentDownload.objects.count() == 0


def test_private_files_have_no_public_url(db, documents):
    file = documents["public"].files.get()
    with pytest.raises(NotImplementedError):
        file.file.url  # noqa: B018
