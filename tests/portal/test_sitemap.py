"""/sitemap.xml (every public page in the languages it is written in, hreflang alternates)
and /robots.txt."""

import re

from members.models import Organisation
from tests.factories import OrganisationFactory, PageFactory

TRANSLATIONS = {
    "title_fr": "À propos",
    "title_es": "Acerca de",
    "title_ar": "من نحن",
    "body_fr": "<p>Texte.</p>",
    "body_es": "<p>Texto.</p>",
    "body_ar": "<p>نص.</p>",
}


def _locations(xml):
    return re.findall(r"<loc>([^<]+)</loc>", xml)


def _alternates(xml, location):
    entry = re.search(rf"<url><loc>{re.escape(location)}</loc>(.*?)</url>", xml, re.S)
    return re.findall(r'hreflang="([\w-]+)" href="([^"]+)"', entry.group(1))


def _translate_name(organisation):
    organisation.name_fr = organisation.name_es = organisation.name_ar = "Membre A"
    organisation.save()


def test_sitemap_lists_home_mission_pages_member_pages_and_microsites(client, host, member_a):
    _translate_name(member_a)
    PageFactory(organisation=host, slug="about", **TRANSLATIONS)
    PageFactory(organisation=member_a, slug="vision", **TRANSLATIONS)
    response = client.get("/sitemap.xml")
    xml = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    locations = _locations(xml)
    for code in ("en", "fr", "es", "ar"):
        assert f"http://testserver/{code}/" in locations
        assert f"http://testserver/{code}/about/" in locations
        assert f"http://testserver/{code}/members/member-a/vision/" in locations
        assert f"http://testserver/{code}/members/member-a/" in locations
    assert len(locations) == 16


def test_sitemap_gives_each_address_its_language_alternates(client, host):
    PageFactory(organisation=host, slug="about", **TRANSLATIONS)
    xml = client.get("/sitemap.xml").content.decode()
    assert _alternates(xml, "http://testserver/fr/about/") == [
        ("en", "http://testserver/en/about/"),
        ("fr", "http://testserver/fr/about/"),
        ("es", "http://testserver/es/about/"),
        ("ar", "http://testserver/ar/about/"),
        # Unprefixed: LocaleMiddleware sends each visitor to their own language.
        ("x-default", "http://testserver/about/"),
    ]


def test_sitemap_lists_a_page_only_in_the_languages_it_is_written_in(client, host, member_a):
    # French title and body; a Spanish title without its body; nothing in Arabic.
    PageFactory(
        organisation=host,
        slug="about",
        title_fr="À propos",
        body_fr="<p>Texte.</p>",
        title_es="Acerca de",
    )
    member_a.summary_en = "A member state."
    member_a.name_ar = "العضو أ"
    member_a.summary_ar = "دولة عضو."
    member_a.name_fr = "Membre A"  # a name without its summary is not the page in French
    member_a.save()
    xml = client.get("/sitemap.xml").content.decode()
    locations = _locations(xml)
    about = [location for location in locations if location.endswith("/about/")]
    microsite = [location for location in locations if location.endswith("/member-a/")]
    assert about == ["http://testserver/en/about/", "http://testserver/fr/about/"]
    assert microsite == [
        "http://testserver/en/members/member-a/",
        "http://testserver/ar/members/member-a/",
    ]
    expected_about = [
        ("en", "http://testserver/en/about/"),
        ("fr", "http://testserver/fr/about/"),
        ("x-default", "http://testserver/about/"),
    ]
    assert _alternates(xml, "http://testserver/en/about/") == expected_about
    assert _alternates(xml, "http://testserver/fr/about/") == expected_about
    assert _alternates(xml, "http://testserver/ar/members/member-a/") == [
        ("en", "http://testserver/en/members/member-a/"),
        ("ar", "http://testserver/ar/members/member-a/"),
        ("x-default", "http://testserver/members/member-a/"),
    ]
    # The home page is the interface itself, translated in every language.
    assert [location for location in locations if location.count("/") == 4] == [
        "http://testserver/en/",
        "http://testserver/fr/",
        "http://testserver/es/",
        "http://testserver/ar/",
    ]


def test_sitemap_leaves_out_drafts_private_organisations_and_partners(client, host, member_a):
    PageFactory(organisation=host, slug="draft", status="draft")
    PageFactory(organisation=member_a, slug="plans", status="draft")
    pending = OrganisationFactory(slug="pending", status=Organisation.Status.PENDING)
    PageFactory(organisation=pending, slug="hidden")
    partner = OrganisationFactory(slug="ngo", kind=Organisation.Kind.PARTNER_NGO)
    PageFactory(organisation=partner, slug="profile")
    locations = _locations(client.get("/sitemap.xml").content.decode())
    assert sorted(location for location in locations if "/en/" in location) == [
        "http://testserver/en/",
        "http://testserver/en/members/member-a/",
    ]


def test_sitemap_query_count_with_many_pages(client, host, django_assert_max_num_queries):
    for number in range(30):
        # Every other page and organisation also in French: the languages cost no query.
        french = {"title_fr": "Page", "body_fr": "<p>Texte.</p>"} if number % 2 else {}
        PageFactory(organisation=host, slug=f"page-{number}", **french)
        OrganisationFactory(slug=f"state-{number}", name_fr="État" if number % 2 else "")
    with django_assert_max_num_queries(3):
        response = client.get("/sitemap.xml")
    assert len(_locations(response.content.decode())) == 4 + (30 + 15) + (30 + 15)


def test_robots_txt_points_to_the_sitemap(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert "Sitemap: http://testserver/sitemap.xml\n" in response.content.decode()
    assert "Disallow: /en/dashboard/\n" in response.content.decode()
