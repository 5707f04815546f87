"""A page of a list and its total in one query, for the public lists rebuilt after each edit.

Django's Paginator counts the rows (one query), then reads the page (another): each query costs
its building in Python (~1 ms) on a page rebuilt after an edit (issue 19). Here the page's query
also counts every row of the selection (`COUNT(*) OVER ()`, computed before LIMIT), so that a
page with rows needs no query of its own for the count. A page past the end has no row to carry
the count: it is counted as Django does, and the last page is shown, as `get_page` does.
"""

from django.core.paginator import Paginator
from django.db.models import Count, Window

TOTAL = "selection_total"
# The largest OFFSET the database takes (PostgreSQL's bigint): a page number past it (anyone may
# type one) is counted apart, as Django does, never sent as an OFFSET.
LARGEST_OFFSET = 2**63 - 1


class CountedWithPagePaginator(Paginator):
    """A Paginator whose `get_page` reads the page and the count in one query."""

    def get_page(self, number):
        try:
            if isinstance(number, float) and not number.is_integer():
                raise ValueError
            number = int(number)
        except (TypeError, ValueError):
            number = 1  # as get_page answers a page number that is no number
        query = self.object_list.query
        # DISTINCT would apply after the window's count: such a selection is counted apart, as
        # is a page number below 1 or past any offset (the last page is shown).
        bottom = (number - 1) * self.per_page
        if (
            number < 1
            or bottom + self.per_page > LARGEST_OFFSET
            or query.distinct
            or query.combinator
            or not self.allow_empty_first_page
        ):
            return super().get_page(number)
        counted = self.object_list.annotate(**{TOTAL: Window(Count("*"))})
        rows = list(counted[bottom : bottom + self.per_page])
        if not rows and number > 1:
            return super().get_page(number)  # past the end: counted, and the last page shown
        # The cached property `count`, set as reading it would.
        self.count = getattr(rows[0], TOTAL) if rows else 0
        return self._get_page(rows, number, self)
