"""Production settings: everything secret or site-specific comes from the environment."""

from .base import *  # noqa: F403
from .base import DATABASES, STORAGES, env

DEBUG = False
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")

# Behind a TLS-terminating proxy. OEC_HTTPS=false serves plain HTTP on 127.0.0.1, for the
# benchmark and local reproduction only.
HTTPS = env.bool("OEC_HTTPS", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
# The __Host- prefix pins cookies to this exact host over HTTPS with path=/.
SESSION_COOKIE_NAME = "__Host-sessionid" if HTTPS else "sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken" if HTTPS else "csrftoken"
LANGUAGE_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

OEC_REQUIRE_2FA_FOR_FOCAL_POINTS = env.bool("OEC_REQUIRE_2FA_FOR_FOCAL_POINTS", default=True)
OEC_ANONYMOUS_PAGE_CACHE_SECONDS = env.int("OEC_ANONYMOUS_PAGE_CACHE_SECONDS", default=600)
OEC_FRAGMENT_CACHE_SECONDS = env.int("OEC_FRAGMENT_CACHE_SECONDS", default=600)

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Documents are handed to nginx after the permission check (X-Accel-Redirect).
OEC_X_ACCEL_REDIRECT_PREFIX = env("OEC_X_ACCEL_REDIRECT_PREFIX", default="")

# Keep database connections between requests (unless Django's pool manages them), checking
# them before reuse so that a restarted PostgreSQL is picked up again by itself.
if not DATABASES["default"].get("OPTIONS", {}).get("pool"):
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# --- Past one machine: the read replica keeps its connections as the primary does ----------
if "replica" in DATABASES:
    for _key in ("CONN_MAX_AGE", "CONN_HEALTH_CHECKS"):
        if _key in DATABASES["default"]:
            DATABASES["replica"][_key] = DATABASES["default"][_key]
