"""The register and the partner search use the indexes their filters need (PostgreSQL only).

Each test bulk-creates enough rows that a sequential scan would be the wrong plan, runs
ANALYZE so that the planner knows the sizes, and reads the plan PostgreSQL really picks
(EXPLAIN, no `enable_seqscan = off`).
"""

import datetime

import pytest
from django.db import connection
from django.utils import translation

from governance.forms import DocumentFilterForm
from governance.models import Document
from governance.selectors import documents_visible_to
from members.models import Organisation
from news.models import Article
from partnerships.filters import PartnerFilter
from partnerships.models import Partnership
from tests.factories import ArticleFactory, AssemblySessionFactory, PartnershipFactory

DOCUMENTS = 2_000
PARTNERS = 2_000
ARTICLES = 2_000
ACCESS_CYCLE = ["public", "public", "members", "restricted", "secretariat"]


@pytest.fixture(autouse=True)
def _on_postgresql(db):
    # Not a skip: `make test` runs on PostgreSQL, and these plans only exist there.
    if connection.vendor != "postgresql":
        pytest.fail(
            f"tests/perf/test_indexes.py checks PostgreSQL query plans; the database is "
            f"{connection.vendor}. Run it with DATABASE_URL=postgres://... (as `make test` does)."
        )


def _analyze(*tables):
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f'ANALYZE "{table}"')


def _scans_of(plan, table):
    """The plan's lines that read `table` itself (not tables whose name starts the same)."""
    return [line.strip() for line in plan.splitlines() if f" on {table} " in f"{line} "]


@pytest.fixture
def register_of_2000(host, member_a):
    sessions = [AssemblySessionFactory(number=number) for number in range(1, 6)]
    first_day = datetime.date(2015, 1, 1)
    documents = Document.objects.bulk_create(
        Document(
            symbol=f"OEC/GA/{sessions[n % 5].number}/{n // 5 + 1}",
            title=f"Document {n}",
            title_en=f"Document {n}",
            type=Document.Type.WORKING_PAPER,
            session=sessions[n % 5],
            access=ACCESS_CYCLE[n % len(ACCESS_CYCLE)],
            publication_date=first_day + datetime.timedelta(days=n),
            organisation=host,
        )
        for n in range(DOCUMENTS)
    )
    Document.restricted_to.through.objects.bulk_create(
        Document.restricted_to.through(document_id=document.pk, organisation_id=member_a.pk)
        for document in documents
        if document.access == Document.Access.RESTRICTED
    )
    _analyze("governance_document", "governance_document_restricted_to")
    return sessions


def test_register_first_page_reads_the_register_index(register_of_2000, delegate_a):
    # The register as the delegate opens it: an index scan in the register's order stops after
    # one page instead of sorting the 1,600 documents the delegate may read.
    documents = documents_visible_to(delegate_a).with_files()

    plan = documents[:30].explain()

    scans = _scans_of(plan, "governance_document")
    assert len(scans) == 1, plan
    assert "Index Scan using governance_doc_register on governance_document" in scans[0], plan
    assert "Sort" not in plan, plan


def test_register_filtered_by_session_reads_an_index(register_of_2000, delegate_a):
    form = DocumentFilterForm({"session": str(register_of_2000[1].number)})
    assert form.is_valid(), form.errors
    documents = form.filter(documents_visible_to(delegate_a).with_files(), language="en")

    plan = documents[:30].explain()

    scans = _scans_of(plan, "governance_document")
    assert len(scans) == 1, plan
    assert "Index Scan" in scans[0], plan


@pytest.fixture
def partners_of_2000(db):
    organisations = Organisation.objects.bulk_create(
        Organisation(
            kind=Organisation.Kind.PARTNER_NGO,
            slug=f"ngo-{n:04d}",
            name=f"Partner {n:04d} for {'literacy' if n % 100 == 0 else 'sport'}",
            name_en=f"Partner {n:04d} for {'literacy' if n % 100 == 0 else 'sport'}",
            country="FR",
            region=Organisation.Region.EUROPE_NORTH_AMERICA,
            status=Organisation.Status.ACTIVE,
        )
        for n in range(PARTNERS)
    )
    Partnership.objects.bulk_create(
        PartnershipFactory.build(organisation=organisation) for organisation in organisations
    )
    _analyze("members_organisation", "partnerships_partnership")


def test_partner_search_reads_a_full_text_index(partners_of_2000, rf):
    # 20 of 2,000 partners match: reading every name through to_tsvector is the wrong plan.
    request = rf.get("/en/partners/", {"q": "literacy"})
    with translation.override("en"):
        selection = PartnerFilter(
            request.GET, queryset=Partnership.objects.public().with_profile(), request=request
        ).qs
        assert selection.count() == 20

        plan = selection[:25].explain()

    assert "Seq Scan on members_organisation" not in plan, plan
    assert "Index Scan on members_org_name_search_en" in plan, plan


def test_home_latest_news_reads_the_home_index_from_its_end(host):
    first = datetime.datetime(2015, 1, 1, tzinfo=datetime.UTC)
    Article.objects.bulk_create(
        ArticleFactory.build(
            organisation=host,
            slug=f"article-{n}",
            publish_at=first + datetime.timedelta(days=n),
            featured_on_home=n % 500 == 0,
        )
        for n in range(ARTICLES)
    )
    _analyze("news_article", "members_organisation")

    plan = Article.objects.portal_news().featured_first()[:3].explain()

    # The three first in the index's order are the three shown: no sort of 2,000 articles.
    assert "Index Scan Backward using news_article_home_latest on news_article" in plan, plan
    assert "Sort" not in plan, plan
