"""Settings shared by every environment, read from the environment.

With no environment set these are the development settings: DEBUG on, SQLite under var/,
Celery tasks run eagerly, e-mail printed to the console. `production.py` and `test.py`
override what differs.

Each setting is written once, with its final value, in its own section; what a value depends on
is read above it. The portal's own settings (OEC_…) come first, by app, each with its default
and what it is for, in portal.py: app code reads them as `settings.OEC_…`, never with a default
of its own. Django's and the libraries' settings follow; e-mail (SMTP, or a mail provider's API
chosen by OEC_MAIL_PROVIDER) has a module of its own, mail.py.
"""

from pathlib import Path

import environ
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _
from js_asset import static_lazy

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# --- Core -------------------------------------------------------------------------------------
DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="dev-only-secret-key-not-for-production-use-0123456789")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
ROOT_URLCONF = "oec_portal.urls"
WSGI_APPLICATION = "oec_portal.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "members.User"

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it comes before it.
    "modeltranslation",
    # The back office, its ModelAdmins imported with its URLs (oec_portal/admin_config.py).
    "oec_portal.admin_config.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    # The widget templates, for the project's form renderer (FORM_RENDERER below).
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_countries",
    "django_celery_beat",
    "simple_history",
    "import_export",
    # Django REST framework serves the open data API as a library, not as an installed app:
    # an installed app's template tags are imported by the first template any page renders,
    # and DRF's import all of DRF, and requests with it (~7 MB in every web worker; issue 19).
    # The API answers JSON only, so it needs none of what the app would add (the browsable
    # API's templates, static files and tags); DRF's own few messages ("Not found.") stay in
    # English.
    "django_filters",
    "drf_spectacular",
    "rules.apps.AutodiscoverRulesConfig",
    "django_prose_editor",
    # Mail through a provider's API and its tracking webhooks (OEC_MAIL_PROVIDER below), its
    # checks loaded when they run (bulletins/apps.py).
    "bulletins.apps.AnymailConfig",
    # Ours, ground floor first.
    "members",
    "pages",
    "news",
    "governance",
    "partnerships",
    # The monthly partner bulletin reads partnerships, news and governance: one floor above.
    "bulletins",
    "oec_portal",
]

# === The portal's own settings, by app (portal.py) ============================================
from .portal import *  # noqa: E402, F403
from .portal import OEC_CLIENT_IP_HEADER  # noqa: E402 (read by MIDDLEWARE below)

# === Database, cache and Celery broker (servers.py) ===========================================
from .servers import *  # noqa: E402, F403
from .servers import DATABASE_REPLICA_URL  # noqa: E402 (read by MIDDLEWARE below)

# === Django and the libraries =================================================================

# --- Requests: middleware, templates, forms ---------------------------------------------------
MIDDLEWARE = [
    # Behind nginx (OEC_CLIENT_IP_HEADER): the client's address, before anything reads it.
    *(["oec_portal.middleware.ClientAddressFromProxyMiddleware"] if OEC_CLIENT_IP_HEADER else []),
    "oec_portal.middleware.RefuseTraceMiddleware",
    # Outermost after that: a page served from the cache skips everything below.
    "oec_portal.page_cache.AnonymousPageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # 400 to control characters in the address or a form, before anything reads them.
    "oec_portal.malformed_input.RefuseMalformedInputMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "members.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "members.middleware.ActingOrganisationMiddleware",
    "members.middleware.RequireTwoFactorMiddleware",
    "members.middleware.DeniedAccessLogMiddleware",
    "oec_portal.middleware.NoStoreForAuthenticatedMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # With a read replica: innermost, so that it runs after AuthenticationMiddleware and only
    # around the view.
    *(["oec_portal.middleware.ReplicaForPublicPagesMiddleware"] if DATABASE_REPLICA_URL else []),
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Every form is drawn with the portal's field group and reads the project's templates
# (members/forms_rendering.py): error message above the field, kept uploads, error summary.
FORM_RENDERER = "members.forms_rendering.PortalFormRenderer"

# --- Authentication (django-allauth) ----------------------------------------------------------
# Django's and allauth's backends, keeping the signed-in user in the cache between requests.
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "members.auth_backends.ModelBackend",
    "members.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"
ACCOUNT_ADAPTER = "members.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
ACCOUNT_SESSION_REMEMBER = None
# allauth's defaults, stated so that the limits are visible and tested. Failed sign-ins: 10 a
# minute per address across all accounts, and 5 per 5 minutes per account *from one address*
# (members/adapters.py adds the address to allauth's per-account key, so that nobody can lock
# a member out from elsewhere); then 429. Limits keep counting while Redis is away
# (oec_portal/cache.py).
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "login": "30/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "OEC Portal"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Languages --------------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("ar", _("Arabic")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
# Geneva keeps the IANA zone Europe/Zurich ("Europe/Geneva" does not exist).
TIME_ZONE = "Europe/Zurich"
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
# Dates as each language writes them ("6 December 2026, 17:37", "6 décembre 2026 à 17:37"):
# templates use the named formats (DATE_FORMAT, DATETIME_FORMAT), never a pattern of their own.
FORMAT_MODULE_PATH = ["oec_portal.formats"]
# The tabbed admin's jQuery UI (the tabs widget only) comes from our own static files: the CSP
# allows no outside script, and modeltranslation's default is a CDN. jQuery is Django admin's.
# (modeltranslation reads these two names without its MODELTRANSLATION_ prefix.)
JQUERY_URL = "admin/js/vendor/jquery/jquery.min.js"
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.tabs.js"
# Bulk import and export in the back office (members/bulk_imports.py): the admin asks the policy
# for `<app>.import_<model>` and `<app>.export_<model>`, which each app's permissions.py grants
# to the secretariat role that keeps those records; an import is one transaction.
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "import"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "export"
IMPORT_EXPORT_USE_TRANSACTIONS = True


def _localized_verbose_name(verbose_name, language):
    # "Title (French)", not modeltranslation's "title [fr]": the admin's tabs strip "[fr]" from
    # the labels, so the four boxes of a field would read the same wherever the tabs do not run
    # (no JavaScript, a screen reader's list of fields). Evaluated lazily, in the reader's language.
    from django.utils.text import capfirst
    from django.utils.translation import get_language_info, gettext

    return gettext("%(field)s (%(language)s)") % {
        "field": capfirst(verbose_name),
        "language": get_language_info(language)["name_translated"],
    }


MODELTRANSLATION_BUILD_LOCALIZED_VERBOSE_NAME = _localized_verbose_name

# --- Static and media -------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
# Private files (documents, uploads) never live under a public URL; views hand them out.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "var" / "private")

# Public media (news images, logos, team photos) may live in an S3-compatible bucket, served
# from the bucket or from a CDN in front of it (AWS_S3_CUSTOM_DOMAIN) under plain URLs that
# caches can keep. The keys (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) are read from the
# environment by boto3, or come from the host's role: never from settings. Private files
# (documents, credentials letters, partnership applications) never go there: they stay in
# PRIVATE_MEDIA_ROOT (members/private_files.py), on a volume shared by the web replicas and nginx,
# and leave only through the download view's permission check and X-Accel-Redirect. A signed
# bucket URL would be a bearer link that works for anyone during its lifetime, and could not
# carry our nosniff header (SECURITY.md A4, D2, D3). Empty: the local disk.
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME", default="")
AWS_S3_ENDPOINT_URL = env("AWS_S3_ENDPOINT_URL", default="")  # MinIO, Garage, Scaleway...
AWS_S3_CUSTOM_DOMAIN = env("AWS_S3_CUSTOM_DOMAIN", default="")  # the CDN's host name
_bucket_storage = {
    "BACKEND": "storages.backends.s3.S3Storage",
    "OPTIONS": {
        "bucket_name": AWS_STORAGE_BUCKET_NAME,
        "endpoint_url": AWS_S3_ENDPOINT_URL or None,
        "region_name": env("AWS_S3_REGION_NAME", default="") or None,
        "custom_domain": AWS_S3_CUSTOM_DOMAIN or None,
        # Public objects: the bucket's policy makes them readable (no per-object ACL), and an
        # unsigned URL stays the same, so the page cache and browsers can keep it.
        "querystring_auth": False,
        "default_acl": None,
        # A new upload never takes the name of an existing object a CDN may hold.
        "file_overwrite": False,
        "object_parameters": {"CacheControl": "public, max-age=86400"},
    },
}
STORAGES = {
    "default": (
        _bucket_storage
        if AWS_STORAGE_BUCKET_NAME
        else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    ),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Where pages load the bucket's images from: the content security policy must allow it.
if not AWS_STORAGE_BUCKET_NAME:
    _public_media_origins = []
elif AWS_S3_CUSTOM_DOMAIN:
    _public_media_origins = [f"https://{AWS_S3_CUSTOM_DOMAIN}"]
elif AWS_S3_ENDPOINT_URL:
    _public_media_origins = [AWS_S3_ENDPOINT_URL.rstrip("/")]  # path-style: endpoint/bucket/...
else:
    _public_media_origins = [f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com"]

# Files that must answer at the site's root (/favicon.ico, asked for by every browser).
WHITENOISE_ROOT = BASE_DIR / "public"
# Without collectstatic (development, tests) whitenoise serves from the finders.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 10_485_760

# --- E-mail: SMTP or a mail provider's API, and the providers' webhooks (mail.py) ---------------
from .mail import *  # noqa: E402, F403

# --- Security (tightened further in production.py) --------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60 * 8)
# Read from the cache, kept in the database: a session outlives a Redis restart, and most
# requests need no query for it. Never in a process: any web replica serves any visitor.
# Django's cached_db, read with the signed-in user in one round trip (members/sessions.py).
SESSION_ENGINE = "members.sessions"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    # Public media from a bucket or its CDN, when there is one (Static and media, above).
    "img-src": [CSP.SELF, "data:", *_public_media_origins],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

# --- Rich-text editor (django-prose-editor) ---------------------------------------------------
# tiptap's base styles come from our static files, not from the inline <style> it would inject
# and the CSP above refuses (static/js/prose-editor-styles.js; members.rich_text adds the
# extension to every editor). The extension makes no markup: its sanitiser rule allows nothing.
DJANGO_PROSE_EDITOR_EXTENSIONS = [
    {
        "js": [static_lazy("js/prose-editor-styles.js")],
        "extensions": {"LinkedBaseStyles": lambda config, shared_config: None},
    }
]

# --- Django REST framework --------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": env("API_ANON_RATE", default="120/minute")},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "OEC Portal open data API",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
}

# --- Logging ----------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Security events (logins, failures, denied access, restricted downloads).
        "oec.security": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # WeasyPrint logs every step of every PDF at INFO; its warnings still show.
        "weasyprint": {"level": "WARNING"},
        "weasyprint.progress": {"level": "WARNING"},
    },
}
