"""Rows made once for a whole module or class of tests, rolled back after its last test.

Django's TestCase.setUpTestData, for pytest: a module- or class-scoped fixture makes its rows in
an outer transaction; each test's own transaction (pytest-django's `db`) is a savepoint inside
it, so what one test changes is undone before the next, and the rows go when the scope ends.
pytest sets up a wider-scoped fixture before a test's own, so the outer transaction is always
the first. Every database test of the scope sees the rows: share them where all read the same.
"""

import contextlib

from django.db import connection, transaction


@contextlib.contextmanager
def rows_for_the_scope(django_db_blocker, make):
    """What `make()` returns, its rows kept until the scope ends and then rolled back."""
    with django_db_blocker.unblock():
        assert not connection.in_atomic_block, "the scope's rows come before any test's"
        scope = transaction.atomic()
        scope.__enter__()
    try:
        with django_db_blocker.unblock():
            made = make()
        yield made
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            scope.__exit__(None, None, None)
