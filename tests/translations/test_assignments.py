"""Assigning a translation to a translator, and the assignment done when the translation is."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from members.models import TranslationAssignment
from oec_portal.translations import services
from oec_portal.translations.forms import sources_fingerprint
from oec_portal.translations.items import item_type_of

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 12, 7, 9, 0, tzinfo=datetime.UTC)


def assign_url(page, language="es"):
    return reverse("translations:assign", args=["mission-page", page.pk, language])


def edit_url(page, language="es"):
    return reverse("translations:edit", args=["mission-page", page.pk, language])


@time_machine.travel(NOW, tick=False)
def test_communications_officer_assigns_a_translation_and_the_translator_is_told(
    staff_client, mission_page, translator, secretariat_editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            assign_url(mission_page),
            {"translator": translator.pk, "due_on": "2026-12-14", "note": "For Monday"},
        )

    assert response.status_code == 302
    assignment = TranslationAssignment.objects.get()
    assert (
        assignment.translator,
        assignment.assigned_by,
        assignment.language,
        assignment.due_on,
        assignment.note,
        assignment.completed_at,
    ) == (translator, secretariat_editor, "es", datetime.date(2026, 12, 14), "For Monday", None)
    # The translator is told (a notification, mailed in their language), nobody else.
    (message,) = mail.outbox
    assert message.to == ["translator@oec.example"]
    assert message.subject == "Translation to do: Our mission into Spanish"
    assert "Please finish it by 14 December 2026." in message.body
    assert f"/en/dashboard/translations/mission-page/{mission_page.pk}/es/" in message.body


@time_machine.travel(NOW, tick=False)
def test_assignment_refuses_a_past_due_date_and_changes_nothing(
    staff_client, mission_page, translator
):
    response = staff_client.post(
        assign_url(mission_page), {"translator": translator.pk, "due_on": "2026-12-01"}
    )

    assert response.status_code == 400
    assert response.context["assign_form"].errors == {
        "due_on": ["The due date cannot be in the past."]
    }
    assert not TranslationAssignment.objects.exists()


def test_assignment_refuses_someone_who_is_not_a_translator(staff_client, mission_page, delegate_a):
    response = staff_client.post(assign_url(mission_page), {"translator": delegate_a.pk})

    assert response.status_code == 400
    assert not TranslationAssignment.objects.exists()


def test_assigning_again_gives_the_open_assignment_to_the_new_translator(
    staff_client, mission_page, translator, other_translator
):
    staff_client.post(assign_url(mission_page), {"translator": translator.pk})
    staff_client.post(assign_url(mission_page), {"translator": other_translator.pk})

    assert list(TranslationAssignment.objects.values_list("translator", flat=True)) == [
        other_translator.pk
    ]


@time_machine.travel(NOW, tick=False)
def test_assignment_is_done_when_the_translator_saves_a_complete_translation(
    client, staff_client, mission_page, translator, django_capture_on_commit_callbacks
):
    staff_client.post(assign_url(mission_page), {"translator": translator.pk})
    client.force_login(translator)
    fingerprint = sources_fingerprint(item_type_of("mission-page"), mission_page)

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        partial = client.post(
            edit_url(mission_page),
            {"source_fingerprint": fingerprint, "title": "Nuestra misión", "body": ""},
        )
        assert TranslationAssignment.objects.get().completed_at is None
        done = client.post(
            edit_url(mission_page),
            {
                "source_fingerprint": fingerprint,
                "title": "Nuestra misión",
                "body": "<p>Apoyamos una educación equilibrada.</p>",
            },
        )

    assignment = TranslationAssignment.objects.get()
    assert (partial.status_code, done.status_code) == (302, 302)
    assert done["Location"] == reverse("translations:mine")
    assert assignment.completed_at == NOW
    # Whoever assigned it is told, once.
    (message,) = mail.outbox
    assert message.to == ["editor@oec.example"]
    assert message.subject == "Translation done: Our mission into Spanish"
    # Done: the editor of that item is no longer theirs.
    assert client.get(edit_url(mission_page)).status_code == 404


def _assign_pages(host, translator, n):
    from tests.factories import AgendaItemFactory, PageFactory

    for _i in range(n):
        for key, item, language in (
            ("mission-page", PageFactory(organisation=host), "fr"),
            ("agenda-item", AgendaItemFactory(), "ar"),
        ):
            services.translation_assign(
                organisation=host,
                item_type=item_type_of(key),
                item=item,
                language=language,
                translator=translator,
                assigned_by=None,
            )


def _queries(client, url):
    # A first request fills the caches that writes emptied (signed-in user, menus).
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


def test_assignments_list_query_count_stays_the_same_with_more_rows(staff_client, host, translator):
    url = reverse("translations:assignments")
    _assign_pages(host, translator, 2)
    few, _response = _queries(staff_client, url)
    _assign_pages(host, translator, 4)

    many, response = _queries(staff_client, url)

    assert (few, many) == (few, few)
    assert few <= 15
    assert len(response.context["page"].object_list) == 12
    assert "translator@oec.example" in response.content.decode()


def test_translators_list_query_count_stays_the_same_with_more_rows(client, host, translator):
    url = reverse("translations:mine")
    _assign_pages(host, translator, 2)
    client.force_login(translator)
    few, _response = _queries(client, url)
    _assign_pages(host, translator, 4)

    many, response = _queries(client, url)

    assert (few, many) == (few, few)
    assert few <= 12
    assert len(response.context["page"].object_list) == 12


def test_withdrawn_assignment_leaves_the_translators_list(
    client, staff_client, mission_page, translator
):
    staff_client.post(assign_url(mission_page), {"translator": translator.pk})
    assignment = TranslationAssignment.objects.get()

    response = staff_client.post(reverse("translations:withdraw", args=[assignment.pk]))

    assert response.status_code == 302
    assert not TranslationAssignment.objects.exists()


def test_dashboard_links_communications_staff_to_the_overview(staff_client):
    response = staff_client.get(reverse("dashboard"))

    tile = next(tile for tile in response.context["tiles"] if tile.name == "translations")
    assert tile.action_url == reverse("translations:overview")


def test_dashboard_shows_the_translator_their_assignments(
    client, staff_client, mission_page, translator
):
    staff_client.post(assign_url(mission_page), {"translator": translator.pk})
    client.force_login(translator)

    response = client.get(reverse("dashboard"))

    tile = next(tile for tile in response.context["tiles"] if tile.name == "translations")
    assert (tile.count, tile.action_url) == (1, reverse("translations:mine"))
