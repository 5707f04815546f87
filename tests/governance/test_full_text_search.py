"""Full-text search inside the register's files (issue 18): the text of each PDF and DOCX is
read when it is stored, searched in its language's configuration, shown as highlighted passages,
and never to anyone who may not read the document."""

import base64
import io
import re

import docx
import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from governance import text_extraction
from governance.demo import minimal_pdf
from governance.document_texts import document_file_text_read
from governance.models import DocumentFile, DocumentText, TextStatus
from governance.services import document_file_store
from governance.text_extraction import DOCX_CONTENT_TYPE, PDF_CONTENT_TYPE, extract_text
from oec_portal.search import run_search
from tests.factories import DocumentFactory, DocumentFileFactory

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A word that no title holds, in the French file only (the English one speaks of schools).
FRENCH_LINES = ["Les activités périscolaires des écoles associées.", "Genève, décembre 2021"]
ENGLISH_LINES = ["The after-school activities of associated schools.", "Geneva, December 2021"]


def weasyprint_pdf(html):
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


def arabic_pdf():
    return weasyprint_pdf(
        '<html lang="ar" dir="rtl"><body style="font-family: DejaVu Sans">'
        "<p>برنامج تدريب المعلمين في المدارس الابتدائية للدول الأعضاء</p></body></html>"
    )


def image_only_pdf():
    """A "scan": one page holding a picture and no text."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (200, 280), "white").save(buffer, "PNG")
    data = base64.b64encode(buffer.getvalue()).decode()
    return weasyprint_pdf(f'<img src="data:image/png;base64,{data}" width="400">')


def docx_file(*paragraphs, table_cell=None):
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table_cell:
        document.add_table(rows=1, cols=1).cell(0, 0).text = table_cell
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def store(document, language, content, name, django_capture_on_commit_callbacks):
    """Upload a file through the service; the reading task runs when the upload commits."""
    uploaded = SimpleUploadedFile(name, content)
    with django_capture_on_commit_callbacks(execute=True):
        stored = document_file_store(document=document, language=language, uploaded=uploaded)
    stored.refresh_from_db()
    return stored


def symbols(response):
    return [document.symbol for document in response.context["page"]]


@pytest.fixture
def restricted_with_french_pdf(host, member_a, first_session, django_capture_on_commit_callbacks):
    document = DocumentFactory(
        symbol="OEC/GA/1/6",
        title_en="Contribution arrangements",
        title_fr="Modalités de contribution",
        access="restricted",
        restricted_to=[member_a],
        session=first_session,
        organisation=host,
    )
    store(
        document,
        "fr",
        minimal_pdf("OEC/GA/1/6", FRENCH_LINES),
        "fr.pdf",
        django_capture_on_commit_callbacks,
    )
    store(
        document,
        "en",
        minimal_pdf("OEC/GA/1/6", ENGLISH_LINES),
        "en.pdf",
        django_capture_on_commit_callbacks,
    )
    return document


def test_a_word_only_inside_a_french_pdf_is_found_in_french_search(
    client, delegate_a, restricted_with_french_pdf
):
    client.force_login(delegate_a)
    # "périscolaire" (singular) finds "périscolaires": the french configuration stems both.
    response = client.get("/fr/documents/", {"q": "périscolaire"})
    assert symbols(response) == ["OEC/GA/1/6"]
    [document] = response.context["page"]
    assert [(p.language, p.language_name, p.html) for p in document.passages] == [
        (
            "fr",
            "Français",
            "OEC/GA/1/6 Les activités <mark>périscolaires</mark> des écoles associées. "
            "Genève, décembre",
        )
    ]
    html = response.content.decode()
    assert (
        '<span class="passage-text" lang="fr" dir="ltr">'
        "OEC/GA/1/6 Les activités <mark>périscolaires</mark>"
    ) in html
    assert "Français :" in html
    # On the English register too, the word is found in the French file (and only there).
    [document] = client.get("/en/documents/", {"q": "périscolaire"}).context["page"]
    assert [passage.language for passage in document.passages] == ["fr"]


def test_a_restricted_documents_words_are_not_found_by_a_visitor(
    client, restricted_with_french_pdf
):
    assert symbols(client.get("/fr/documents/", {"q": "périscolaires"})) == []
    assert run_search(None, "périscolaires", "fr") == []


def test_a_restricted_documents_words_are_not_found_by_another_member(
    client, delegate_b, restricted_with_french_pdf
):
    client.force_login(delegate_b)
    assert symbols(client.get("/fr/documents/", {"q": "périscolaires"})) == []
    assert run_search(delegate_b, "périscolaires", "fr") == []


def test_site_search_shows_the_passage_with_its_language(
    client, delegate_a, restricted_with_french_pdf
):
    client.force_login(delegate_a)
    html = client.get("/fr/search/", {"q": "périscolaires"}).content.decode()
    assert (
        '<li><a href="/fr/documents/OEC-GA-1-6/">OEC/GA/1/6 — Modalités de contribution</a>' in html
    )
    assert (
        '<p class="passage"><span class="passage-language">Français :</span> '
        '<span class="passage-text" lang="fr" dir="ltr">'
        "OEC/GA/1/6 Les activités <mark>périscolaires</mark>"
    ) in html


def test_the_language_filter_limits_the_search_to_that_languages_files(
    client, delegate_a, restricted_with_french_pdf
):
    client.force_login(delegate_a)
    assert symbols(client.get("/en/documents/", {"q": "schools", "language": "fr"})) == []
    response = client.get("/en/documents/", {"q": "schools", "language": "en"})
    assert symbols(response) == ["OEC/GA/1/6"]
    assert [p.language for p in response.context["page"][0].passages] == ["en"]


def test_docx_text_is_read_paragraphs_and_tables(
    client, host, first_session, django_capture_on_commit_callbacks
):
    document = DocumentFactory(symbol="OEC/GA/1/8", session=first_session, organisation=host)
    stored = store(
        document,
        "es",
        docx_file("Informe sobre las becas universitarias.", table_cell="Presupuesto ordinario"),
        "informe.docx",
        django_capture_on_commit_callbacks,
    )
    assert stored.text_status == TextStatus.SEARCHABLE
    assert (
        stored.extracted_text.text
        == "Informe sobre las becas universitarias.\nPresupuesto ordinario"
    )
    assert stored.extracted_text.language == "es"
    # Spanish stemming: "beca" finds "becas"; a word in a table cell is found too.
    assert symbols(client.get("/es/documents/", {"q": "beca"})) == ["OEC/GA/1/8"]
    assert symbols(client.get("/es/documents/", {"q": "presupuestos"})) == ["OEC/GA/1/8"]


def test_a_scanned_pdf_is_marked_on_the_register_the_page_and_the_admin(
    client, host, first_session, secretariat_admin, with_totp, django_capture_on_commit_callbacks
):
    document = DocumentFactory(
        symbol="OEC/GA/1/9", title_en="Signed letter", session=first_session, organisation=host
    )
    stored = store(document, "en", image_only_pdf(), "scan.pdf", django_capture_on_commit_callbacks)
    assert stored.text_status == TextStatus.SCANNED
    assert (stored.extracted_text.text, stored.extracted_text.pages) == ("", 1)
    register = client.get("/en/documents/").content.decode()
    assert 'EN</abbr> <span class="scan-note">(scanned, no searchable text)</span>' in register
    page = client.get(document.get_absolute_url()).content.decode()
    assert "Scanned without a text layer: the words of this file cannot be searched." in page
    with_totp(secretariat_admin)
    client.force_login(secretariat_admin)
    admin_page = client.get(
        reverse("admin:governance_document_change", args=[document.pk])
    ).content.decode()
    assert "Scanned: no text to search" in admin_page
    changelist = client.get(
        reverse("admin:governance_document_changelist"), {"files__text_status": "scanned"}
    )
    assert [row.symbol for row in changelist.context["cl"].result_list] == ["OEC/GA/1/9"]


def test_arabic_text_is_found_with_the_arabic_configuration(
    client, host, first_session, django_capture_on_commit_callbacks
):
    document = DocumentFactory(symbol="OEC/GA/1/10", session=first_session, organisation=host)
    stored = store(document, "ar", arabic_pdf(), "ar.pdf", django_capture_on_commit_callbacks)
    assert stored.text_status == TextStatus.SEARCHABLE
    assert "برنامج تدريب المعلمين" in stored.extracted_text.text
    # The file says المعلمين (teachers, oblique case); the reader types المعلمون (nominative),
    # or the word with its short vowels: the arabic stemmer finds both, "simple" neither.
    for query in ("المعلمون", "مُعَلِّمين"):
        response = client.get("/ar/documents/", {"q": query})
        assert symbols(response) == ["OEC/GA/1/10"]
    [passage] = response.context["page"][0].passages
    assert passage.language == "ar"
    assert "<mark>المعلمين</mark>" in passage.html
    assert 'class="passage-text" lang="ar" dir="rtl"' in response.content.decode()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT to_tsvector('simple', %s) @@ websearch_to_tsquery('simple', %s)",
            [stored.extracted_text.text, "المعلمون"],
        )
        assert cursor.fetchone() == (False,)


def test_the_exact_symbol_comes_first(client, host, first_session):
    def make(symbol, date, text):
        document = DocumentFactory(
            symbol=symbol,
            title_en=f"Report {symbol[-2:]}",
            publication_date=date,
            session=first_session,
            organisation=host,
        )
        document_file = DocumentFileFactory(
            document=document, file=ContentFile(minimal_pdf(symbol, [text]), name="x.pdf")
        )
        document_file_text_read(document_file_id=document_file.pk, trusted=True)

    make("OEC/GA/1/1", "2021-01-01", "The agenda.")
    make("OEC/GA/1/12", "2021-06-01", "The budget.")
    make("OEC/GA/1/2", "2021-09-01", "As agreed in OEC/GA/1/1, the plan.")
    make("OEC/GA/1/11", "2021-03-01", "The plan.")
    response = client.get("/en/documents/", {"q": "OEC/GA/1/1"})
    # Exact, then starting with it (newest first), then found only in the text of a file.
    assert symbols(response) == ["OEC/GA/1/1", "OEC/GA/1/12", "OEC/GA/1/11", "OEC/GA/1/2"]


def test_passages_are_escaped_and_only_mark_is_html(client, host, first_session):
    document = DocumentFactory(symbol="OEC/GA/1/3", session=first_session, organisation=host)
    document_file = DocumentFileFactory(
        document=document,
        file=ContentFile(
            minimal_pdf(
                "Note", ['<script>alert("x")</script> <b>cooperation</b> & 1 < 2 in words']
            ),
            name="x.pdf",
        ),
    )
    document_file_text_read(document_file_id=document_file.pk, trusted=True)
    [document] = client.get("/en/documents/", {"q": "cooperation"}).context["page"]
    # PostgreSQL's parser drops what reads as a tag; whatever else is left is escaped.
    assert document.passages[0].html == (
        "Note alert(&quot;x&quot;) <mark>cooperation</mark> &amp; 1 &lt; 2 in words"
    )


def test_search_results_with_passages_take_few_queries(
    client, host, member_a, delegate_a, first_session, django_assert_max_num_queries
):
    for number in range(1, 36):
        document = DocumentFactory(
            symbol=f"OEC/GA/1/{number}",
            access=["public", "members", "restricted"][number % 3],
            restricted_to=[member_a] if number % 3 == 2 else None,
            session=first_session,
            organisation=host,
        )
        for language, line in (("en", "Scholarships for teachers"), ("fr", "Bourses d'études")):
            document_file = DocumentFileFactory(
                document=document,
                language=language,
                file=ContentFile(minimal_pdf(f"N. {number}", [line]), name="x.pdf"),
            )
            document_file_text_read(document_file_id=document_file.pk, trusted=True)
    client.force_login(delegate_a)
    with django_assert_max_num_queries(13):
        response = client.get("/en/documents/", {"q": "scholarships"})
    assert response.context["page"].paginator.count == 35
    assert len(response.context["page"]) == 30
    assert all(len(document.passages) == 1 for document in response.context["page"])
    with django_assert_max_num_queries(14):
        html = client.get("/en/search/", {"q": "scholarships"}).content.decode()
    assert html.count("<mark>Scholarships</mark>") == 10


def test_reading_is_idempotent_and_a_new_file_is_read_again(
    host, first_session, django_capture_on_commit_callbacks
):
    document = DocumentFactory(symbol="OEC/GA/1/4", session=first_session, organisation=host)
    first = store(
        document,
        "en",
        minimal_pdf("A", ["First words"]),
        "a.pdf",
        django_capture_on_commit_callbacks,
    )
    read_at = first.extracted_text.extracted_at
    document_file_text_read(document_file_id=first.pk)
    assert DocumentText.objects.get(pk=first.pk).extracted_at == read_at
    second = store(
        document,
        "en",
        minimal_pdf("B", ["Second words"]),
        "b.pdf",
        django_capture_on_commit_callbacks,
    )
    assert second.pk == first.pk
    assert DocumentText.objects.get(pk=first.pk).text == "B\nSecond words"


def test_the_backfill_command_reads_the_files_not_read_yet(
    host, first_session, django_capture_on_commit_callbacks
):
    document = DocumentFactory(symbol="OEC/GA/1/5", session=first_session, organisation=host)
    pending = DocumentFileFactory(
        document=document, file=ContentFile(minimal_pdf("Old", ["Archived words"]), name="o.pdf")
    )
    assert pending.text_status == TextStatus.PENDING
    out = io.StringIO()
    # The test settings run tasks eagerly: the queued readings happen at commit.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("extract_document_texts", stdout=out)
    pending.refresh_from_db()
    assert out.getvalue() == "Queued 1 file(s) to read.\n"
    assert pending.text_status == TextStatus.SEARCHABLE
    assert pending.extracted_text.text == "Old\nArchived words"


def test_bad_files_fail_cleanly_within_the_limits(monkeypatch):
    assert extract_text(b"%PDF-1.4 not really", PDF_CONTENT_TYPE).status == "failed"
    assert extract_text(b"PK\x03\x04 broken", DOCX_CONTENT_TYPE).status == "failed"
    assert extract_text(b"PK\x03\x04", XLSX_CONTENT_TYPE).status == "unsupported"
    slow = extract_text(minimal_pdf("A", ["b"]), PDF_CONTENT_TYPE, timeout=0.001)
    assert (slow.status, slow.reason) == ("failed", "timeout")
    monkeypatch.setattr(text_extraction, "MAX_FILE_BYTES", 10)
    assert extract_text(minimal_pdf("A"), PDF_CONTENT_TYPE).reason == "too large"


def test_page_and_character_limits_truncate_the_text(monkeypatch):
    two_pages = weasyprint_pdf(
        "<p>The words of the first page</p>"
        '<p style="break-before: page">The words of the second page</p>'
    )
    monkeypatch.setattr(text_extraction, "MAX_PAGES", 1)
    result = text_extraction.extract_in_this_process(two_pages, PDF_CONTENT_TYPE)
    assert (result.status, result.text, result.pages, result.truncated) == (
        "searchable",
        "The words of the first page",
        2,
        True,
    )
    monkeypatch.setattr(text_extraction, "MAX_CHARACTERS", 5)
    short = text_extraction.extract_in_this_process(docx_file("Lengthy words"), DOCX_CONTENT_TYPE)
    assert (short.text, short.truncated) == ("Lengt", True)


def test_extracted_text_loses_control_characters_and_presentation_forms():
    # U+FEE0 U+FEE4 U+FEEE: Arabic presentation forms, as some PDFs give them; \x02 would pass
    # for a highlight marker.
    assert text_extraction.clean_text("\ufedf\ufee4\ufeee a\x02b  \ufb01n\n\n\n\nend") == (
        "لمو a b fin\n\nend"
    )


def test_a_file_replaced_while_read_keeps_the_new_files_state(host, first_session, monkeypatch):
    document = DocumentFactory(symbol="OEC/GA/1/7", session=first_session, organisation=host)
    document_file = DocumentFileFactory(document=document)

    def replace_meanwhile(data, content_type):
        DocumentFile.objects.filter(pk=document_file.pk).update(file="documents/newer.pdf")
        return text_extraction.Extracted("searchable", text="old words")

    monkeypatch.setattr("governance.document_texts.extract_text", replace_meanwhile)
    document_file_text_read(document_file_id=document_file.pk)
    document_file.refresh_from_db()
    assert document_file.text_status == TextStatus.PENDING
    assert not DocumentText.objects.filter(pk=document_file.pk).exists()


def test_the_register_search_label_names_the_text(client, db):
    html = client.get("/en/documents/").content.decode()
    assert re.search(r"<label[^>]*>Symbol, title or words in the text</label>", html)


def test_the_sqlite_passage_marks_the_words_found_among_whole_words():
    # The embedded SQLite default has no text search: it finds a substring and shows it so.
    from governance.models.texts import _substring_passage, highlighted

    text = "Organisation de coopération éducative, première session <Genève>, décembre 2021"
    assert highlighted(_substring_passage(text, "genève", width=20)) == (
        "… première session &lt;<mark>Genève</mark>&gt;, décembre 2021"
    )
    assert _substring_passage(text, "absent") == ""
