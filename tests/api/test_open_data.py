"""The open data API: public rows only, exact public fields, filters, throttling, docs."""

import re

import pytest
from rest_framework.throttling import AnonRateThrottle

from members.models import Role
from oec_portal.api import MemberSerializer
from partnerships.serializers import PartnerSerializer
from tests.factories import PartnerOrganisationFactory, PartnershipFactory, user_with_role

PARTNER_FIELDS = {
    "slug",
    "name",
    "status",
    "admitted_on",
    "country",
    "region",
    "geographic_scope",
    "fields",
    "areas",
    "website",
    "description",
    "url",
}
MEMBER_FIELDS = {
    "slug",
    "name",
    "short_name",
    "kind",
    "associate_type",
    "country",
    "region",
    "joined_on",
    "website",
    "summary",
    "url",
}


def slugs(response):
    return [row["slug"] for row in response.json()["results"]]


def test_serializers_have_exactly_the_public_fields():
    assert set(PartnerSerializer().fields) == PARTNER_FIELDS
    assert set(MemberSerializer().fields) == MEMBER_FIELDS


def test_partners_api_lists_only_public_partners_with_public_fields(client, open_data):
    response = client.get("/api/partners/")
    assert response.status_code == 200
    body = response.json()
    assert (body["count"], slugs(response)) == (2, ["alpha", "beta"])
    assert body["results"][0] == {
        "slug": "alpha",
        "name": "Alpha Readers",
        "status": "consultative",
        "admitted_on": "2021-05-01",
        "country": "KE",
        "region": "africa",
        "geographic_scope": "international",
        "fields": ["education"],
        "areas": ["advocacy"],
        "website": "https://ngo.example",
        "description": "Works for literacy.",
        "url": "http://testserver/en/partners/alpha/",
    }
    assert "private@" not in response.content.decode()


@pytest.mark.parametrize(
    "query, expected",
    [
        ("status=associate", ["beta"]),
        ("country=KE", ["alpha"]),
        ("field=culture", ["beta"]),
        ("area=advocacy", ["alpha"]),
        ("year=2019", ["beta"]),
        ("region=africa", ["alpha"]),
        ("q=alpha", ["alpha"]),
    ],
)
def test_partners_api_filters(client, open_data, query, expected):
    assert slugs(client.get(f"/api/partners/?{query}")) == expected


@pytest.mark.parametrize("query", ["status=applicant", "field=nonsense", "year=abc", "country=XX"])
def test_partners_api_refuses_bad_filters_with_400(client, open_data, query):
    assert client.get(f"/api/partners/?{query}").status_code == 400


def test_partner_detail_by_slug(client, open_data):
    response = client.get("/api/partners/beta/")
    assert response.status_code == 200
    assert set(response.json()) == PARTNER_FIELDS


@pytest.mark.parametrize("slug", ["hidden-applicant", "hidden-suspended", "hidden-ended", "none"])
def test_partner_detail_of_a_non_public_partner_is_not_found(client, open_data, slug):
    assert client.get(f"/api/partners/{slug}/").status_code == 404


def test_signed_in_contact_of_a_suspended_partner_sees_only_public_data(client, open_data):
    from members.models import Organisation

    hidden = Organisation.objects.get(slug="hidden-suspended")
    client.force_login(user_with_role(hidden, Role.PARTNER_CONTACT, email="c@hidden.example"))
    assert slugs(client.get("/api/partners/")) == ["alpha", "beta"]
    assert client.get("/api/partners/hidden-suspended/").status_code == 404


def test_members_api_lists_public_founding_states_and_associates(client, open_data):
    response = client.get("/api/members/")
    # The order of the web directory: by kind (associate members, founding states), then name.
    assert slugs(response) == ["occe", "djibouti", "ecuador"]
    djibouti = response.json()["results"][1]
    assert set(djibouti) == MEMBER_FIELDS
    assert (djibouti["country"], djibouti["joined_on"], djibouti["kind"]) == (
        "DJ",
        "2020-01-29",
        "founding_state",
    )


def test_members_api_filters_and_hides_others(client, open_data):
    assert slugs(client.get("/api/members/?kind=associate_member")) == ["occe"]
    assert slugs(client.get("/api/members/?region=latin_america_caribbean")) == ["ecuador"]
    assert slugs(client.get("/api/members/?year=2020")) == ["djibouti"]
    for slug in ("pending-state", "oec", "alpha"):
        assert client.get(f"/api/members/{slug}/").status_code == 404


def test_api_is_read_only(client, open_data):
    assert client.post("/api/partners/", {"slug": "x"}).status_code == 405
    assert client.delete("/api/partners/alpha/").status_code == 405


def test_api_throttles_anonymous_callers(client, open_data, monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "rate", "3/minute", raising=False)
    statuses = [client.get("/api/partners/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_partners_api_query_count_stays_flat(client, db, django_assert_max_num_queries):
    for number in range(60):
        PartnershipFactory(
            organisation=PartnerOrganisationFactory(name=f"P {number:02d}", slug=f"p-{number:02d}")
        )
    with django_assert_max_num_queries(6):
        response = client.get("/api/partners/")
    assert response.json()["count"] == 60
    assert len(response.json()["results"]) == 50


def test_api_docs_page_is_self_hosted_under_the_csp(client, open_data):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "GET /api/partners/" in page and "GET /api/members/" in page
    assert "<code>status</code> (choice)" in page
    assert "<code>fields</code> (array)" in page
    # No script of the docs' own (no Swagger UI from a CDN): only the header's menu script, ours.
    assert re.findall(r"<script[^>]*>", page) == ['<script src="/static/js/menu.js">']
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_news_documents_and_decisions_list_only_public_rows(client, open_data):
    news = client.get("/api/news/").json()["results"]
    assert [article["slug"] for article in news] == ["first-assembly"]
    assert set(news[0]) == {
        "slug",
        "title",
        "summary",
        "body",
        "organisation",
        "category",
        "tags",
        "publish_at",
        "url",
    }
    documents = client.get("/api/documents/").json()["results"]
    assert [document["symbol"] for document in documents] == ["OEC/GA/1/1"]
    assert set(documents[0]) == {
        "symbol",
        "title",
        "type",
        "session",
        "publication_date",
        "languages",
        "url",
    }
    decisions = client.get("/api/decisions/").json()["results"]
    assert [decision["symbol"] for decision in decisions] == ["OEC/GA/1/DEC/1", "OEC/GA/1/RES/1"]


def test_a_guessed_id_of_a_non_public_document_is_not_found(client, open_data):
    from governance.models import Document

    restricted = Document.objects.get(symbol="OEC/GA/1/3")
    assert client.get(f"/api/documents/{restricted.pk}/").status_code == 404
    assert client.get("/api/news/draft-news/").status_code == 404


@pytest.mark.parametrize("path", ["/api/news/", "/api/members/", "/api/partners/"])
def test_a_year_past_9999_is_a_clear_400_not_a_server_error(client, open_data, path):
    # Found by schemathesis: the date lookup overflowed into a 500.
    response = client.get(path, {"year": "10597"})
    assert response.status_code == 400
    assert "year" in response.json()
