"""Every organisation shown to the public has an emblem: its logo, or a designed cover made from
its name (its acronym or initials, Arabic included) on a palette tone picked by its slug."""

import re

from django.template import Context, Template
from django.utils import translation

from members.emblems import TONES, emblem_initials, emblem_tone
from members.models import Organisation
from tests.factories import (
    AssociateMemberFactory,
    OrganisationFactory,
    PartnerOrganisationFactory,
    PartnershipFactory,
)

THIN_SPACE = "\u2009"


def render_emblem(organisation, arguments=""):
    template = Template(
        "{% load emblems %}{% organisation_emblem organisation " + arguments + " %}"
    )
    return template.render(Context({"organisation": organisation}))


def test_cover_shows_the_acronym_written_in_parentheses():
    assert emblem_initials("Central Office for Cooperation at School (OCCE)") == "OCCE"
    assert emblem_initials("Office central de la coopération à l'école (OCCE)") == "OCCE"


def test_cover_initials_leave_out_the_small_words():
    assert emblem_initials("Global Literacy Trust") == "GLT"
    assert emblem_initials("Institute for Inclusive Learning Research") == "IILR"
    assert emblem_initials("South-South Education Network") == "SSEN"
    assert emblem_initials("République dominicaine") == "RD"
    assert emblem_initials("Red de Educación del Sur y del Norte") == "RESN"
    assert emblem_initials("Djibouti") == "D"


def test_cover_initials_of_an_arabic_name_drop_the_article_and_stand_apart():
    # al-Maktab al-Markazi li-t-Ta'awun: the letters would join into a word without the space.
    assert emblem_initials("المكتب المركزي للتعاون في المدرسة") == f"م{THIN_SPACE}م"
    assert emblem_initials("منتدى الشباب للتعلم") == f"م{THIN_SPACE}ش"
    assert emblem_initials("جيبوتي") == "ج"


def test_cover_of_a_name_without_letters_is_empty():
    assert emblem_initials("") == ""
    assert emblem_initials("2030 !") == ""


def test_cover_tone_is_the_same_for_the_same_slug_and_varies_between_slugs():
    tones = {emblem_tone(f"member-{number}") for number in range(40)}
    assert tones == set(range(TONES))
    assert emblem_tone("occe") == emblem_tone("occe")


def test_state_cover_shows_its_countrys_common_name_in_the_visitors_language(db):
    sri_lanka = OrganisationFactory(
        slug="sri-lanka", name_en="Democratic Socialist Republic of Sri Lanka", country="LK"
    )
    assert sri_lanka.emblem_initials == "SL"
    with translation.override("ar"):
        assert sri_lanka.emblem_initials == "س"


def test_emblem_without_a_logo_is_a_cover_hidden_beside_the_name(db):
    occe = AssociateMemberFactory(
        slug="occe", name_en="Central Office for Cooperation at School (OCCE)"
    )
    html = render_emblem(occe, '"small"')
    assert html.startswith(
        f'<svg class="emblem emblem-small emblem-cover emblem-tone-{emblem_tone("occe")}"'
        ' viewBox="0 0 120 120" width="64" height="64" aria-hidden="true" focusable="false">'
    )
    assert '<text x="60" y="58" text-anchor="middle" dominant-baseline="central"' in html
    assert re.search(r'font-size="31">OCCE</text></svg>$', html)
    assert "<img" not in html


def test_emblem_cover_in_arabic_shows_arabic_initials(db):
    institute = AssociateMemberFactory(
        slug="institute",
        name_en="Institute for Inclusive Learning Research",
        name_ar="معهد أبحاث التعلم الشامل",
    )
    with translation.override("ar"):
        html = render_emblem(institute)
    assert f'font-size="42">م{THIN_SPACE}أ</text>' in html


def test_emblem_uses_the_logo_when_there_is_one(db):
    occe = AssociateMemberFactory(slug="occe", logo="organisations/logos/occe.png")
    assert occe.emblem_url == "/media/organisations/logos/occe.png"
    # Beside the written name the logo is decoration (empty alt); lazy below the fold.
    assert render_emblem(occe) == (
        '<img class="emblem emblem-small emblem-logo" src="/media/organisations/logos/occe.png"'
        ' width="64" height="64" alt="" loading="lazy">'
    )
    # At the top of a page, fetched at once.
    assert 'height="120" alt="">' in render_emblem(occe, '"large" lazy=False')


def test_emblem_alone_is_named_in_the_visitors_language(db):
    occe = AssociateMemberFactory(slug="occe", name_fr="OCCE", logo="organisations/logos/o.png")
    plain = AssociateMemberFactory(slug="plain", name_fr="Réseau Sud")
    with translation.override("fr"):
        assert 'alt="Logo de OCCE"' in render_emblem(occe, "alone=True")
        assert 'role="img" aria-label="Réseau Sud"' in render_emblem(plain, "alone=True")


def test_organisation_without_a_logo_has_no_emblem_url_to_share(db):
    assert OrganisationFactory(slug="senegal").emblem_url == ""


def test_directory_shows_each_member_in_a_card_with_its_logo_or_its_cover(client, db):
    OrganisationFactory(slug="djibouti", name_en="Republic of Djibouti", country="DJ")
    AssociateMemberFactory(
        slug="occe",
        name_en="Central Office for Cooperation at School (OCCE)",
        summary_en="Helps schools run pupil cooperatives.",
        logo="organisations/logos/occe.png",
    )
    content = client.get("/en/members/").content.decode()
    assert content.count('<li class="org-card">') == 2
    assert re.search(r'<svg class="emblem emblem-small emblem-cover [^>]+>.*?>D</text>', content)
    assert 'src="/media/organisations/logos/occe.png" width="64" height="64" alt=""' in content
    assert '<p class="org-card-summary">Helps schools run pupil cooperatives.</p>' in content


def test_microsite_banner_shows_the_cover_name_kind_and_flag(client, db):
    OrganisationFactory(
        slug="senegal",
        name_en="Republic of Senegal",
        country="SN",
        kind=Organisation.Kind.FOUNDING_STATE,
    )
    content = client.get("/en/members/senegal/").content.decode()
    banner = re.search(r'<header class="org-banner">(.*?)</header>', content, re.S).group(1)
    assert 'class="emblem emblem-large emblem-cover' in banner
    assert ">S</text>" in banner
    assert "<h1>Republic of Senegal</h1>" in banner
    assert "<li>Founding state</li>" in banner
    assert 'src="/static/flags/4x3/sn.svg"' in banner


def test_partner_page_banner_shows_the_partners_logo(client, db):
    organisation = PartnerOrganisationFactory(
        slug="readers", name="Readers", logo="organisations/logos/readers.png"
    )
    PartnershipFactory(organisation=organisation, status="consultative")
    content = client.get("/en/partners/readers/").content.decode()
    banner = re.search(r'<header class="org-banner">(.*?)</header>', content, re.S).group(1)
    assert 'src="/media/organisations/logos/readers.png" width="120" height="120" alt="">' in (
        banner
    )
