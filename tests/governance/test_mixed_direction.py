"""Arabic and Spanish pages of the Assembly: Latin names and symbols are isolated (<bdi>,
dir="ltr") so that an Arabic line keeps its order, and the demo says "To be announced" and
"His Excellency" in every language (issue 14)."""

import pytest

from governance.models import AssemblySession, Decision, OfficeHolder
from members.models import Organisation
from partnerships.models import Partnership
from tests.factories import AssemblySessionFactory, DecisionFactory, OfficeHolderFactory


def test_arabic_office_holder_line_isolates_the_title_and_latin_name(client, db):
    OfficeHolderFactory(title_ar="معالي")
    html = client.get("/ar/assembly/").content.decode()
    assert "<bdi>معالي Manssour Bin Mussallam</bdi>" in html
    assert "(منذ 7 ديسمبر 2021)" in html


def test_an_english_title_shown_for_want_of_arabic_stays_with_the_name(client, db):
    # Title and name in one isolate: an English fallback title cannot be reordered after the
    # name by the Arabic line around it ("Manssour Bin Mussallam His Excellency").
    OfficeHolderFactory()
    html = client.get("/ar/assembly/").content.decode()
    assert "<bdi>His Excellency Manssour Bin Mussallam</bdi>" in html


def test_session_venue_is_isolated_in_lists_and_on_its_page(client, db):
    AssemblySessionFactory(number=1, venue_en="Geneva", venue_ar="جنيف")
    html = client.get("/ar/assembly/").content.decode()
    assert '· <bdi>جنيف</bdi> <span class="status' in html
    assert "<bdi>جنيف</bdi></dd>" in client.get("/ar/assembly/1/").content.decode()


def test_decision_symbol_reads_left_to_right_in_arabic(client, db):
    DecisionFactory(symbol="OEC/GA/1/DEC/3", title_ar="تولّي الأمين العام الأول مهامه")
    html = client.get("/ar/decisions/").content.decode()
    assert (
        '<span class="symbol" dir="ltr">OEC/GA/1/DEC/3</span> تولّي الأمين العام الأول مهامه' in html
    )


@pytest.mark.usefixtures("demo")
class TestTheDemo:
    """The demo site, seeded once for these tests (tests/conftest.py's demo_site)."""

    def test_demo_announces_the_second_venue_in_every_language(self):
        second = AssemblySession.objects.get(number=2)
        assert (second.venue_en, second.venue_fr, second.venue_es, second.venue_ar) == (
            "To be announced",
            "À annoncer",
            "Por anunciar",
            "يُعلن لاحقاً",
        )
        assert all(getattr(second, f"description_{code}") for code in ("en", "fr", "es", "ar"))

    def test_demo_gives_the_secretary_general_his_title_in_every_language(self):
        holder = OfficeHolder.objects.get(post="secretary_general")
        assert (holder.title_en, holder.title_fr, holder.title_es, holder.title_ar) == (
            "His Excellency",
            "Son Excellence",
            "Su Excelencia",
            "معالي",
        )
        decision = Decision.objects.get(symbol="OEC/GA/1/DEC/3")
        assert decision.text_es.startswith("La Asamblea General toma nota de que Su Excelencia")
        assert decision.text_ar.startswith("تحيط الجمعية العامة علماً بتولّي معالي منصور بن مسلم")

    def test_demo_files_the_open_schools_foundation_under_africa_like_its_partnership(self):
        foundation = Organisation.objects.get(slug="open-schools-foundation")
        assert (foundation.country.code, foundation.region) == ("SN", "africa")
        partnership = Partnership.objects.get(organisation=foundation)
        assert partnership.headquarters_country.code == foundation.country.code

    def test_demo_session_venue_reads_in_arabic(self, client):
        html = client.get("/ar/assembly/2/").content.decode()
        assert "<bdi>يُعلن لاحقاً</bdi></dd>" in html
