"""Fixtures shared by the whole suite: two member states A and B, the secretariat, a partner.

Names follow the authorization matrix of SECURITY.md: `delegate_a`, `focal_a`, `delegate_b`,
`partner_contact`, `secretariat_editor`, `secretariat_admin`.
"""

import collections

import pytest
from django.conf import settings
from django.contrib import admin
from django.core.cache import cache
from django.core.management import call_command
from django.db import OperationalError, connection
from django.test import override_settings
from django.utils import translation

from partnerships.terms import ensure_reference_terms
from tests import cast
from tests.factories import user_with_role
from tests.shared_rows import rows_for_the_scope

# Tests read the back office's registry of ModelAdmins, which a web worker fills with the
# admin's URLs (oec_portal/admin_config.py): filled here for every test.
admin.autodiscover()

# The readers a visibility rule is checked for: an anonymous visitor and the users of these
# fixtures, on both sides of the tenant line and in the secretariat.
READERS = (
    "anonymous",
    "editor_a",
    "focal_a",
    "delegate_a",
    "focal_b",
    "partner_contact",
    "secretariat_editor",
    "secretariat_admin",
)


# A browser journey costs about as much as this many ordinary tests (make test's durations).
BROWSER_JOURNEY_WEIGHT = 25


def pytest_collection_modifyitems(items):
    """The costliest files first (make test: `--dist loadfile --no-loadscope-reorder` hands out
    files in this order), so that the two processes end together: a browser journey file, whose
    few tests are slow, is not the last handed out while the other process has already finished.
    """

    def path(item):
        return item.nodeid.split("::")[0]

    cost = collections.Counter()
    for item in items:
        cost[path(item)] += BROWSER_JOURNEY_WEIGHT if path(item).startswith("tests/e2e/") else 1
    # A file whose few tests share one long walk of the portal (a crawl, a fuzzer) says what it
    # weighs in ordinary tests: WEIGHT_IN_TESTS, from make test's durations.
    for item in items:
        weight = getattr(getattr(item, "module", None), "WEIGHT_IN_TESTS", 0)
        cost[path(item)] = max(cost[path(item)], weight)
    items.sort(key=lambda item: -cost[path(item)])


@pytest.fixture(autouse=True)
def _default_language():
    # A request to /fr/ leaves French active in the thread; later reverse() calls must not
    # inherit it.
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _clear_cache():
    # Rate-limit counters and cached pages live in the (real) cache: start each test clean.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def english():
    # A request to /fr/ leaves French active in the thread; rows made next would be French.
    with translation.override("en"):
        yield


@pytest.fixture
def reference_terms(db):
    """Partnerships' fields of competence and functional areas. Their data migration makes them,
    but browser tests flush the database, data migrations' rows included: put them back."""
    ensure_reference_terms()


@pytest.fixture
def private_media(settings, tmp_path):
    """Files a test writes stay in its own directory, and Django serves them itself."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.OEC_X_ACCEL_REDIRECT_PREFIX = ""


@pytest.fixture(scope="class")
def demo_site(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo site (`seed_demo`), seeded once for a class of tests that read it and rolled back
    after its last test (tests/shared_rows.py); a test outside a class gets its own. Its private
    files are in a directory of its own. Ask for `demo`, which puts each test in a savepoint
    inside it."""
    private_root = tmp_path_factory.mktemp("demo-private")

    def seed():
        with override_settings(PRIVATE_MEDIA_ROOT=private_root):
            call_command("seed_demo", verbosity=0)

    with rows_for_the_scope(django_db_blocker, seed):
        yield private_root


@pytest.fixture
def demo(demo_site, db, settings):
    """The demo site, as `seed_demo` leaves it (shared by the tests of a class), with its files."""
    settings.PRIVATE_MEDIA_ROOT = demo_site


@pytest.fixture
def host(db):
    return cast.host()


@pytest.fixture
def member_a(db):
    return cast.member_a()


@pytest.fixture
def member_b(db):
    return cast.member_b()


@pytest.fixture
def partner(db):
    return cast.partner()


@pytest.fixture
def delegate_a(member_a):
    return cast.delegate_a(member_a)


@pytest.fixture
def focal_a(member_a):
    return cast.focal_a(member_a)


@pytest.fixture
def editor_a(member_a):
    return cast.editor_a(member_a)


@pytest.fixture
def delegate_b(member_b):
    return cast.delegate_b(member_b)


@pytest.fixture
def focal_b(member_b):
    return cast.focal_b(member_b)


@pytest.fixture
def partner_contact(partner):
    return cast.partner_contact(partner)


@pytest.fixture
def secretariat_editor(host):
    return cast.secretariat_editor(host)


@pytest.fixture
def secretariat_admin(host):
    return cast.secretariat_admin(host)


@pytest.fixture
def with_totp():
    """Give a user a TOTP authenticator (as after allauth's set-up flow); returns its secret."""
    return cast.give_totp


@pytest.fixture
def officer_with_totp(host, with_totp):
    """make(role, email): a secretariat user holding `role` who has set up TOTP, as the back
    office asks of every secretariat user."""

    def make(role, email):
        user = user_with_role(host, role, email=email)
        with_totp(user)
        return user

    return make


@pytest.fixture
def database_gone(transactional_db, monkeypatch):
    """The database server goes away (PostgreSQL: a port where nothing listens); calling the
    fixture's value brings it back."""
    saved = dict(connection.settings_dict)
    connection.close()
    if connection.vendor == "postgresql":
        connection.settings_dict["PORT"] = "1"
    else:

        def refuse():
            raise OperationalError("database is unreachable")

        monkeypatch.setattr(connection, "ensure_connection", refuse)

    def restore():
        monkeypatch.undo()
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(saved)

    yield restore
    restore()
