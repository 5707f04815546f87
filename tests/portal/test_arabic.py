"""Arabic pages are designed, not only mirrored (issue 16): one kind of digits, English shown for
want of a translation marked and isolated, and the small things a form or the footer gets
wrong in any language."""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import translation
from django.utils.formats import number_format

from pages.menus import FOOTER_PAGES
from tests.factories import (
    ArticleFactory,
    AssemblySessionFactory,
    DocumentFactory,
    PageFactory,
    PartnershipFactory,
)

# Eastern Arabic (٠-٩) and the Persian/Urdu forms (۰-۹): the portal writes neither.
EASTERN_DIGITS = re.compile("[\u0660-\u0669\u06f0-\u06f9]")


def test_arabic_pages_write_dates_counts_and_symbols_in_western_digits(client, host):
    AssemblySessionFactory(
        number=2,
        start_date=datetime.date(2027, 12, 6),
        end_date=datetime.date(2027, 12, 8),
        status="planned",
    )
    DocumentFactory(symbol="OEC/GA/2/1", publication_date=datetime.date(2027, 11, 2))
    session = client.get("/ar/assembly/2/").content.decode()
    assert "<dd>6 ديسمبر 2027 – 8 ديسمبر 2027</dd>" in session
    for url in ("/ar/", "/ar/assembly/2/", "/ar/documents/", "/ar/news/", "/ar/partners/"):
        html = client.get(url).content.decode()
        assert EASTERN_DIGITS.findall(html) == [], url
    assert "2 نوفمبر 2027" in client.get("/ar/documents/").content.decode()


def test_the_arabic_catalogue_writes_months_as_the_date_formats_do():
    # Django's Arabic months (يناير … ديسمبر), as every date the portal formats; the Levantine
    # names (كانون الثاني/يناير …) in a translated sentence made a second style.
    catalogue = (Path(settings.BASE_DIR) / "locale/ar/LC_MESSAGES/django.po").read_text()
    levantine = "كانون|تشرين|شباط|آذار|نيسان|أيار|حزيران|تموز|أيلول"
    assert re.findall(levantine, catalogue) == []
    with translation.override("ar"):
        assert "29 يناير 2020" in Template(
            '{% load i18n %}{% translate "Organisation of Educational Cooperation — established'
            ' on 29 January 2020." %}'
        ).render(Context())


def test_arabic_figures_group_thousands_with_a_narrow_space_and_keep_the_decimal_comma():
    with translation.override("ar"):
        assert number_format(1234567.5, 1, force_grouping=True) == "1\u202f234\u202f567,5"


def test_an_english_fallback_in_a_news_card_is_marked_english_and_left_to_right(client, host):
    ArticleFactory(organisation=host, title_en="The Assembly met.", summary_en="In Geneva.")
    ArticleFactory(organisation=host, title_en="Budget", title_ar="الميزانية", summary_ar="ملخص")
    html = client.get("/ar/news/").content.decode()
    assert '<h2 class="news-card-title" lang="en" dir="ltr"><a' in html
    assert '<p lang="en" dir="ltr">In Geneva.</p>' in html
    # So is an organisation's name without an Arabic one, in the card's line of dates and links.
    assert f'<bdi lang="en" dir="ltr">{host.name_en}</bdi></a>' in html
    # Its own language's text is not marked.
    assert '<h2 class="news-card-title"><a href="/ar/news/' in html
    assert "<p>ملخص</p>" in html
    # Nor is anything on an English page.
    main = client.get("/en/news/").content.decode().split("<main", 1)[1]
    assert 'lang="en" dir="ltr"' not in main


def test_an_english_document_title_in_an_arabic_line_is_isolated(client, host):
    DocumentFactory(symbol="OEC/GA/1/7", title_en="Report of the Secretary-General.")
    DocumentFactory(symbol="OEC/GA/1/8", title_en="Budget", title_ar="الميزانية")
    html = client.get("/ar/documents/").content.decode()
    assert (
        '<span class="symbol" dir="ltr">OEC/GA/1/7</span> '
        '<bdi lang="en" dir="ltr">Report of the Secretary-General.</bdi></a>' in html
    )
    assert '<span class="symbol" dir="ltr">OEC/GA/1/8</span> الميزانية</a>' in html
    detail = client.get("/ar/documents/OEC-GA-1-7/").content.decode()
    assert '<bdi lang="en" dir="ltr">Report of the Secretary-General.</bdi></h1>' in detail


def test_a_partner_profile_without_arabic_text_marks_its_english_parts(client, host):
    partnership = PartnershipFactory(description_en="Works for literacy.")
    partnership.organisation.name_en = "Readers Without Borders"
    partnership.organisation.save()
    html = client.get(f"/ar/partners/{partnership.organisation.slug}/").content.decode()
    assert '<h1 lang="en" dir="ltr">Readers Without Borders</h1>' in html
    assert '<div class="partner-description" lang="en" dir="ltr">' in html
    assert '<a class="with-icon" href="https://ngo.example" rel="noopener" dir="ltr">' in html
    listing = client.get("/ar/partners/").content.decode()
    assert (
        f'<h3 class="org-card-name" lang="en" dir="ltr"><a href="{partnership.get_absolute_url()}">'
        "Readers Without Borders</a></h3>" in listing
    )


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ar", '<bdi lang="en" dir="ltr">Fish &amp; &lt;chips&gt;</bdi> · الميزانية'),
        ("en", "Fish &amp; &lt;chips&gt; · Budget"),
    ],
)
def test_the_translated_filter_escapes_what_it_isolates(db, language, expected):
    template = Template(
        '{% load translations %}{{ a|translated:"title" }} · {{ b|translated:"title" }}'
    )
    english_only = ArticleFactory.build(title_en="Fish & <chips>", title_fr="")
    both = ArticleFactory.build(title_en="Budget", title_ar="الميزانية")
    with translation.override(language):
        assert template.render(Context({"a": english_only, "b": both})) == expected


def test_a_field_that_is_not_translated_is_never_taken_for_a_fallback(db):
    document = DocumentFactory.build(symbol="OEC/GA/1/9")
    with translation.override("ar"):
        assert (
            Template('{% load translations %}{{ d|translated:"symbol" }}').render(
                Context({"d": document})
            )
            == "OEC/GA/1/9"
        )


def test_the_remember_me_checkbox_sits_before_its_label_on_the_sign_in_page(client, host):
    html = client.get("/en/accounts/login/").content.decode()
    group = re.search(r'<div class="form-group form-group-checkbox">(.*?)</div>', html, re.S)
    assert re.fullmatch(
        r'\s*<input type="checkbox" name="remember" id="id_remember">'
        r'<label for="id_remember">Remember Me</label>\s*',
        group.group(1),
    )
    # The other fields keep their label above the box.
    assert '<label for="id_password">Password</label>' in html


def test_the_footer_follows_the_accounts_the_settings_name_and_invents_none(client, host, settings):
    footer = client.get("/en/").content.decode().split('<footer class="site-footer">', 1)[1]
    follow = footer.split('id="footer-follow"', 1)[1].split("</section>", 1)[0]
    assert follow.count("<li>") == 2  # the news feed and the bulletin
    settings.OEC_SOCIAL_LINKS = [
        "https://www.linkedin.com/company/oec-example",
        "https://video.oec.example/@oec",
    ]
    footer = client.get("/fr/").content.decode().split('<footer class="site-footer">', 1)[1]
    assert (
        '<li><a href="https://www.linkedin.com/company/oec-example" rel="me noopener" lang="en"'
        ' dir="ltr">LinkedIn</a></li>' in footer
    )
    assert 'dir="ltr">video.oec.example</a></li>' in footer


def test_the_footer_names_its_legal_pages_from_one_list_in_the_visitors_language(client, host):
    for slug in FOOTER_PAGES:
        PageFactory(organisation=host, slug=slug, title_en=slug, show_in_menu=False)
    html = client.get("/es/").content.decode()
    footer = html.split('<ul class="footer-legal-links">', 1)[1].split("</ul>", 1)[0]
    links = re.findall(r'<li><a href="/es/([a-z-]+)/">([^<]+)</a></li>', footer)
    with translation.override("es"):
        assert links == [(slug, str(title)) for slug, title in FOOTER_PAGES.items()]
    assert links[1] == ("legal-notice", "Aviso legal")
