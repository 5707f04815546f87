"""The member dashboard: organisation, next session and delegation, new documents, next steps."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from governance.models import Delegation, Document, DocumentFile
from oec_portal.models import DashboardVisit
from tests.factories import AssemblySessionFactory, DocumentFactory


def _next_session():
    return AssemblySessionFactory(
        number=2,
        start_date=datetime.date(2099, 12, 6),
        end_date=datetime.date(2099, 12, 8),
        status="planned",
        venue_en="Djibouti",
        registration_deadline=timezone.now() + datetime.timedelta(days=30),
    )


@pytest.mark.clock
def test_dashboard_shows_next_session_and_invites_the_focal_point_to_register(
    client, focal_a, host
):
    session = _next_session()
    client.force_login(focal_a)
    response = client.get(reverse("dashboard"))
    summary = response.context["governance"]
    assert summary.next_session == session
    assert summary.delegation is None
    assert summary.may_register_delegation is True
    content = response.content.decode()
    assert '<span class="status status-pending">Not registered</span>' in content
    assert (
        'class="button" href="/en/dashboard/delegations/2/">Register your delegation</a>' in content
    )


@pytest.mark.clock
def test_dashboard_shows_the_delegations_status_to_a_delegate(client, delegate_a, member_a, host):
    session = _next_session()
    Delegation.objects.create(session=session, organisation=member_a, status="submitted")
    client.force_login(delegate_a)
    response = client.get(reverse("dashboard"))
    assert response.context["governance"].may_register_delegation is False
    assert '<span class="status status-submitted">Submitted</span>' in response.content.decode()


@pytest.mark.clock
def test_dashboard_lists_readable_documents_since_the_last_visit(
    client, delegate_b, member_a, host, first_session
):
    last_visit = timezone.now() - datetime.timedelta(days=2)
    DashboardVisit.objects.create(user=delegate_b, last_visit_at=last_visit)
    before = last_visit - datetime.timedelta(hours=1)
    after = last_visit + datetime.timedelta(hours=1)
    DocumentFactory(symbol="OEC/GA/1/1", created_at=before, organisation=host)
    DocumentFactory(symbol="OEC/GA/1/2", created_at=after, access="members", organisation=host)
    DocumentFactory(
        symbol="OEC/GA/1/3",
        created_at=after,
        access="restricted",
        restricted_to=[member_a],
        organisation=host,
    )
    DocumentFactory(symbol="OEC/GA/1/4", created_at=after, organisation=host)
    client.force_login(delegate_b)
    first = client.get(reverse("dashboard"))
    assert [d.symbol for d in first.context["governance"].new_documents] == [
        "OEC/GA/1/2",
        "OEC/GA/1/4",
    ]
    # Reloading during the same visit keeps the list; the database remembers this visit.
    again = client.get(reverse("dashboard"))
    assert len(again.context["governance"].new_documents) == 2
    assert DashboardVisit.objects.get(user=delegate_b).last_visit_at > last_visit
    # The next visit (a new session) starts from this one.
    client.logout()
    client.force_login(delegate_b)
    later = client.get(reverse("dashboard"))
    assert later.context["governance"].new_documents == []
    assert "Nothing new since your last visit." in later.content.decode()


def test_dashboard_query_count_does_not_grow_with_documents(
    client, focal_a, host, first_session, django_assert_max_num_queries
):
    _next_session()
    for n in range(40):
        DocumentFactory(symbol=f"OEC/GA/1/{n + 1}", access="members", organisation=host)
    client.force_login(focal_a)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("dashboard"))
    assert len(response.context["governance"].new_documents) == 10
    assert response.context["governance"].new_documents_count == 40


@pytest.mark.usefixtures("demo")
class TestTheDemo:
    """The demo site, seeded once for these tests (tests/conftest.py's demo_site)."""

    def test_seed_demo_twice_gives_the_same_governance_rows(self, settings, tmp_path):
        def snapshot():
            return {
                "documents": sorted(
                    Document.objects.values_list("symbol", "access", "revises__symbol", "title_fr")
                ),
                "restricted": sorted(
                    Document.objects.filter(access="restricted").values_list(
                        "symbol", "restricted_to__slug"
                    )
                ),
                "files": sorted(
                    DocumentFile.objects.values_list("document__symbol", "language", "file")
                ),
                "delegations": sorted(
                    Delegation.objects.values_list(
                        "organisation__slug", "status", "members__user__email"
                    )
                ),
            }

        first = snapshot()
        call_command("seed_demo", stdout=open("/dev/null", "w"))
        assert snapshot() == first
        assert ("OEC/GA/1/6", "djibouti") in first["restricted"]
        assert ("OEC/GA/1/7", "ecuador") in first["restricted"]
        with DocumentFile.objects.first().file.open("rb") as handle:
            assert handle.read(5) == b"%PDF-"

    def test_demo_delegate_reads_own_restricted_document_and_not_the_other(self, client):
        client.post(
            "/en/accounts/login/",
            {"login": "delegate@djibouti.example", "password": "demo-pass-2026"},
        )
        assert client.get("/en/documents/OEC-GA-1-6/").status_code == 200
        assert client.get("/en/documents/OEC-GA-1-7/").status_code == 404
        assert client.get("/en/documents/OEC-GA-1-6/download/en/").status_code == 200
        assert client.get("/en/decisions/OEC-GA-1-DEC-2/").context["decision"].adoption_method == (
            "unanimous"
        )


def test_dashboard_of_a_secretariat_administrator_offers_no_delegation(
    client, secretariat_admin, with_totp
):
    _next_session()
    with_totp(secretariat_admin)
    client.force_login(secretariat_admin)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    assert response.context["governance"].may_register_delegation is False
    assert "/dashboard/delegations/" not in response.content.decode()
