"""Production settings: base.py with what a live site needs on top, each said once with why.

Everything secret or site-specific comes from the environment.
"""

from .base import *  # noqa: F403
from .base import DATABASES, STORAGES, env

# Never the debug pages, and no development key or host list: both must be given.
DEBUG = False
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")

# --- HTTPS ------------------------------------------------------------------------------------
# Behind a TLS-terminating proxy that sets X-Forwarded-Proto. OEC_HTTPS=false serves plain HTTP
# on 127.0.0.1, for the benchmark and local reproduction only.
_https = env.bool("OEC_HTTPS", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = _https
# A year of HSTS, subdomains included, and on the browsers' preload lists.
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
# Cookies only over HTTPS; the __Host- prefix pins them to this exact host over HTTPS with path=/.
SESSION_COOKIE_SECURE = _https
CSRF_COOKIE_SECURE = _https
SESSION_COOKIE_NAME = "__Host-sessionid" if _https else "sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken" if _https else "csrftoken"
# The language cookie as strict as the others (Django's default is neither Secure nor HttpOnly).
LANGUAGE_COOKIE_SECURE = _https
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- The portal's own settings: production defaults ------------------------------------------
# Focal points handle their organisation's delegation: on a live site they need 2FA too.
OEC_REQUIRE_2FA_FOR_FOCAL_POINTS = env.bool("OEC_REQUIRE_2FA_FOR_FOCAL_POINTS", default=True)
# The caches that development keeps off so that edits show at once.
OEC_ANONYMOUS_PAGE_CACHE_SECONDS = env.int("OEC_ANONYMOUS_PAGE_CACHE_SECONDS", default=600)
OEC_FRAGMENT_CACHE_SECONDS = env.int("OEC_FRAGMENT_CACHE_SECONDS", default=600)
OEC_PRIVATE_PAGE_SECONDS = env.int("OEC_PRIVATE_PAGE_SECONDS", default=60)
OEC_PAGE_CACHE_LOCAL_SECONDS = env.float("OEC_PAGE_CACHE_LOCAL_SECONDS", default=1)
# The private store's files (documents, credentials letters, partnership files) are handed to
# nginx after the permission check (X-Accel-Redirect), from this internal location; empty,
# Django streams them itself.
OEC_X_ACCEL_REDIRECT_PREFIX = env("OEC_X_ACCEL_REDIRECT_PREFIX", default="")
# Downloads' audit rows go through a spool file of the web process, loaded in batches
# (members.download_spool: no round trip in the request); a directory that outlives the
# process (docker-compose: a volume of the web service). Empty: inserted in each request.
OEC_DOWNLOAD_AUDIT_SPOOL = env("OEC_DOWNLOAD_AUDIT_SPOOL", default="")
# Mail leaves by SMTP (EMAIL_URL) or a provider's API (OEC_MAIL_PROVIDER, mail.py), the same
# in every environment; `check --deploy` warns of a provider whose webhooks lack their secret
# (bulletins/checks.py).

# --- Django -----------------------------------------------------------------------------------
# Static files hashed and compressed, after `manage.py collectstatic` (the Docker image runs it).
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Keep database connections between requests (not where Django's pool, DATABASE_POOL, keeps
# them), and check each before reuse so that a restarted PostgreSQL is picked up again by
# itself. With the pool, Django hands the check to psycopg's pool (`check_connection` on every
# checkout); without it, the pool gave a 500 for every connection it held across a restart of
# the primary (`make rehearse`).
DATABASES = {
    alias: {
        **database,
        **(
            {}
            if database["OPTIONS"].get("pool")
            else {"CONN_MAX_AGE": env.int("CONN_MAX_AGE", default=60)}
        ),
        "CONN_HEALTH_CHECKS": True,
    }
    for alias, database in DATABASES.items()
}
