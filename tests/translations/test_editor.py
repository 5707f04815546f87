"""The side-by-side editor: source beside target, outdated fields marked with the change."""

import pytest
from django.urls import reverse

from members.models import TranslationRecord
from oec_portal.translations.forms import sources_fingerprint
from oec_portal.translations.items import item_type_of
from oec_portal.translations.overview import translation_overview

pytestmark = pytest.mark.django_db


def editor_url(page, language="fr"):
    return reverse("translations:edit", args=["mission-page", page.pk, language])


def post_data(page, **values):
    return {"source_fingerprint": sources_fingerprint(item_type_of("mission-page"), page), **values}


def test_editor_shows_the_source_beside_the_target(staff_client, mission_page):
    response = staff_client.get(editor_url(mission_page, "es"))

    content = response.content.decode()
    assert response.status_code == 200
    assert [row["field"].name for row in response.context["rows"]] == ["title", "body"]
    assert "<p>We support balanced education.</p>" in content
    assert 'lang="es" dir="ltr"' in content


def test_editor_in_arabic_writes_right_to_left(staff_client, mission_page):
    response = staff_client.get(editor_url(mission_page, "ar"))

    assert 'lang="ar" dir="rtl"' in response.content.decode()


def test_editor_marks_an_outdated_field_and_shows_the_source_change(staff_client, mission_page):
    mission_page.body_en = "<p>We support balanced and inclusive education.</p>"
    mission_page.save()

    response = staff_client.get(editor_url(mission_page))

    body = response.context["rows"][1]
    assert body["state"] == "outdated"
    assert body["change"] == [
        ("equal", "<p>We support balanced "),
        ("added", "and inclusive "),
        ("equal", "education.</p>"),
    ]
    assert "<ins>and inclusive </ins>" in response.content.decode()
    assert response.context["rows"][0]["change"] is None


def test_editor_save_records_the_translation_as_up_to_date(staff_client, mission_page):
    mission_page.body_en = "<p>We support inclusive education.</p>"
    mission_page.save()

    response = staff_client.post(
        editor_url(mission_page),
        post_data(
            mission_page,
            title="Notre mission",
            body="<p>Nous soutenons une éducation inclusive.</p>",
        ),
    )

    assert response.status_code == 302
    mission_page.refresh_from_db()
    assert mission_page.body_fr == "<p>Nous soutenons une éducation inclusive.</p>"
    record = TranslationRecord.objects.get(object_id=mission_page.pk, field="body", language="fr")
    assert record.source_text == "<p>We support inclusive education.</p>"
    rows = translation_overview(type_key="mission-page", language="fr").rows
    assert [row.state for row in rows] == ["complete"]


def test_editor_save_of_an_unchanged_translation_confirms_it(staff_client, mission_page):
    mission_page.title_en = "The mission"
    mission_page.save()

    staff_client.post(
        editor_url(mission_page),
        post_data(mission_page, title="Notre mission", body=mission_page.body_fr),
    )

    rows = translation_overview(type_key="mission-page", language="fr").rows
    assert [row.state for row in rows] == ["complete"]


def test_editor_sanitises_rich_text(staff_client, mission_page):
    staff_client.post(
        editor_url(mission_page, "es"),
        post_data(mission_page, title="Misión", body="<p>Hola<script>alert(1)</script></p>"),
    )

    mission_page.refresh_from_db()
    assert mission_page.body_es == "<p>Hola</p>"


def test_editor_refuses_a_too_long_title_and_changes_nothing(staff_client, mission_page):
    response = staff_client.post(
        editor_url(mission_page, "es"), post_data(mission_page, title="x" * 201, body="<p>B</p>")
    )

    assert response.status_code == 200
    assert response.context["form"].errors["title"]
    mission_page.refresh_from_db()
    assert (mission_page.title_es, mission_page.body_es) == (None, "")
    assert not TranslationRecord.objects.filter(language="es").exists()


def test_editor_refuses_a_save_when_the_source_changed_meanwhile(staff_client, mission_page):
    data = post_data(mission_page, title="Notre mission", body="<p>Autre.</p>")
    mission_page.body_en = "<p>Changed while translating.</p>"
    mission_page.save()

    response = staff_client.post(editor_url(mission_page), data)

    assert response.status_code == 200
    assert "The English text changed while you were translating" in response.content.decode()
    mission_page.refresh_from_db()
    assert mission_page.body_fr == "<p>Nous soutenons une éducation équilibrée.</p>"


def test_editor_of_an_unknown_item_language_or_kind_is_not_found(staff_client, mission_page):
    for url in (
        reverse("translations:edit", args=["mission-page", 999999, "fr"]),
        reverse("translations:edit", args=["mission-page", mission_page.pk, "en"]),
        reverse("translations:edit", args=["nonsense", mission_page.pk, "fr"]),
        # A mission page is no member's microsite page.
        reverse("translations:edit", args=["microsite-page", mission_page.pk, "fr"]),
    ):
        assert staff_client.get(url).status_code == 404


def test_editor_links_the_public_page_only_when_the_public_sees_it(staff_client, english):
    from tests.factories import PartnershipFactory

    applicant = PartnershipFactory(status="applicant", description_en="A young NGO.")
    admitted = PartnershipFactory(description_en="An admitted NGO.")

    def public_url(partnership):
        url = reverse("translations:edit", args=["partner-profile", partnership.pk, "fr"])
        return staff_client.get(url).context["public_url"]

    assert public_url(applicant) == ""
    assert public_url(admitted) == admitted.get_absolute_url()
