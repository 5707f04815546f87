"""Members' pages keep their shared parts in the cache (issue 9): the register, the
dashboard's governance summary and the file a download hands out are read once per audience
and kept until content changes.

A part is shared only between viewers who may see exactly the same documents; every change to
a document, its files, its restricted organisations or a session shows at once.
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from governance.models import DocumentDownload
from members.permissions import audience
from tests.factories import DocumentFactory, DocumentFileFactory

REGISTER = reverse("governance:document_list")


def _register_of(client, user):
    client.force_login(user)
    return client.get(REGISTER).content.decode()


def _document_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in queries.captured_queries if "governance_document" in q["sql"]]


def test_the_cache_is_on_in_the_test_settings_as_in_production(settings):
    assert settings.OEC_FRAGMENT_CACHE_SECONDS > 0


def test_a_second_visit_reads_no_document_from_the_database(client, documents, delegate_a):
    client.force_login(delegate_a)
    assert _document_queries(client, REGISTER)
    assert _document_queries(client, REGISTER) == []


def test_delegates_of_two_members_never_share_their_registers(
    client, documents, delegate_a, delegate_b
):
    restricted_title = documents["restricted"].title_en
    # Same kind of viewer, other organisation: the restricted document stays with A.
    assert restricted_title in _register_of(client, delegate_a)
    assert restricted_title not in _register_of(client, delegate_b)
    assert restricted_title in _register_of(client, delegate_a)
    assert audience(delegate_a) != audience(delegate_b)


def test_a_visitor_and_the_secretariat_never_share_their_registers(client, documents, roles):
    secretariat_title = documents["secretariat"].title_en
    assert secretariat_title in _register_of(client, roles["secretariat"])
    client.logout()
    assert secretariat_title not in client.get(REGISTER).content.decode()
    assert documents["members"].title_en not in client.get(REGISTER).content.decode()


def test_a_search_is_kept_apart_from_the_full_register(client, documents, delegate_a):
    client.force_login(delegate_a)
    client.get(REGISTER)
    found = client.get(REGISTER, {"q": "Budget"}).content.decode()
    assert documents["members"].title_en in found
    assert documents["public"].title_en not in found


def test_a_new_document_shows_at_once(client, documents, delegate_a, first_session, host):
    client.force_login(delegate_a)
    client.get(REGISTER)
    document = DocumentFactory(
        symbol="OEC/GA/1/9",
        access="members",
        title_en="Late addendum",
        session=first_session,
        organisation=host,
    )
    DocumentFileFactory(document=document, language="en")
    assert "Late addendum" in client.get(REGISTER).content.decode()


def test_an_edited_title_and_a_withdrawn_restriction_show_at_once(
    client, documents, delegate_a, member_a
):
    client.force_login(delegate_a)
    client.get(REGISTER)
    members_document = documents["members"]
    members_document.title_en = "Budget proposal, revised"
    members_document.save()
    assert "Budget proposal, revised" in client.get(REGISTER).content.decode()
    documents["restricted"].restricted_to.remove(member_a)
    assert documents["restricted"].title_en not in client.get(REGISTER).content.decode()


def test_a_revoked_membership_shows_at_once(client, documents, delegate_a):
    client.force_login(delegate_a)
    assert documents["restricted"].title_en in client.get(REGISTER).content.decode()
    delegate_a.memberships.all().delete()
    assert documents["restricted"].title_en not in client.get(REGISTER).content.decode()


def test_the_dashboard_reads_its_governance_summary_once_per_visit(client, documents, delegate_a):
    client.force_login(delegate_a)
    dashboard = reverse("dashboard")
    assert _document_queries(client, dashboard)
    assert _document_queries(client, dashboard) == []


def test_a_document_published_meanwhile_shows_on_the_dashboard_at_once(
    client, documents, delegate_a, first_session, host
):
    client.force_login(delegate_a)
    dashboard = reverse("dashboard")
    client.get(dashboard)
    DocumentFactory(
        symbol="OEC/GA/1/10",
        access="members",
        title_en="Fresh report",
        session=first_session,
        organisation=host,
    )
    assert "Fresh report" in client.get(dashboard).content.decode()


def test_signing_in_keeps_the_cached_parts(client, documents, delegate_a, delegate_b):
    client.force_login(delegate_a)
    client.get(REGISTER)
    # A sign-in saves the user's last_login; no page shows it, so nothing is forgotten.
    client.force_login(delegate_b)
    client.force_login(delegate_a)
    assert _document_queries(client, REGISTER) == []


def test_site_search_results_are_never_shared_between_members(
    client, documents, delegate_a, delegate_b
):
    search = reverse("search")
    restricted_title = documents["restricted"].title_en
    client.force_login(delegate_a)
    assert restricted_title in client.get(search, {"q": "Contributions"}).content.decode()
    client.force_login(delegate_b)
    assert restricted_title not in client.get(search, {"q": "Contributions"}).content.decode()
    client.logout()
    assert restricted_title not in client.get(search, {"q": "Contributions"}).content.decode()


def test_a_second_identical_search_reads_no_document(client, documents, delegate_a):
    client.force_login(delegate_a)
    url = reverse("search") + "?q=Budget"
    assert _document_queries(client, url)
    assert _document_queries(client, url) == []


def _download(client, document, language="en"):
    return client.get(reverse("governance:document_download", args=[document.slug, language]))


def test_a_second_download_reads_no_document_but_is_audited_again(client, documents, delegate_a):
    client.force_login(delegate_a)
    restricted = documents["restricted"]
    url = reverse("governance:document_download", args=[restricted.slug, "en"])
    assert _document_queries(client, url)
    repeat = _document_queries(client, url)
    assert [sql for sql in repeat if not sql.startswith("INSERT")] == []
    assert DocumentDownload.objects.filter(user=delegate_a, symbol=restricted.symbol).count() == 2


def test_a_download_kept_for_one_member_is_never_handed_to_another(
    client, documents, delegate_a, delegate_b
):
    client.force_login(delegate_a)
    assert _download(client, documents["restricted"]).status_code == 200
    client.force_login(delegate_b)
    assert _download(client, documents["restricted"]).status_code == 404
    client.logout()
    # Signed out: not the file kept for members, but the sign-in page (test_document_sign_in).
    signed_out = _download(client, documents["members"])
    assert signed_out.status_code == 302
    assert signed_out["Location"].startswith("/en/accounts/login/?next=")


def test_a_withdrawn_restriction_stops_downloads_at_once(client, documents, delegate_a, member_a):
    client.force_login(delegate_a)
    assert _download(client, documents["restricted"]).status_code == 200
    documents["restricted"].restricted_to.remove(member_a)
    assert _download(client, documents["restricted"]).status_code == 404


def test_a_revoked_membership_stops_downloads_at_once(client, documents, delegate_a):
    client.force_login(delegate_a)
    assert _download(client, documents["members"]).status_code == 200
    delegate_a.memberships.all().delete()
    assert _download(client, documents["members"]).status_code == 404
