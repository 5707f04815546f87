"""A data set of the benchmark's shape (build_bench_data), small enough for a test.

Enough rows of every kind that a query per row (an N+1) would blow any page's budget: 5
sessions, 60 documents across the four access classes with language files, 40 articles over
several members, 30 partners in two regions.
"""

import copy
import datetime

import pytest
from django.utils import timezone

from governance.models import Delegation
from members.models import Organisation
from tests import cast
from tests.factories import (
    AgendaItemFactory,
    ArticleFactory,
    AssemblySessionFactory,
    DocumentFactory,
    DocumentFileFactory,
    OrganisationFactory,
    PartnerOrganisationFactory,
    PartnershipFactory,
)
from tests.shared_rows import rows_for_the_scope

ACCESS_CYCLE = ["public", "public", "members", "restricted", "secretariat"]


@pytest.fixture(scope="module")
def shared_large_shape(django_db_setup, django_db_blocker):
    """The data set and its cast (the host, members A and B, A's delegate), built once for a
    test module and rolled back after its last test (tests/shared_rows.py)."""

    def make():
        member_a, member_b = cast.member_a(), cast.member_b()
        return {
            "host": cast.host(),
            "member_a": member_a,
            "member_b": member_b,
            "delegate_a": cast.delegate_a(member_a),
            **_large_shape(member_a, member_b),
        }

    with rows_for_the_scope(django_db_blocker, make) as made:
        yield made


@pytest.fixture
def large_shape(shared_large_shape, db):
    """The module's data set, for this test: its own copy (what a test changes in memory stays
    its own), each test's transaction a savepoint inside the module's."""
    return copy.deepcopy(shared_large_shape)


def _large_shape(member_a, member_b):
    sessions = [
        AssemblySessionFactory(
            number=number,
            start_date=datetime.date(2020 + number, 12, 6),
            end_date=datetime.date(2020 + number, 12, 8),
        )
        for number in range(1, 6)
    ]
    items = [AgendaItemFactory(session=session) for session in sessions]
    # The next session, to which member A has registered a delegation (the dashboard shows it).
    today = timezone.localdate()
    upcoming = AssemblySessionFactory(
        number=6,
        status="planned",
        start_date=today + datetime.timedelta(days=30),
        end_date=today + datetime.timedelta(days=32),
    )
    Delegation.objects.create(session=upcoming, organisation=member_a, status="submitted")
    documents = []
    now = timezone.now()
    for number in range(60):
        access = ACCESS_CYCLE[number % len(ACCESS_CYCLE)]
        session = sessions[number % len(sessions)]
        document = DocumentFactory(
            symbol=f"OEC/GA/{session.number}/{number + 1}",
            session=session,
            agenda_item=items[number % len(items)] if number % 2 else None,
            access=access,
            publication_date=datetime.date(2024, 1, 1) + datetime.timedelta(days=number),
            created_at=now - datetime.timedelta(hours=number),
            restricted_to=[member_a, member_b] if access == "restricted" else None,
        )
        for language in ("en", "fr")[: 1 + number % 2]:
            DocumentFileFactory(document=document, language=language)
        documents.append(document)
    members = [member_a, member_b] + [
        OrganisationFactory(slug=f"bench-member-{number}") for number in range(4)
    ]
    articles = [ArticleFactory(organisation=members[number % len(members)]) for number in range(40)]
    partners = [
        PartnershipFactory(
            organisation=PartnerOrganisationFactory(
                name=f"Education partner {number:02d}",
                region=(
                    Organisation.Region.AFRICA if number % 2 else Organisation.Region.ARAB_STATES
                ),
            )
        )
        for number in range(30)
    ]
    return {
        "sessions": sessions,
        "upcoming": upcoming,
        "documents": documents,
        "articles": articles,
        "partners": partners,
        "members": members,
    }
