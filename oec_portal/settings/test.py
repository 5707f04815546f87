"""Test settings: base.py for the test suite, each override said once with why.

The real PostgreSQL and Redis when DATABASE_URL / REDIS_URL are set (CI, `make test`).
"""

import os
from urllib.parse import urlsplit

from .base import *  # noqa: F403
from .base import BASE_DIR, CACHES, REDIS_URL

# As in production: errors are raised, not shown as debug pages.
DEBUG = False
# Without collectstatic: whitenoise serves from the finders (base ties this to DEBUG).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Fast: the suite creates many users.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Messages kept in django.core.mail.outbox, for the tests to read.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Files the tests upload, apart from the development ones.
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
PRIVATE_MEDIA_ROOT = BASE_DIR / "var" / "test-private"
# Playwright's sync API runs an event loop in the test thread, next to the ORM.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Members' pages keep their shared parts in the cache, as in production: every test sees the
# invalidation at work (tests/conftest.py clears the cache between tests).
OEC_FRAGMENT_CACHE_SECONDS = 60
# A part kept until the rows of the models it names change must read no other table: checked
# on every computation, so that a model left out fails the test that draws the part.
OEC_FRAGMENT_CHECK_TABLES = True
# And the pages of signed-in users drawn from those parts alone (members/private_page_cache.py).
OEC_PRIVATE_PAGE_SECONDS = 60

# Most tests run tasks in-process, even with REDIS_URL set; the bulletin's integration tests
# start a real worker.
CELERY_TASK_ALWAYS_EAGER = True

# Each xdist worker gets its own Redis database, the one after REDIS_URL's and onwards, so
# clearing the cache between tests (tests/conftest.py) never wipes another worker's keys; a
# second run on the same machine keeps apart with another REDIS_URL database (e.g. /4).
if REDIS_URL:
    _redis = urlsplit(REDIS_URL)
    _worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
    _redis_db = int(_redis.path.strip("/") or 0) + 1 + _worker
    CACHES = {
        "default": {**CACHES["default"], "LOCATION": _redis._replace(path=f"/{_redis_db}").geturl()}
    }
