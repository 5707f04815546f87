"""Test settings: the real PostgreSQL and Redis when DATABASE_URL / REDIS_URL are set (CI)."""

import os
from urllib.parse import urlsplit

from .base import *  # noqa: F403
from .base import BASE_DIR

DEBUG = False
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
PRIVATE_MEDIA_ROOT = BASE_DIR / "var" / "test-private"
# Playwright's sync API runs an event loop in the test thread, next to the ORM.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Members' pages keep their shared parts in the cache, as in production: every test sees the
# invalidation at work (tests/conftest.py clears the cache between tests).
OEC_FRAGMENT_CACHE_SECONDS = 60

# Most tests run tasks in-process; the bulletin's integration tests start a real worker.
CELERY_TASK_ALWAYS_EAGER = True

# Each xdist worker gets its own Redis database, the one after REDIS_URL's and onwards, so
# clearing the cache between tests (tests/conftest.py) never wipes another worker's keys; a
# second run on the same machine keeps apart with another REDIS_URL database (e.g. /4).
_worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
if REDIS_URL:  # noqa: F405
    _redis = urlsplit(REDIS_URL)  # noqa: F405 (REDIS_URL comes from base)
    _redis_db = int(_redis.path.strip("/") or 0) + 1 + int(_worker.removeprefix("gw") or 0)
    CACHES["default"]["LOCATION"] = _redis._replace(path=f"/{_redis_db}").geturl()  # noqa: F405
