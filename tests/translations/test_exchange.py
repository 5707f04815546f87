"""The round trip with outside translators: XLIFF 1.2 and PO export, checked import."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from translate.storage import po, xliff

from members.models import TranslationRecord
from oec_portal.translations.overview import translation_overview
from tests.factories import PageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def charter(host, english):
    return PageFactory(
        organisation=host,
        slug="charter",
        title_en="Charter",
        meta_description_en="The founding text.",
        body_en="<p>The <strong>charter</strong> of the body.</p>",
    )


def export(client, **params):
    response = client.get(reverse("translations:export"), params)
    assert response.status_code == 200
    return response


def upload(client, name, content):
    return client.post(reverse("translations:import"), {"file": SimpleUploadedFile(name, content)})


def es_states():
    return {
        row.name: row.state
        for row in translation_overview(type_key="mission-page", language="es").rows
    }


def test_xliff_export_holds_one_unit_per_field_with_source(staff_client, charter):
    response = export(staff_client, language="es", type="mission-page")

    store = xliff.xlifffile.parsestring(response.content)
    assert b"urn:oasis:names:tc:xliff:document:1.2" in response.content
    assert response["Content-Disposition"] == 'attachment; filename="oec-translations-es.xlf"'
    assert store.gettargetlanguage() == "es"
    assert [(u.getid().split("\x04")[-1], u.source) for u in store.units] == [
        (f"mission-page:{charter.pk}:title", "Charter"),
        (f"mission-page:{charter.pk}:meta_description", "The founding text."),
        (f"mission-page:{charter.pk}:body", "<p>The <strong>charter</strong> of the body.</p>"),
    ]


def test_export_follows_the_state_filter(staff_client, charter, mission_page):
    response = export(staff_client, language="fr", type="mission-page", state="missing")

    store = xliff.xlifffile.parsestring(response.content)
    assert {u.getid().split("\x04")[-1].split(":")[1] for u in store.units} == {str(charter.pk)}


def test_export_without_a_language_is_refused(staff_client, charter):
    response = staff_client.get(reverse("translations:export"))

    assert response.status_code == 302


def test_xliff_round_trip_makes_the_overview_complete(staff_client, charter):
    store = xliff.xlifffile.parsestring(export(staff_client, language="es").content)
    spanish = {
        "title": "Carta",
        "meta_description": "El texto fundacional.",
        "body": "<p>La <strong>carta</strong> del organismo.</p>",
    }
    for unit in store.units:
        unit.target = spanish[unit.getid().split(":")[-1]]

    response = upload(staff_client, "charter-es.xlf", bytes(store))

    assert response.status_code == 302
    charter.refresh_from_db()
    assert (charter.title_es, charter.meta_description_es, charter.body_es) == (
        "Carta",
        "El texto fundacional.",
        "<p>La <strong>carta</strong> del organismo.</p>",
    )
    assert es_states() == {"Charter": "complete"}


def test_po_round_trip_makes_the_overview_complete(staff_client, charter):
    response = export(staff_client, language="es", format="po")
    assert response["Content-Disposition"] == 'attachment; filename="oec-translations-es.po"'
    store = po.pofile.parsestring(response.content)
    for unit in store.units:
        if not unit.isheader():
            unit.target = "Traducido: " + unit.source if "<" not in unit.source else "<p>Hola</p>"

    assert upload(staff_client, "charter-es.po", bytes(store)).status_code == 302

    charter.refresh_from_db()
    assert (charter.title_es, charter.body_es) == ("Traducido: Charter", "<p>Hola</p>")
    assert es_states() == {"Charter": "complete"}


def test_round_trip_of_an_outdated_translation_makes_it_up_to_date(staff_client, mission_page):
    mission_page.title_en = "Our mission today"
    mission_page.save()
    store = xliff.xlifffile.parsestring(
        export(staff_client, language="fr", state="outdated").content
    )
    for unit in store.units:
        unit.target = {"title": "Notre mission aujourd'hui"}.get(
            unit.getid().split(":")[-1], unit.target
        )

    upload(staff_client, "fr.xlf", bytes(store))

    rows = translation_overview(type_key="mission-page", language="fr").rows
    assert [row.state for row in rows] == ["complete"]


def test_refused_import_changes_nothing_and_reports_every_unit(staff_client, charter):
    store = xliff.xlifffile.parsestring(
        export(staff_client, language="es", type="mission-page").content
    )
    units = {unit.getid().split(":")[-1]: unit for unit in store.units}
    units["title"].target = "Carta"  # a good unit: not applied either
    units["body"].target = "<p>La <em>carta</p>"  # broken markup: <em> never closed
    units["meta_description"].target = "El texto."
    # The English description changes after the export.
    charter.meta_description_en = "The founding text, revised."
    charter.save()
    unknown = store.addsourceunit("Ghost", filename="oec-portal")
    unknown.setid("mission-page:999999:title")
    unknown.target = "Fantasma"
    records_before = TranslationRecord.objects.count()

    response = upload(staff_client, "es.xlf", bytes(store))

    assert response.status_code == 400
    reports = {
        report.identifier: report.problems for report in response.context["check"].refused_reports
    }
    assert reports == {
        f"mission-page:{charter.pk}:meta_description": [
            "The English text changed since the export: export it again."
        ],
        f"mission-page:{charter.pk}:body": ["The closing tag </p> does not match."],
        "mission-page:999999:title": ["No such item: it may have been deleted since the export."],
    }
    assert "Nothing was imported." in response.content.decode()
    charter.refresh_from_db()
    assert (charter.title_es, charter.meta_description_es, charter.body_es) == (None, None, "")
    assert TranslationRecord.objects.count() == records_before


def test_import_refuses_tags_the_sanitiser_would_drop(staff_client, charter):
    store = xliff.xlifffile.parsestring(
        export(staff_client, language="es", type="mission-page").content
    )
    for unit in store.units:
        unit.target = '<p onclick="x()">Hola</p><script>alert(1)</script>'

    response = upload(staff_client, "es.xlf", bytes(store))

    body = f"mission-page:{charter.pk}:body"
    reports = {r.identifier: r.problems for r in response.context["check"].refused_reports}
    assert reports[body] == [
        "The attribute onclick of <p> is not allowed.",
        "The tag <script> is not allowed.",
    ]
    charter.refresh_from_db()
    assert charter.title_es is None


def test_import_refuses_an_id_that_names_nothing_in_the_portal(staff_client, charter):
    content = (
        b'<?xml version="1.0"?><xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
        b'<file original="x" source-language="en" target-language="es" datatype="plaintext"><body>'
        b'<trans-unit id="nonsense"><source>A</source><target>B</target></trans-unit>'
        b'<trans-unit id="mission-page:1:slug"><source>A</source><target>B</target></trans-unit>'
        b"</body></file></xliff>"
    )

    response = upload(staff_client, "es.xlf", content)

    reports = {r.identifier: r.problems for r in response.context["check"].refused_reports}
    assert reports == {
        "nonsense": ["This id does not name an item of the portal."],
        "mission-page:1:slug": ["This id does not name an item of the portal."],
    }


def test_import_refuses_a_file_in_another_language_or_unreadable(staff_client, charter):
    german = po.pofile()
    german.updateheader(add=True, Language="de")

    refused_language = upload(staff_client, "de.po", bytes(german))
    unreadable = upload(staff_client, "broken.xlf", b"<xliff><file")

    assert refused_language.context["check"].file_problems == [
        "The file's target language (de) is not one the portal translates into."
    ]
    assert unreadable.context["check"].file_problems == [
        "The file could not be read as XLIFF or PO."
    ]


def test_import_refuses_a_file_that_is_neither_xliff_nor_po(staff_client):
    response = upload(staff_client, "notes.txt", b"hello")

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "file": ["Choose an XLIFF (.xlf, .xliff) or PO (.po) file."]
    }
