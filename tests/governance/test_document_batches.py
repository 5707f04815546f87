"""Documents in batches: a ZIP of language files named by symbol and language, each file
checked as a single upload is, each document changed whole or not at all."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from governance.demo import minimal_pdf
from governance.document_batches import MAX_BATCH_ENTRIES, document_batch_upload
from governance.models import Document
from members.models import Role
from tests.factories import (
    DocumentFactory,
    DocumentFileFactory,
    user_with_role,
)

EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
BATCH = "/admin/governance/document/batch/"


def _zip(files, name="batch.zip"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for entry, content in files.items():
            archive.writestr(entry, content)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/zip")


def _stored_files(settings):
    return sorted(p for p in Path(settings.PRIVATE_MEDIA_ROOT).rglob("*") if p.is_file())


@pytest.fixture
def budget(host, first_session):
    document = DocumentFactory(
        symbol="OEC/GA/1/3", session=first_session, organisation=host, access="public"
    )
    DocumentFileFactory(document=document, language="en")
    return document


def test_a_batch_creates_adds_and_replaces(budget, first_session):
    report = document_batch_upload(
        archive=_zip(
            {
                "OEC-GA-1-3_en.pdf": minimal_pdf("Budget"),
                "OEC-GA-1-3_fr.pdf": minimal_pdf("Budget"),
                "session-1/OEC-GA-1-7_ar.pdf": minimal_pdf("Report"),
            }
        )
    )
    assert report.created == ["OEC/GA/1/7"]
    assert report.added == ["OEC/GA/1/3 (fr)", "OEC/GA/1/7 (ar)"]
    assert report.replaced == ["OEC/GA/1/3 (en)"]
    assert report.refused == []
    new = Document.objects.get(symbol="OEC/GA/1/7")
    assert (new.title_en, new.session, new.access, new.type) == (
        "OEC/GA/1/7",
        first_session,
        "secretariat",
        "working_paper",
    )
    assert sorted(budget.files.values_list("language", "original_filename")) == [
        ("en", "OEC-GA-1-3_en.pdf"),
        ("fr", "OEC-GA-1-3_fr.pdf"),
    ]


def test_bad_names_and_unsafe_paths_are_refused_and_never_written(budget, settings):
    before = _stored_files(settings)
    report = document_batch_upload(
        archive=_zip(
            {
                "../../etc/OEC-GA-1-3_fr.pdf": minimal_pdf("x"),
                "/abs/OEC-GA-1-3_es.pdf": minimal_pdf("x"),
                "budget-final.pdf": minimal_pdf("x"),
                "OEC-GA-1-3_de.pdf": minimal_pdf("x"),
                "OEC-GA-9-1_en.pdf": minimal_pdf("x"),
            }
        )
    )
    assert report.created == report.added == report.replaced == []
    assert report.refused == [
        ("../../etc/OEC-GA-1-3_fr.pdf", "The name leaves the archive's folder."),
        ("/abs/OEC-GA-1-3_es.pdf", "The name leaves the archive's folder."),
        ("budget-final.pdf", "The name is not a symbol and a language, e.g. OEC-GA-2-3_fr.pdf."),
        ("OEC-GA-1-3_de.pdf", "“de” is not a language of the register."),
        ("OEC-GA-9-1_en.pdf", "No session GA 9 is in the register for this symbol."),
    ]
    assert _stored_files(settings) == before
    assert not Document.objects.filter(symbol="OEC/GA/9/1").exists()


def test_one_unsafe_file_leaves_its_document_untouched(budget, settings):
    before = _stored_files(settings)
    report = document_batch_upload(
        archive=_zip(
            {
                "OEC-GA-1-3_fr.pdf": minimal_pdf("Budget"),
                "OEC-GA-1-3_es.pdf": b"<html><script>alert(1)</script></html>",
                "OEC-GA-1-8_en.pdf": minimal_pdf("Other"),
            }
        )
    )
    assert report.created == ["OEC/GA/1/8"]
    assert report.added == ["OEC/GA/1/8 (en)"]
    reason = "OEC-GA-1-3_es.pdf: Upload a PDF, DOCX, XLSX, PPTX, ODT or ODS file."
    assert report.refused == [("OEC-GA-1-3_fr.pdf", reason), ("OEC-GA-1-3_es.pdf", reason)]
    assert list(budget.files.values_list("language", flat=True)) == ["en"]
    assert len(_stored_files(settings)) == len(before) + 1


def test_an_infected_file_is_refused(budget, settings, monkeypatch):
    class Clamd:
        """clamd's answers, as members/antivirus.py reads them (tests/governance/test_antivirus.py
        runs the real daemon where it is installed)."""

        def instream(self, uploaded):
            found = EICAR in uploaded.read()
            return {"stream": ("FOUND", "Eicar-Test-Signature") if found else ("OK", None)}

    settings.OEC_ANTIVIRUS_URL = "tcp://127.0.0.1:3310"
    monkeypatch.setattr("members.antivirus._clamd", lambda url: Clamd())
    report = document_batch_upload(
        archive=_zip(
            {
                "OEC-GA-1-3_fr.pdf": minimal_pdf("Budget") + EICAR,
                "OEC-GA-1-3_es.pdf": minimal_pdf("B"),
            }
        )
    )
    reason = (
        "OEC-GA-1-3_fr.pdf: This file was refused: the virus scan found "
        "“Eicar-Test-Signature” in it."
    )
    # Its document is changed whole or not at all: the clean Spanish file is not kept either.
    assert report.added == []
    assert report.refused == [("OEC-GA-1-3_fr.pdf", reason), ("OEC-GA-1-3_es.pdf", reason)]
    assert list(budget.files.values_list("language", flat=True)) == ["en"]


def test_a_zip_bomb_and_too_many_entries_are_refused(budget):
    bomb = document_batch_upload(archive=_zip({"OEC-GA-1-3_fr.pdf": b"%PDF-" + b"0" * 5_000_000}))
    assert bomb.refused == [
        ("OEC-GA-1-3_fr.pdf", "The file unpacks to more than the size allowed.")
    ]
    many = {f"OEC-GA-1-{number}_en.pdf": b"%PDF-" for number in range(MAX_BATCH_ENTRIES + 1)}
    with pytest.raises(Exception, match=f"more than {MAX_BATCH_ENTRIES} files"):
        document_batch_upload(archive=_zip(many))
    with pytest.raises(Exception, match="Upload a ZIP archive"):
        document_batch_upload(archive=SimpleUploadedFile("batch.zip", minimal_pdf("x")))
    assert list(budget.files.values_list("language", flat=True)) == ["en"]


def test_the_back_office_page_reports_the_batch(client, conference_officer, budget):
    client.force_login(conference_officer)
    assert "Upload files in a batch" in client.get("/admin/governance/document/").content.decode()
    response = client.post(
        BATCH,
        {
            "archive": _zip({"OEC-GA-1-3_fr.pdf": minimal_pdf("B"), "x.pdf": b"x"}),
            "document_type": "report",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "1 language file added" in page and "OEC/GA/1/3 (fr)" in page
    assert "1 file refused" in page and "x.pdf" in page


@pytest.mark.parametrize("role", [Role.COMMUNICATIONS, Role.PARTNERSHIPS])
def test_other_officers_may_not_upload_batches(client, host, with_totp, role):
    officer = user_with_role(host, role, email="officer@oec.example")
    with_totp(officer)
    client.force_login(officer)
    assert client.get(BATCH).status_code == 403
