"""Issue 14's journey: an NGO applies for official partnership with a wrong file, reads the
error summary at the top (focused, linking to the field), replaces the file (the good one is
kept), and lands on the thank-you page; reloading it sends nothing again."""

import pytest
from django.core import mail

from members.models import Organisation
from partnerships.models import Partnership
from partnerships.terms import ensure_reference_terms
from tests.e2e.conftest import assert_accessible

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

pytestmark = pytest.mark.usefixtures("private_media")


@pytest.fixture
def terms(transactional_db):
    # Browser tests flush the database, data migrations included: put the terms back.
    ensure_reference_terms()


def test_applicant_fixes_a_wrong_file_and_keeps_the_good_one(
    live_server, page, screenshot, terms, tmp_path
):
    mail.outbox.clear()
    statutes = tmp_path / "statutes.pdf"
    statutes.write_bytes(PDF)
    fake_report = tmp_path / "report.pdf"
    fake_report.write_bytes(b"<html><script>alert(1)</script></html>")
    report = tmp_path / "report-2025.pdf"
    report.write_bytes(PDF)

    page.goto(f"{live_server.url}/fr/partners/apply/")
    page.fill("#id_name", "Sénégal Lecture")
    page.select_option("#id_country", "SN")
    page.select_option("#id_geographic_scope", index=1)
    page.fill("#id_description", "Des bibliothèques scolaires dans les régions rurales.")
    page.check("#id_fields_of_competence_0")
    page.check("#id_functional_areas_0")
    page.fill("#id_contact_name", "Awa Diop")
    page.fill("#id_contact_email", "awa@senegal-lecture.example")
    page.select_option("#id_language", "fr")
    page.set_input_files("#id_statutes", str(statutes))
    page.set_input_files("#id_activity_report", str(fake_report))
    page.click("form.stacked-form button[type=submit]")

    summary = page.locator(".error-summary")
    assert summary.get_attribute("role") == "alert"
    assert summary.locator("h2").inner_text() == "Il y a un problème"
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    assert page.locator("#id_activity_report").get_attribute("aria-invalid") == "true"
    assert "statutes.pdf est conservé" in page.locator(".kept-file").inner_text()
    screenshot(page, "summary")
    assert_accessible(page)

    summary.locator("a[href='#id_activity_report']").click()
    assert page.evaluate("document.activeElement.id") == "id_activity_report"
    page.set_input_files("#id_activity_report", str(report))
    page.click("form.stacked-form button[type=submit]")

    page.wait_for_url(f"{live_server.url}/fr/partners/apply/thanks/")
    assert page.locator("h1").inner_text() == "Candidature reçue"
    screenshot(page, "thanks")
    page.reload()
    organisation = Organisation.objects.get(name="Sénégal Lecture")
    assert organisation.region == Organisation.Region.AFRICA
    assert Partnership.objects.count() == 1
    with Partnership.objects.get().statutes.open("rb") as handle:
        assert handle.read() == PDF
    assert [m.to for m in mail.outbox if m.to == ["awa@senegal-lecture.example"]] == [
        ["awa@senegal-lecture.example"]
    ]
