"""A page and its count in one query (members.pagination), as Django's Paginator answers."""

import pytest
from django.core.paginator import Paginator

from members.models import Organisation
from members.pagination import CountedWithPagePaginator
from tests.factories import OrganisationFactory

PER_PAGE = 4


@pytest.fixture
def organisations(db):
    for number in range(10):
        OrganisationFactory(name=f"Organisation {number:02d}")
    return Organisation.objects.order_by("name", "pk")


def facts(page):
    return (page.number, [row.pk for row in page], page.paginator.count, page.has_next())


@pytest.mark.parametrize(
    "number",
    [None, "", "1", "2", "3", "4", "99", "0", "-2", "x", 2, 2.0, 2.5, "1.5", "9" * 20, 2**61],
)
def test_gives_the_page_django_gives(organisations, number):
    expected = facts(Paginator(organisations, PER_PAGE).get_page(number))
    assert facts(CountedWithPagePaginator(organisations, PER_PAGE).get_page(number)) == expected


@pytest.mark.parametrize("number", ["1", "3"])
def test_reads_a_page_and_its_count_in_one_query(organisations, number, django_assert_num_queries):
    with django_assert_num_queries(1):
        page = CountedWithPagePaginator(organisations, PER_PAGE).get_page(number)
        assert page.paginator.count == 10
        assert page.paginator.num_pages == 3


def test_an_empty_selection_has_one_empty_page_in_one_query(db, django_assert_num_queries):
    with django_assert_num_queries(1):
        page = CountedWithPagePaginator(
            Organisation.objects.filter(pk=-1).order_by("pk"), 4
        ).get_page(1)
        assert (page.number, list(page), page.paginator.count) == (1, [], 0)


def test_a_distinct_selection_is_counted_apart(organisations):
    distinct = organisations.distinct()
    page = CountedWithPagePaginator(distinct, PER_PAGE).get_page("2")
    assert facts(page) == facts(Paginator(distinct, PER_PAGE).get_page("2"))
