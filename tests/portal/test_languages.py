"""Four languages, prefixed URLs, right-to-left Arabic, gettext catalogues."""

import pytest
from django.urls import reverse
from django.utils import translation


@pytest.mark.parametrize(
    ("code", "direction", "translated"),
    [
        ("en", "ltr", "Skip to main content"),
        ("fr", "ltr", "Aller au contenu principal"),
        ("es", "ltr", "Saltar al contenido principal"),
        ("ar", "rtl", "انتقل إلى المحتوى الرئيسي"),
    ],
)
def test_home_page_in_each_language(client, db, code, direction, translated):
    response = client.get(f"/{code}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{code}" dir="{direction}">' in html
    assert translated in html


def test_root_redirects_to_a_language_prefix(client, db):
    response = client.get("/", headers={"accept-language": "fr"})
    assert response.status_code == 302
    assert response["Location"] == "/fr/"


def test_urls_are_reversed_with_the_active_language_prefix():
    with translation.override("ar"):
        assert reverse("members:directory") == "/ar/members/"
    with translation.override("es"):
        assert reverse("dashboard") == "/es/dashboard/"


def test_language_switcher_links_to_the_same_page_in_every_language(client, db):
    html = client.get("/fr/members/").content.decode()
    for code in ("en", "fr", "es", "ar"):
        assert f'href="/{code}/members/"' in html
        assert f'hreflang="{code}"' in html


def test_unknown_language_prefix_is_not_found(client, db):
    assert client.get("/de/").status_code == 404
