"""An edition without an introduction of its own shows the English one: the officers see which,
and approve only once each language has its introduction or they confirm the fallback."""

import datetime

import pytest
from django.urls import reverse

from bulletins import content, services
from bulletins.models import Bulletin, Delivery
from tests.factories import BulletinFactory, bulletin_contact

DECEMBER = datetime.date(2026, 12, 1)
WARNING = (
    "No introduction of their own, these editions show the English one: French, Spanish, Arabic."
)


@pytest.fixture
def english_only(host_org):
    bulletin_contact(email="a@ngo.example", language="es")
    BulletinFactory(month=DECEMBER, introduction_en="<p>Hello partners</p>")
    return services.bulletin_compose(month=DECEMBER)


def preview_url(bulletin):
    return reverse("admin:bulletins_bulletin_preview", args=[bulletin.pk])


def test_fallbacks_name_the_languages_without_an_introduction_of_their_own(host_org):
    bulletin = BulletinFactory(
        month=DECEMBER,
        introduction_en="<p>Hello</p>",
        introduction_fr="<p>Bonjour</p>",
        introduction_es="<p></p>",  # what the editor leaves behind when the text is deleted
    )
    assert content.introduction_fallbacks(bulletin) == ["es", "ar"]


def test_no_english_introduction_means_no_fallback(host_org):
    bulletin = BulletinFactory(month=DECEMBER, introduction_en="", introduction_fr="<p>Salut</p>")
    assert content.introduction_fallbacks(bulletin) == []


def test_an_empty_spanish_introduction_shows_the_english_one_in_the_edition(host_org):
    BulletinFactory(month=DECEMBER, introduction_en="<p>Hello</p>", introduction_es="<p></p>")
    bulletin = services.bulletin_compose(month=DECEMBER)
    spanish = bulletin.editions.get(language="es")
    assert '<div class="bulletin-introduction"><p>Hello</p></div>' in spanish.html


def test_preview_warns_and_asks_for_confirmation(client, officer, english_only):
    client.force_login(officer)
    html = client.get(preview_url(english_only)).content.decode()
    assert f'<p class="errornote" id="introduction-fallbacks" role="alert">{WARNING}' in html
    assert (
        '<input type="checkbox" name="english_introduction" value="confirmed" required '
        'aria-describedby="introduction-fallbacks"> Send the editions in French, Spanish, '
        "Arabic with the English introduction" in html
    )


def test_change_page_lists_the_editions_that_fall_back(client, officer, english_only):
    client.force_login(officer)
    html = client.get(
        reverse("admin:bulletins_bulletin_change", args=[english_only.pk])
    ).content.decode()
    assert f'<strong class="errornote">{WARNING}</strong>' in html


def test_approval_without_confirmation_is_refused_and_sends_nothing(client, officer, english_only):
    client.force_login(officer)
    response = client.post(preview_url(english_only), follow=True)
    english_only.refresh_from_db()
    assert english_only.status == Bulletin.Status.AWAITING_APPROVAL
    assert Delivery.objects.count() == 0
    assert response.redirect_chain == [(preview_url(english_only), 302)]
    assert [str(message) for message in response.context["messages"]] == [
        "These editions have no introduction of their own and would show the English one: "
        "French, Spanish, Arabic. Write their introduction and compose the bulletin again, or "
        "confirm that they go out with the English introduction."
    ]


def test_approval_with_confirmation_goes_ahead(
    client, officer, english_only, django_capture_on_commit_callbacks
):
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(preview_url(english_only), {"english_introduction": "confirmed"})
    english_only.refresh_from_db()
    assert english_only.status == Bulletin.Status.SENT
    assert english_only.approved_by == officer


def test_every_language_written_needs_no_confirmation(
    client, officer, host_org, django_capture_on_commit_callbacks
):
    BulletinFactory(
        month=DECEMBER,
        introduction_en="<p>Hello</p>",
        introduction_fr="<p>Bonjour</p>",
        introduction_es="<p>Hola</p>",
        introduction_ar="<p>مرحباً</p>",
    )
    bulletin = services.bulletin_compose(month=DECEMBER)
    client.force_login(officer)
    html = client.get(preview_url(bulletin)).content.decode()
    assert "introduction-fallbacks" not in html
    with django_capture_on_commit_callbacks(execute=True):
        client.post(preview_url(bulletin))
    bulletin.refresh_from_db()
    assert bulletin.status == Bulletin.Status.SENT


def test_service_refuses_unconfirmed_fallback(english_only):
    with pytest.raises(services.MissingIntroductionError) as refused:
        services.bulletin_approve(bulletin=english_only, by=None)
    assert refused.value.languages == ["fr", "es", "ar"]


def test_translation_written_after_composing_reaches_the_editions(client, officer, english_only):
    client.force_login(officer)
    url = reverse("admin:bulletins_bulletin_change", args=[english_only.pk])
    response = client.post(
        url,
        {
            "month": "2026-12-01",
            "introduction_en": "<p>Hello partners</p>",
            "introduction_fr": "<p>Bonjour</p>",
            "introduction_es": "<p>Hola socios</p>",
            "introduction_ar": "<p>مرحباً</p>",
            "editions-TOTAL_FORMS": "4",
            "editions-INITIAL_FORMS": "4",
            "editions-MIN_NUM_FORMS": "0",
            "editions-MAX_NUM_FORMS": "1000",
            **{
                f"editions-{index}-id": str(edition.pk)
                for index, edition in enumerate(english_only.editions.order_by("language"))
            },
            **{f"editions-{index}-bulletin": str(english_only.pk) for index in range(4)},
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    spanish = english_only.editions.get(language="es")
    assert '<div class="bulletin-introduction"><p>Hola socios</p></div>' in spanish.html
    assert content.introduction_fallbacks(Bulletin.objects.get(pk=english_only.pk)) == []
