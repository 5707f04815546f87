"""The public member directory: founding states and associate members, filtered and paginated."""

import datetime
import re

from django.urls import reverse
from django.utils import translation

from members.models import Organisation
from tests.factories import AssociateMemberFactory, HostFactory, OrganisationFactory

# The letters emoji flags are written with (🇩🇯 is U+1F1E9 U+1F1EF).
REGIONAL_INDICATORS = re.compile("[\U0001f1e6-\U0001f1ff]")


def _names(response):
    return [organisation.slug for organisation in response.context["page"].object_list]


def test_directory_lists_founding_states_first_then_associates(client, db):
    AssociateMemberFactory(slug="occe", name_en="Central Office for Cooperation at School")
    OrganisationFactory(slug="senegal", name_en="Republic of Senegal", country="SN")
    OrganisationFactory(slug="djibouti", name_en="Republic of Djibouti", country="DJ")
    HostFactory()
    OrganisationFactory(slug="ngo", name_en="A Partner", kind=Organisation.Kind.PARTNER_NGO)
    OrganisationFactory(slug="gone", status=Organisation.Status.WITHDRAWN)
    response = client.get(reverse("members:directory"))
    assert response.status_code == 200
    assert _names(response) == ["djibouti", "senegal", "occe"]


def test_directory_shows_flag_country_region_and_date_of_joining(client, db):
    OrganisationFactory(
        slug="djibouti",
        name_en="Republic of Djibouti",
        country="DJ",
        region=Organisation.Region.AFRICA,
        joined_on=datetime.date(2020, 1, 29),
    )
    AssociateMemberFactory(
        slug="inst",
        name_en="Institute for Inclusive Learning Research",
        associate_type=Organisation.AssociateType.ACADEMIC,
        country="KE",
    )
    content = client.get(reverse("members:directory")).content.decode()
    # The flag is an SVG image; the name beside it is what screen readers read.
    assert (
        '<img class="flag" src="/static/flags/4x3/dj.svg" width="20" height="15" alt=""'
        ' aria-hidden="true" loading="lazy"> Djibouti' in content
    )
    # Each card lists its facts, one per item: no separator to translate.
    assert "<li>Africa</li>" in content
    assert '<time datetime="2020-01-29">Member since 29 January 2020</time>' in content
    assert "<li>Academic body</li>" in content
    assert "Kenya" in content


def test_directory_draws_svg_flags_never_emoji_flags(client, db):
    OrganisationFactory(slug="djibouti", country="DJ")
    AssociateMemberFactory(slug="inst", country="KE")
    content = client.get(reverse("members:directory")).content.decode()
    assert 'src="/static/flags/4x3/dj.svg"' in content
    assert 'src="/static/flags/4x3/ke.svg"' in content
    assert REGIONAL_INDICATORS.findall(content) == []


def test_directory_names_countries_in_the_visitors_language(client, db):
    OrganisationFactory(slug="senegal", country="SN")
    OrganisationFactory(slug="egypt", country="EG")
    with translation.override("fr"):
        url = reverse("members:directory")
    content = client.get(url).content.decode()
    assert "Sénégal" in content
    assert "Égypte" in content


def test_directory_filters_by_kind_and_region(client, db):
    OrganisationFactory(slug="senegal", region=Organisation.Region.AFRICA)
    OrganisationFactory(slug="fiji", region=Organisation.Region.ASIA_PACIFIC)
    AssociateMemberFactory(slug="kenya-institute", region=Organisation.Region.AFRICA)
    url = reverse("members:directory")
    assert _names(client.get(url, {"kind": "associate_member"})) == ["kenya-institute"]
    assert _names(client.get(url, {"region": "africa", "kind": "founding_state"})) == ["senegal"]
    assert sorted(_names(client.get(url, {"region": "africa"}))) == ["kenya-institute", "senegal"]


def test_directory_filters_show_the_chosen_kind_and_region(client, db):
    url = reverse("members:directory")
    client.get(url, {"region": "asia_pacific"})  # the options are kept: the choice is not
    html = client.get(url, {"kind": "associate_member", "region": "africa"}).content.decode()
    assert '<option value="associate_member" selected>' in html
    assert '<option value="africa" selected>' in html
    assert '<option value="asia_pacific">' in html
    assert '<option value="" selected>' not in html


def test_directory_searches_the_name_in_the_visitors_language_and_in_english(client, db):
    OrganisationFactory(
        slug="ecuador", name_en="Republic of Ecuador", name_fr="République de l'Équateur"
    )
    OrganisationFactory(slug="oman", name_en="Sultanate of Oman", name_fr="Sultanat d'Oman")
    with translation.override("fr"):
        url = reverse("members:directory")
    assert _names(client.get(url, {"q": "Équateur"})) == ["ecuador"]
    assert _names(client.get(url, {"q": "Sultanate"})) == ["oman"]
    assert _names(client.get(url, {"q": "nowhere"})) == []


def test_directory_refuses_an_unknown_filter_with_a_clear_message(client, db):
    OrganisationFactory(slug="senegal")
    response = client.get(reverse("members:directory"), {"region": "atlantis", "kind": "host"})
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "region": ["Choose a region from the list."],
        "kind": ["Choose a kind of member from the list."],
    }
    assert _names(response) == []
    assert "Some filters are not valid" in response.content.decode()


def test_directory_refuses_an_overlong_search(client, db):
    response = client.get(reverse("members:directory"), {"q": "x" * 101})
    assert response.context["form"].errors == {"q": ["Search for at most 100 characters."]}


def test_directory_pagination_keeps_the_filters(client, db):
    for number in range(30):
        OrganisationFactory(slug=f"state-{number:02}", region=Organisation.Region.AFRICA)
    response = client.get(reverse("members:directory"), {"region": "africa", "page": "1"})
    page = response.context["page"]
    assert (page.paginator.count, len(page.object_list), page.has_next()) == (30, 24, True)
    assert 'href="?region=africa&amp;page=2"' in response.content.decode()
    second = client.get(reverse("members:directory"), {"region": "africa", "page": "2"})
    assert len(second.context["page"].object_list) == 6


def test_directory_query_count_does_not_grow_with_members(
    client, db, django_assert_max_num_queries
):
    for number in range(30):
        OrganisationFactory(slug=f"state-{number:02}", joined_on=datetime.date(2020, 1, 29))
    for number in range(15):
        # Half of them with a logo: emblems read nothing more from the database.
        logo = f"organisations/logos/{number}.png" if number % 2 else ""
        AssociateMemberFactory(slug=f"associate-{number:02}", logo=logo)
    # A visitor: a count, one page of rows, and the body's menu in the layout (cached).
    with django_assert_max_num_queries(4):
        response = client.get(reverse("members:directory"), {"q": "", "region": ""})
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == 24
