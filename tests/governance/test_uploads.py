"""Uploads are checked by content, capped, and stored under a name the server makes."""

import io
import re
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from governance.demo import minimal_pdf
from governance.models import Document, DocumentFile
from governance.services import document_file_store
from tests.factories import DocumentFactory

STORED_NAME = re.compile(r"^documents/[0-9a-f]{32}\.(pdf|docx)$")


def pdf_upload(name="report.pdf"):
    return SimpleUploadedFile(name, minimal_pdf("Report"), content_type="application/pdf")


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        archive.writestr(
            "word/document.xml",
            '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
            'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Budget</w:t></w:r></w:p>'
            "</w:body></w:document>",
        )
    return buffer.getvalue()


def zip_bomb_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (20 * 1024 * 1024))
    return buffer.getvalue()


@pytest.fixture
def document(host, first_session):
    return DocumentFactory(symbol="OEC/GA/1/9", session=first_session, organisation=host)


def test_real_pdf_is_stored_under_a_server_made_name(document):
    stored = document_file_store(document=document, language="fr", uploaded=pdf_upload())
    stored.refresh_from_db()
    assert STORED_NAME.match(stored.file.name)
    assert (stored.original_filename, stored.content_type, stored.language) == (
        "report.pdf",
        "application/pdf",
        "fr",
    )
    assert stored.size == len(minimal_pdf("Report"))
    with stored.file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"


def test_docx_is_accepted_as_word(document):
    upload = SimpleUploadedFile("budget.docx", docx_bytes())
    stored = document_file_store(document=document, language="en", uploaded=upload)
    assert stored.content_type == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert stored.file.name.endswith(".docx")


def test_path_in_the_uploaded_name_never_reaches_the_file_system(document):
    stored = document_file_store(
        document=document, language="en", uploaded=pdf_upload("../../etc/passwd.pdf")
    )
    assert STORED_NAME.match(stored.file.name)
    assert stored.original_filename == "passwd.pdf"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "agenda.pdf",
            b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>",
            "Upload a PDF, DOCX, XLSX, PPTX, ODT or ODS file.",
        ),
        (
            "logo.pdf",
            b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"></svg>',
            "Upload a PDF, DOCX, XLSX, PPTX, ODT or ODS file.",
        ),
        (
            "logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "Upload a PDF, DOCX, XLSX, PPTX, ODT or ODS file.",
        ),
        (
            "budget.docx",
            zip_bomb_bytes(),
            "The file is compressed suspiciously well and was refused.",
        ),
        (
            "report.docx",
            minimal_pdf("A PDF in disguise"),
            "The file's name ends in “.docx” but its content is PDF.",
        ),
    ],
    ids=["html-renamed-pdf", "svg-renamed-pdf", "svg", "zip-bomb", "pdf-named-docx"],
)
def test_refused_upload_gives_a_clear_message_and_stores_nothing(document, name, content, message):
    with pytest.raises(ValidationError) as refused:
        document_file_store(
            document=document, language="en", uploaded=SimpleUploadedFile(name, content)
        )
    assert refused.value.messages == [message]
    assert DocumentFile.objects.count() == 0


def test_oversized_file_is_refused(document, settings):
    settings.OEC_MAX_UPLOAD_BYTES = 1024 * 1024
    big = SimpleUploadedFile("big.pdf", b"%PDF-1.4\n" + b"0" * (1024 * 1024))
    with pytest.raises(ValidationError) as refused:
        document_file_store(document=document, language="en", uploaded=big)
    assert refused.value.messages == ["The file is larger than 1.0 MB."]
    assert DocumentFile.objects.count() == 0


def _admin_document_post(session, item, upload, symbol="OEC/GA/1/12"):
    return {
        "symbol": symbol,
        "title_en": "Budget proposal",
        "type": "programme_budget",
        "session": session.pk,
        "agenda_item": item.pk,
        "publication_date": "2021-11-15",
        "access": "members",
        "files-TOTAL_FORMS": "1",
        "files-INITIAL_FORMS": "0",
        "files-MIN_NUM_FORMS": "0",
        "files-MAX_NUM_FORMS": "1000",
        "files-0-language": "en",
        "files-0-file": upload,
    }


def test_conference_officer_uploads_a_document_in_the_back_office(
    client, conference_officer, host, first_session, budget_item
):
    client.force_login(conference_officer)
    response = client.post(
        reverse("admin:governance_document_add"),
        _admin_document_post(first_session, budget_item, pdf_upload("Budget 2022.pdf")),
    )
    assert response.status_code == 302, response.content[:2000]
    document = Document.objects.get(symbol="OEC/GA/1/12")
    assert document.organisation == host
    stored = document.files.get()
    assert STORED_NAME.match(stored.file.name)
    assert (stored.original_filename, stored.content_type) == ("Budget 2022.pdf", "application/pdf")


def test_back_office_refuses_html_renamed_pdf_with_a_clear_error(
    client, conference_officer, first_session, budget_item
):
    client.force_login(conference_officer)
    upload = SimpleUploadedFile("agenda.pdf", b"<html><body>hello</body></html>")
    response = client.post(
        reverse("admin:governance_document_add"),
        _admin_document_post(first_session, budget_item, upload),
    )
    assert response.status_code == 200
    assert "Upload a PDF, DOCX, XLSX, PPTX, ODT or ODS file." in response.content.decode()
    assert not Document.objects.filter(symbol="OEC/GA/1/12").exists()


def test_back_office_is_closed_to_a_communications_officer(client, secretariat_editor, with_totp):
    with_totp(secretariat_editor)
    client.force_login(secretariat_editor)
    assert client.get(reverse("admin:governance_document_add")).status_code == 403


def test_demo_pdf_is_well_formed_with_exact_cross_references():
    content = minimal_pdf("OEC/GA/1/1  Ordre du jour (révisé)", ["Genève, 6-8 décembre 2021"])
    start = int(re.search(rb"startxref\n(\d+)", content).group(1))
    assert content[start : start + 4] == b"xref"
    offsets = [int(o) for o in re.findall(rb"(\d{10}) 00000 n", content)]
    assert len(offsets) == 5
    for number, offset in enumerate(offsets, start=1):
        assert content[offset:].startswith(b"%d 0 obj" % number)
    length = int(re.search(rb"/Length (\d+)", content).group(1))
    body = content.index(b"stream\n") + len(b"stream\n")
    assert content[body + length : body + length + 10] == b"\nendstream"
    assert "Genève".encode("latin-1") in content
    assert content.endswith(b"%%EOF\n")
