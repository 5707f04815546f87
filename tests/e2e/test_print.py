"""A delegate prints a document of the General Assembly, in English and in Arabic: an A4 sheet
without the site's header, navigation or footer, headed by the Organisation's name, the
document's symbol, its date, the page's language and the page's address, mirrored in Arabic."""

import datetime

from tests.e2e.conftest import ARTIFACTS
from tests.factories import ArticleFactory, AssemblySessionFactory, DocumentFactory

CHROME = [".site-header", ".site-footer", ".breadcrumbs", ".skip-link", ".site-nav"]


def print_view(page, url, name):
    """The page as printed: chrome hidden, colophon shown; its A4 PDF kept in test-artifacts."""
    page.goto(url)
    for selector in CHROME:
        assert not page.locator(selector).first.is_visible(), selector
    colophon = page.locator(".print-colophon")
    assert colophon.is_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    pdf = page.pdf(format="A4", path=str(ARTIFACTS / f"print-{name}.pdf"))
    assert pdf.startswith(b"%PDF")
    page.screenshot(path=str(ARTIFACTS / f"print-{name}.png"), full_page=True)
    return colophon


def test_a_document_prints_on_a4_with_its_symbol_date_language_and_address(live_server, page):
    session = AssemblySessionFactory(number=1, venue_en="Geneva", venue_ar="جنيف")
    DocumentFactory(
        symbol="OEC/GA/1/3",
        title_en="Proposed programme and budget for 2022–2023",
        title_ar="مشروع البرنامج والميزانية للفترة 2022–2023",
        session=session,
        publication_date=datetime.date(2021, 11, 15),
    )
    ArticleFactory(slug="opening", title_en="The Assembly opens")
    violations = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security" in m.text else 0)

    # On screen the colophon is not there at all.
    page.goto(f"{live_server.url}/en/documents/OEC-GA-1-3/")
    assert not page.locator(".print-colophon").is_visible()
    page.emulate_media(media="print")

    colophon = print_view(page, f"{live_server.url}/en/documents/OEC-GA-1-3/", "document-en")
    text = colophon.inner_text()
    for expected in (
        "Organisation of Educational Cooperation",
        "OEC/GA/1/3",
        "15 November 2021",
        "English",
        f"{live_server.url}/en/documents/OEC-GA-1-3/",
    ):
        assert expected in text, expected
    assert page.locator("h1").is_visible()
    english_symbol = page.locator(".print-colophon-symbol").bounding_box()
    english_issuer = page.locator(".print-colophon-issuer").bounding_box()
    assert english_symbol["x"] > english_issuer["x"]  # the symbol stands at the end of the line

    colophon = print_view(page, f"{live_server.url}/ar/documents/OEC-GA-1-3/", "document-ar")
    text = colophon.inner_text()
    for expected in ("منظمة التعاون التربوي", "OEC/GA/1/3", "العربيّة"):
        assert expected in text, expected
    assert f"{live_server.url}/ar/documents/OEC-GA-1-3/" in text
    arabic_symbol = page.locator(".print-colophon-symbol").bounding_box()
    arabic_issuer = page.locator(".print-colophon-issuer").bounding_box()
    assert arabic_symbol["x"] < arabic_issuer["x"]  # mirrored: the end of the line is the left

    colophon = print_view(page, f"{live_server.url}/en/news/opening/", "article-en")
    assert "English" in colophon.inner_text()
    assert page.locator(".print-colophon-symbol").count() == 0
    assert violations == []  # the JSON-LD element is data: the CSP has nothing to refuse
