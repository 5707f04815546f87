"""The Arabic edition keeps Latin-script venue names, partner names and symbols in one piece:
each in its own <bdi> (symbols always left to right), as the web pages do, so that "Geneva,"
or "OEC/GA/1/DEC/3:" do not have their punctuation moved by the Arabic line around them."""

import datetime

from bulletins.content import MonthContent, render_edition
from tests.factories import (
    ArticleFactory,
    AssemblySessionFactory,
    BulletinFactory,
    CooperationActivityFactory,
    DecisionFactory,
    DocumentFactory,
    PartnerOrganisationFactory,
)


def _content():
    session = AssemblySessionFactory(number=2, venue_en="Geneva", venue_ar="")
    partner = PartnerOrganisationFactory(name_en="Literacy Without Borders", slug="lwb")
    return MonthContent(
        sessions=[session],
        documents=[DocumentFactory(symbol="OEC/GA/2/4", title_ar="تقرير", session=session)],
        decisions=[DecisionFactory(symbol="OEC/GA/1/DEC/3", title_ar="قرار")],
        activities=[CooperationActivityFactory(organisation=partner, title_ar="نوادي القراءة")],
    )


def test_arabic_edition_isolates_latin_names_and_symbols(db, settings):
    settings.OEC_SITE_URL = "https://portal.oec.example"
    _subject, html, _text = render_edition(
        bulletin=BulletinFactory(), content=_content(), language="ar"
    )
    assert "<bdi>Geneva</bdi></li>" in html
    assert '/ar/documents/OEC-GA-2-4/"><bdi dir="ltr">OEC/GA/2/4</bdi></a>: تقرير</li>' in html
    assert '/ar/decisions/OEC-GA-1-DEC-3/"><bdi dir="ltr">OEC/GA/1/DEC/3</bdi></a>: قرار (' in html
    assert "<li>نوادي القراءة (<bdi>Literacy Without Borders</bdi>)</li>" in html
    # Nothing left bare: each venue and symbol of the edition is inside its <bdi>.
    assert html.count("<bdi") == 4


def test_english_edition_is_marked_up_the_same_way(db, settings):
    settings.OEC_SITE_URL = "https://portal.oec.example"
    _subject, html, text = render_edition(
        bulletin=BulletinFactory(), content=_content(), language="en"
    )
    assert "<bdi>Geneva</bdi></li>" in html
    assert '<bdi dir="ltr">OEC/GA/1/DEC/3</bdi>' in html
    # The plain-text part has no markup.
    assert "<bdi" not in text
    assert "OEC/GA/1/DEC/3" in text


def test_arabic_edition_isolates_english_titles_and_writes_dates_in_arabic(db, settings):
    settings.OEC_SITE_URL = "https://portal.oec.example"
    session = AssemblySessionFactory(
        number=2, start_date=datetime.date(2027, 12, 6), end_date=datetime.date(2027, 12, 8)
    )
    content = MonthContent(
        articles=[ArticleFactory(title_en="The Assembly meets.", summary_en="In Geneva.")],
        sessions=[session],
        documents=[DocumentFactory(symbol="OEC/GA/2/5", title_en="Budget.", session=session)],
    )
    _subject, html, _text = render_edition(
        bulletin=BulletinFactory(), content=content, language="ar"
    )
    assert '<bdi lang="en" dir="ltr">The Assembly meets.</bdi></a>: ' in html
    assert ': <bdi lang="en" dir="ltr">In Geneva.</bdi></li>' in html
    assert '</bdi></a>: <bdi lang="en" dir="ltr">Budget.</bdi></li>' in html
    assert "6 ديسمبر 2027–8 ديسمبر 2027" in html
