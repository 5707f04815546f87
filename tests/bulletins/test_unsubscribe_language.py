"""The one-click unsubscribe page has no language prefix: it speaks the language in which the
reader chose to receive the bulletin, and so does its confirmation."""

from bulletins.selectors import bulletin_language_of
from bulletins.tokens import unsubscribe_token
from tests.factories import SubscriberFactory, bulletin_contact


def url_for(email):
    return f"/bulletins/unsubscribe/{unsubscribe_token(email)}/"


def test_subscriber_in_spanish_reads_the_page_and_its_confirmation_in_spanish(client, db):
    SubscriberFactory(email="lector@public.example", language="es")

    page = client.get(url_for("lector@public.example"))
    html = page.content.decode()
    assert '<html lang="es" dir="ltr">' in html
    assert "<h1>Darse de baja del boletín para los asociados</h1>" in html
    assert 'href="/es/bulletins/preferences/' in html
    assert page["Content-Language"] == "es"

    done = client.post(url_for("lector@public.example")).content.decode()
    assert '<html lang="es" dir="ltr">' in done
    assert "<h1>Se ha dado de baja</h1>" in done


def test_partner_contact_in_arabic_reads_it_right_to_left(client, db):
    bulletin_contact(email="qari@ngo.example", language="ar")

    html = client.get(url_for("qari@ngo.example")).content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "<h1>إلغاء الاشتراك في نشرة الشركاء</h1>" in html


def test_browser_language_does_not_override_the_chosen_one(client, db):
    SubscriberFactory(email="lecteur@public.example", language="fr")

    html = client.get(
        url_for("lecteur@public.example"), headers={"accept-language": "es"}
    ).content.decode()
    assert '<html lang="fr" dir="ltr">' in html


def test_unknown_address_falls_back_to_english(db):
    assert bulletin_language_of(email="nobody@example.org") == "en"
    SubscriberFactory(email="mixed@case.example", language="ar")
    assert bulletin_language_of(email=" mixed@case.EXAMPLE ") == "ar"
