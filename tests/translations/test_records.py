"""The records that tell an outdated translation from a complete one, kept on every save."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from members.models import TranslationAssignment, TranslationRecord
from oec_portal.translations import services
from oec_portal.translations.items import item_type_of

pytestmark = pytest.mark.django_db


def test_record_keeps_the_source_a_translation_was_made_from(mission_page):
    record = TranslationRecord.objects.get(object_id=mission_page.pk, field="body", language="fr")

    assert (record.source_text, record.recorded_by) == (
        "<p>We support balanced education.</p>",
        None,
    )
    assert not TranslationRecord.objects.filter(language__in=["es", "ar"]).exists()


def test_a_save_that_touches_no_translated_field_records_nothing(mission_page):
    mission_page.order = 7

    with CaptureQueriesContext(connection) as queries:
        mission_page.save(update_fields=["order"])

    assert [q["sql"] for q in queries if "members_translationrecord" in q["sql"]] == []
    assert len(queries) == 2  # the page and its history row


def test_deleting_an_item_drops_its_records_and_assignments(mission_page, host, translator):
    services.translation_assign(
        organisation=host,
        item_type=item_type_of("mission-page"),
        item=mission_page,
        language="es",
        translator=translator,
        assigned_by=None,
    )

    mission_page.delete()

    assert not TranslationRecord.objects.exists()
    assert not TranslationAssignment.objects.exists()
