import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oec_portal.settings.production")

application = get_wsgi_application()

# A web process loads the download audit spool's waiting files from its start (a killed
# worker's among them), not only from its first download.
from members import download_spool  # noqa: E402 (after Django's set-up)

download_spool.start()
