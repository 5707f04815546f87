"""Who reaches translation management: communications staff everything, a translator only
what is assigned to them, anyone else nothing."""

import pytest
from django.urls import reverse

from members.permissions import is_secretariat
from oec_portal.translations import services
from oec_portal.translations.items import item_type_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def assigned(mission_page, host, translator, secretariat_editor):
    return services.translation_assign(
        organisation=host,
        item_type=item_type_of("mission-page"),
        item=mission_page,
        language="es",
        translator=translator,
        assigned_by=secretariat_editor,
    )


def test_translator_reaches_the_editor_of_the_assigned_item_and_language(
    client, translator, assigned, mission_page
):
    client.force_login(translator)

    assigned_url = reverse("translations:edit", args=["mission-page", mission_page.pk, "es"])
    other_language = reverse("translations:edit", args=["mission-page", mission_page.pk, "ar"])

    assert client.get(assigned_url).status_code == 200
    assert client.get(other_language).status_code == 404


def test_translator_does_not_see_another_translators_work(
    client, other_translator, assigned, mission_page
):
    client.force_login(other_translator)

    url = reverse("translations:edit", args=["mission-page", mission_page.pk, "es"])
    assert client.get(url).status_code == 404
    assert client.get(reverse("translations:mine")).context["page"].object_list == []


def test_translator_is_refused_the_overview_export_import_and_assignments(client, translator):
    client.force_login(translator)

    for name in ("overview", "assignments", "export", "import"):
        assert client.get(reverse(f"translations:{name}")).status_code == 403, name


def test_translator_role_gives_no_back_office_and_no_secretariat_powers(client, translator):
    client.force_login(translator)

    assert (translator.is_staff, translator.is_superuser) == (False, False)
    assert not is_secretariat(translator)
    assert client.get("/admin/").status_code == 302


def test_translator_sees_their_assignments(client, translator, assigned):
    client.force_login(translator)

    response = client.get(reverse("translations:mine"))

    assert [a.pk for a in response.context["page"].object_list] == [assigned.pk]
    assert "Our mission" in response.content.decode()


def test_delegate_is_refused_the_overview_and_the_editor(client, delegate_a, mission_page):
    client.force_login(delegate_a)

    assert client.get(reverse("translations:overview")).status_code == 403
    url = reverse("translations:edit", args=["mission-page", mission_page.pk, "fr"])
    assert client.get(url).status_code == 403


def test_anonymous_visitor_is_sent_to_sign_in(client, mission_page):
    response = client.get(reverse("translations:overview"))

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_translator_cannot_assign(client, translator, mission_page):
    client.force_login(translator)

    url = reverse("translations:assign", args=["mission-page", mission_page.pk, "fr"])
    assert client.post(url, {"translator": translator.pk}).status_code == 403
