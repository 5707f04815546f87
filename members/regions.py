"""The region of an organisation, derived from its country (ISO 3166-1 alpha-2 code).

Regions are the five groups of `Organisation.Region`, drawn as the Organisation's electoral
groups are: the Arab States are the members of that group wherever they lie (Mauritania and
Sudan included, Djibouti, Somalia and the Comoros in Africa); Israel sits with Europe and
North America; Iran, Central Asia and the Pacific with Asia and the Pacific. Territories
follow the region they lie in. Antarctica has no region.

The codes below are `Organisation.Region` values; this module imports no model so that the
model can use it (`Organisation.Region.for_country`). It also gives the countries' names in a
language, translated and sorted once per language in a process (`country_names`).
"""

import functools

from django.conf import settings
from django.utils import translation
from django_countries import countries


@functools.cache
def country_names(language):
    """Every country as (code, name) in `language`, sorted by that name: translated and sorted
    once per language in a process rather than on each page or query that lists them (~250
    names; issue 19)."""
    with translation.override(language):
        return [(country.code, str(country.name)) for country in countries]


def country_choices():
    """`country_names` in the active language: a form field's choices, given as this function
    so that they are the visitor's language, not that of start-up."""
    return country_names(translation.get_language() or settings.LANGUAGE_CODE)


AFRICA = "africa"
ARAB_STATES = "arab_states"
ASIA_PACIFIC = "asia_pacific"
EUROPE_NORTH_AMERICA = "europe_north_america"
LATIN_AMERICA_CARIBBEAN = "latin_america_caribbean"

_COUNTRIES_BY_REGION = {
    AFRICA: (
        "AO BF BI BJ BW CD CF CG CI CM CV DJ EH ER ET GA GH GM GN GQ GW IO KE KM LR LS MG ML "
        "MU MW MZ NA NE NG RE RW SC SH SL SN SO SS ST SZ TD TF TG TZ UG YT ZA ZM ZW"
    ),
    ARAB_STATES: "AE BH DZ EG IQ JO KW LB LY MA MR OM PS QA SA SD SY TN YE",
    ASIA_PACIFIC: (
        "AF AS AU BD BN BT CC CK CN CX FJ FM GU HK HM ID IN IR JP KG KH KI KP KR KZ LA LK MH "
        "MM MN MO MP MV MY NC NF NP NR NU NZ PF PG PH PK PN PW SB SG TH TJ TK TL TM TO TV TW "
        "UM UZ VN VU WF WS"
    ),
    EUROPE_NORTH_AMERICA: (
        "AD AL AM AT AX AZ BA BE BG BM BY CA CH CY CZ DE DK EE ES FI FO FR GB GE GG GI GL GR "
        "HR HU IE IL IM IS IT JE LI LT LU LV MC MD ME MK MT NL NO PL PM PT RO RS RU SE SI SJ "
        "SK SM TR UA US VA"
    ),
    LATIN_AMERICA_CARIBBEAN: (
        "AG AI AR AW BB BL BO BQ BR BS BV BZ CL CO CR CU CW DM DO EC FK GD GF GP GS GT GY HN "
        "HT JM KN KY LC MF MQ MS MX NI PA PE PR PY SR SV SX TC TT UY VC VE VG VI"
    ),
}

REGION_OF_COUNTRY = {
    code: region for region, codes in _COUNTRIES_BY_REGION.items() for code in codes.split()
}


def region_for_country(country_code) -> str:
    """The region code of the country `country_code`; "" for a country of no region."""
    return REGION_OF_COUNTRY.get(str(country_code or "").upper(), "")
