"""A session's documents in one language as one ZIP: exactly the files the user may read,
each audited as a single download is, streamed, linked from the session's page."""

import io
import logging
import zipfile

import pytest

from governance.models import DocumentDownload
from tests.factories import DocumentFileFactory, governance_pdf_file

URL = "/en/assembly/1/documents/en.zip"


def names(response):
    assert response.status_code == 200
    assert response.streaming
    body = b"".join(response.streaming_content)
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        assert archive.testzip() is None  # every entry reads back whole (CRC checked)
        return sorted(archive.namelist())


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", ["OEC-GA-1-1-en.pdf"]),
        ("delegate_a", ["OEC-GA-1-1-en.pdf", "OEC-GA-1-2-en.pdf", "OEC-GA-1-3-en.pdf"]),
        ("delegate_b", ["OEC-GA-1-1-en.pdf", "OEC-GA-1-2-en.pdf"]),
        ("partner_contact", ["OEC-GA-1-1-en.pdf"]),
        (
            "conference_officer",
            ["OEC-GA-1-1-en.pdf", "OEC-GA-1-2-en.pdf", "OEC-GA-1-3-en.pdf", "OEC-GA-1-4-en.pdf"],
        ),
    ],
)
def test_the_zip_holds_exactly_the_files_the_user_may_read(
    client, documents, role, expected, request
):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    assert names(client.get(URL)) == expected


def test_the_zip_holds_the_files_in_its_language_only(client, documents):
    DocumentFileFactory(
        document=documents["public"], language="fr", file=governance_pdf_file("Programme")
    )
    assert names(client.get("/en/assembly/1/documents/fr.zip")) == ["OEC-GA-1-1-fr.pdf"]
    assert client.get("/en/assembly/1/documents/es.zip").status_code == 404


def test_each_file_of_the_zip_is_audited(client, documents, delegate_a, member_a, caplog):
    client.force_login(delegate_a)
    with caplog.at_level(logging.INFO, logger="oec.security"):
        response = client.get(URL, REMOTE_ADDR="192.0.2.7")
    assert response["Content-Disposition"] == ('attachment; filename="OEC-GA-1-documents-en.zip"')
    assert response["Content-Type"] == "application/zip"
    assert "private" in response["Cache-Control"]
    rows = DocumentDownload.objects.order_by("symbol")
    assert [(row.symbol, row.language, row.user, row.organisation, row.ip) for row in rows] == [
        ("OEC/GA/1/1", "en", delegate_a, member_a, "192.0.2.7"),
        ("OEC/GA/1/2", "en", delegate_a, member_a, "192.0.2.7"),
        ("OEC/GA/1/3", "en", delegate_a, member_a, "192.0.2.7"),
    ]
    events = [r.getMessage() for r in caplog.records if "restricted document" in r.getMessage()]
    assert len(events) == 1 and "symbol=OEC/GA/1/3" in events[0]


def test_the_files_in_the_zip_are_the_stored_files(client, documents):
    response = client.get(URL)
    body = b"".join(response.streaming_content)
    stored = documents["public"].files.get().file
    with zipfile.ZipFile(io.BytesIO(body)) as archive, stored.open("rb") as original:
        assert archive.read("OEC-GA-1-1-en.pdf") == original.read()


def test_no_file_to_read_or_no_such_session_or_language_is_not_found(client, first_session):
    assert client.get(URL).status_code == 404  # a session without files
    assert client.get("/en/assembly/9/documents/en.zip").status_code == 404
    assert client.get("/en/assembly/1/documents/xx.zip").status_code == 404
    assert DocumentDownload.objects.count() == 0


def test_the_session_page_links_a_zip_per_language_the_user_has_files_in(client, documents):
    html = client.get("/en/assembly/1/").content.decode()
    assert 'href="/en/assembly/1/documents/en.zip" hreflang="en"' in html
    assert "documents/fr.zip" not in html
    assert "English (ZIP)" in html


def test_the_zip_query_count_stays_flat(client, documents, django_assert_max_num_queries):
    for number in range(5, 15):
        DocumentFileFactory(document__symbol=f"OEC/GA/1/{number}", document__access="public")
    with django_assert_max_num_queries(4):
        response = client.get(URL)
        assert len(names(response)) == 11
