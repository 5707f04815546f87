"""The portal's own settings (OEC_…), by app, each with its default and what it is for.

base.py takes them all, first; app code reads them as `settings.OEC_…`, never with a default of
its own. Like every setting, they come from the environment (base.py reads `.env` first).
"""

import environ

env = environ.Env()

# --- oec_portal -------------------------------------------------------------------------------
# The portal's public address, for links in e-mails sent by tasks (no request there).
OEC_SITE_URL = env("OEC_SITE_URL", default="http://127.0.0.1:8000")
# Behind nginx (docker-compose.yml) REMOTE_ADDR is nginx's address: the client's comes in this
# header, which nginx always overwrites (X-Real-IP). Empty: REMOTE_ADDR is the peer's. Set it
# only when the web servers can be reached through that proxy alone (SECURITY.md B1). Set, it
# puts oec_portal.middleware.ClientAddressFromProxyMiddleware first in MIDDLEWARE.
OEC_CLIENT_IP_HEADER = env("OEC_CLIENT_IP_HEADER", default="")
# Whole pages for anonymous visitors (oec_portal/page_cache.py); 0 turns it off. Off in
# development so that template edits show at once; production.py turns it on.
OEC_ANONYMOUS_PAGE_CACHE_SECONDS = env.int("OEC_ANONYMOUS_PAGE_CACHE_SECONDS", default=0)
# With the page cache on, each web process also keeps the pages it served (at most
# OEC_PAGE_CACHE_LOCAL_BYTES) and answers them without asking Redis, for as long as the content
# generation it last read from Redis is younger than this many seconds: an edit made in another
# process shows there that much later at most (in the process that made it, at once). 0: every
# page is asked of Redis, and an edit shows everywhere at once. production.py sets 1 (issue 19).
OEC_PAGE_CACHE_LOCAL_SECONDS = env.float("OEC_PAGE_CACHE_LOCAL_SECONDS", default=0)
OEC_PAGE_CACHE_LOCAL_BYTES = env.int("OEC_PAGE_CACHE_LOCAL_BYTES", default=4 * 1024 * 1024)

# --- members ----------------------------------------------------------------------------------
# Focal points must have two-factor authentication too where this is on (on in production).
OEC_REQUIRE_2FA_FOR_FOCAL_POINTS = env.bool("OEC_REQUIRE_2FA_FOR_FOCAL_POINTS", default=False)
# Days an invitation link works.
OEC_INVITATION_VALID_DAYS = env.int("OEC_INVITATION_VALID_DAYS", default=14)
# How many "join us" messages one IP address may send to one organisation per hour.
OEC_JOIN_REQUESTS_PER_HOUR = env.int("OEC_JOIN_REQUESTS_PER_HOUR", default=5)
# Parts of members' pages shared by everyone with the same access (members/content_cache.py),
# and the signed-in user with their memberships (members/auth_backends.py), kept until content
# changes or for this long; 0 turns it off, as in development; production.py turns it on.
OEC_FRAGMENT_CACHE_SECONDS = env.int("OEC_FRAGMENT_CACHE_SECONDS", default=0)
# Whether a part kept until rows of named models change (content_cache.cached_until_rows_change)
# is checked, each time it is computed, to read no other table: on in the tests.
OEC_FRAGMENT_CHECK_TABLES = False
# Whole pages of a signed-in user that are drawn from those parts alone (the dashboard, the
# register, the search: members/private_page_cache.py), kept in each web process for that
# user, until content changes or for this long (their time-dependent parts are that old at
# most); 0 turns it off, as in development; production.py turns it on.
OEC_PRIVATE_PAGE_SECONDS = env.int("OEC_PRIVATE_PAGE_SECONDS", default=0)
# Largest file accepted by the upload checks (members/uploads.py), in bytes; keep nginx's
# client_max_body_size a little above it. Uploaded documents, credentials letters and
# applications live under PRIVATE_MEDIA_ROOT (members/private_files.py), never under MEDIA_URL.
OEC_MAX_UPLOAD_BYTES = env.int("OEC_MAX_UPLOAD_BYTES", default=25 * 1024 * 1024)
# Empty: Django streams the private store's files itself (members/private_file_downloads.py).
# production.py reads nginx's internal location from the environment.
OEC_X_ACCEL_REDIRECT_PREFIX = ""
# A directory of the web host where downloads' audit rows are spooled and loaded in batches
# (members.download_spool); empty: each row is inserted in its request.
OEC_DOWNLOAD_AUDIT_SPOOL = ""
# ClamAV's clamd, which scans every upload before it is kept (members/antivirus.py):
# tcp://host:3310 or unix:///run/clamav/clamd.ctl; empty, no scan. Set, it fails closed: no
# upload is accepted while clamd does not answer within the timeout (seconds; below gunicorn's
# 30 s worker timeout, so that the uploader reads why, instead of a 502). clamd's
# StreamMaxLength (100M by default, 25M in Debian's package) must be at least
# OEC_MAX_UPLOAD_BYTES.
OEC_ANTIVIRUS_URL = env("OEC_ANTIVIRUS_URL", default="")
OEC_ANTIVIRUS_TIMEOUT = env.int("OEC_ANTIVIRUS_TIMEOUT", default=10)
if OEC_ANTIVIRUS_URL and not OEC_ANTIVIRUS_URL.startswith(("tcp://", "unix://")):
    raise environ.ImproperlyConfigured(
        f"OEC_ANTIVIRUS_URL must start with tcp:// or unix://, not {OEC_ANTIVIRUS_URL!r}"
    )

# The Organisation's accounts on social networks, linked from the footer's "Follow us" after the
# news feed and the bulletin: a comma-separated list of https addresses, named by their site
# (oec_portal/templatetags/navigation.py). Empty by default: the seed documents name no account,
# and an invented address would send visitors to someone else's.
OEC_SOCIAL_LINKS = env.list("OEC_SOCIAL_LINKS", default=[])
if any(not url.startswith("https://") for url in OEC_SOCIAL_LINKS):
    raise environ.ImproperlyConfigured(
        f"OEC_SOCIAL_LINKS must be https addresses: {OEC_SOCIAL_LINKS}"
    )

# --- news -------------------------------------------------------------------------------------
# Articles per page of the news list.
OEC_NEWS_PAGE_SIZE = env.int("OEC_NEWS_PAGE_SIZE", default=12)

# --- partnerships -----------------------------------------------------------------------------
# Years of consultative status a partner needs before associate status (the framework's rule).
OEC_ASSOCIATE_MIN_CONSULTATIVE_YEARS = env.int("OEC_ASSOCIATE_MIN_CONSULTATIVE_YEARS", default=2)
# Years between a decision on a partnership and its next periodic review.
OEC_PARTNERSHIP_REVIEW_YEARS = env.int("OEC_PARTNERSHIP_REVIEW_YEARS", default=4)
# How many partnership applications one IP address may send per hour.
OEC_PARTNERSHIP_APPLICATIONS_PER_HOUR = env.int("OEC_PARTNERSHIP_APPLICATIONS_PER_HOUR", default=5)

# --- bulletins --------------------------------------------------------------------------------
# Wait for a partnerships officer's approval in the admin before a composed bulletin goes out.
OEC_BULLETIN_REQUIRES_APPROVAL = env.bool("OEC_BULLETIN_REQUIRES_APPROVAL", default=True)
# Four eyes: the officer who composed the bulletin (or wrote its introduction) cannot approve it;
# another partnerships officer does.
OEC_BULLETIN_FOUR_EYES = env.bool("OEC_BULLETIN_FOUR_EYES", default=False)
# Deliveries per task. A task claims its chunk at once and marks each row as it goes: 200 take
# well under a second, and a worker killed mid-chunk leaves at most one chunk to the sweeper.
# (Per-chunk costs, task, claim, SMTP connection, weigh on smaller chunks: bench-bulletin.)
OEC_BULLETIN_CHUNK_SIZE = env.int("OEC_BULLETIN_CHUNK_SIZE", default=200)
# Chunk tasks per second and per worker, Celery syntax ("10/s", "300/m"); empty: no limit.
OEC_BULLETIN_SEND_RATE_LIMIT = env("OEC_BULLETIN_SEND_RATE_LIMIT", default="") or None
# Transient SMTP errors: retries, and the first delay in seconds (doubled at each retry).
OEC_BULLETIN_MAX_RETRIES = env.int("OEC_BULLETIN_MAX_RETRIES", default=5)
OEC_BULLETIN_RETRY_BACKOFF = env.int("OEC_BULLETIN_RETRY_BACKOFF", default=60)
# The sweeper re-enqueues pending deliveries no task has taken for this long.
OEC_BULLETIN_SWEEP_AFTER_MINUTES = env.int("OEC_BULLETIN_SWEEP_AFTER_MINUTES", default=15)
# Rows a chunk task claimed this long ago and did not mark are sent again by the sweeper (the
# worker died mid-chunk). Keep it well above the time one chunk takes to send.
OEC_BULLETIN_CLAIM_TIMEOUT_MINUTES = env.int("OEC_BULLETIN_CLAIM_TIMEOUT_MINUTES", default=10)
# The bulletin's one write per message (the "handed" mark with the previous message's "sent",
# bulletins/ledger.py) commits without waiting for the disk: PostgreSQL's synchronous_commit
# off, for that transaction only (fine behind PgBouncer). A worker killed loses nothing:
# PostgreSQL has the commit. A crash of PostgreSQL or of its machine during a send can forget
# the marks of its last fraction of a second (up to 3 x wal_writer_delay, 0.6 s by default),
# and those recipients receive the bulletin twice. On by default: waiting for the disk costs a
# flush per message, a third of the bulletin's speed on this machine (docs/scaling.md), and a
# failover to an asynchronous replica loses the last commits whatever this says. Off where
# duplicates after a database crash matter more, or where the disk flushes fast (a
# battery-backed cache).
OEC_BULLETIN_ASYNC_COMMIT = env.bool("OEC_BULLETIN_ASYNC_COMMIT", default=True)
# Lifetime of the unsubscribe link of a bulletin, and of a subscription confirmation link.
OEC_BULLETIN_UNSUBSCRIBE_MAX_AGE = env.int("OEC_BULLETIN_UNSUBSCRIBE_MAX_AGE", default=365 * 86400)
OEC_BULLETIN_CONFIRM_MAX_AGE = env.int("OEC_BULLETIN_CONFIRM_MAX_AGE", default=7 * 86400)
# Lifetime of the "stop these e-mails" link in every notification mail.
OEC_NOTIFICATION_STOP_MAIL_MAX_AGE = env.int(
    "OEC_NOTIFICATION_STOP_MAIL_MAX_AGE", default=365 * 86400
)
# How many subscription requests one IP address may send per hour.
OEC_BULLETIN_SUBSCRIPTIONS_PER_HOUR = env.int("OEC_BULLETIN_SUBSCRIPTIONS_PER_HOUR", default=5)
