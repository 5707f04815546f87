"""/sitemap.xml (every public page, four languages, hreflang alternates) and /robots.txt."""

import re

from members.models import Organisation
from tests.factories import OrganisationFactory, PageFactory


def _locations(xml):
    return re.findall(r"<loc>([^<]+)</loc>", xml)


def test_sitemap_lists_home_mission_pages_member_pages_and_microsites(client, host, member_a):
    PageFactory(organisation=host, slug="about")
    PageFactory(organisation=member_a, slug="vision")
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
    PageFactory(organisation=host, slug="about")
    xml = client.get("/sitemap.xml").content.decode()
    entry = re.search(r"<url><loc>http://testserver/fr/about/</loc>(.*?)</url>", xml, re.S)
    alternates = re.findall(r'hreflang="([\w-]+)" href="([^"]+)"', entry.group(1))
    assert alternates == [
        ("en", "http://testserver/en/about/"),
        ("fr", "http://testserver/fr/about/"),
        ("es", "http://testserver/es/about/"),
        ("ar", "http://testserver/ar/about/"),
        # Unprefixed: LocaleMiddleware sends each visitor to their own language.
        ("x-default", "http://testserver/about/"),
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
        PageFactory(organisation=host, slug=f"page-{number}")
        OrganisationFactory(slug=f"state-{number}")
    with django_assert_max_num_queries(3):
        response = client.get("/sitemap.xml")
    assert len(_locations(response.content.decode())) == 4 * (1 + 30 + 30)


def test_robots_txt_points_to_the_sitemap(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert "Sitemap: http://testserver/sitemap.xml\n" in response.content.decode()
    assert "Disallow: /en/dashboard/\n" in response.content.decode()
