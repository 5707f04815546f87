import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oec_portal.settings.production")

application = get_wsgi_application()

# A web process loads the download audit spool's waiting files from its start (a killed
# worker's among them), not only from its first download.
from members import download_spool  # noqa: E402 (after Django's set-up)

download_spool.start()

# What is loaded by now (modules, classes, functions) is never garbage: out of the collector's
# way, so that a collection of the oldest generation walks only what requests made (Python's
# advice for servers, `gc.freeze`; 3% of a signed-in download's instructions, issue 19).
import gc  # noqa: E402

gc.freeze()
