"""What a web worker imports when it loads the portal (issue 9: a worker stays under 120 MB;
issue 19: under 100 MB).

A library needed by one rare page or action costs every worker its memory if it is imported
when the URLs load: Pillow (~2 MB) serves image uploads only; drf-spectacular's schema code
(~2.5 MB, it imports django.test and unittest) serves the API's schema and docs pages only.
Each is imported where it is used. `make bench` prints the workers' memory; this test keeps
the imports from creeping back, in a fresh interpreter (the test run has imported everything).
"""

import functools
import json

from tests.processes import run_python

# What a worker does before and while it serves its first page: the app, its URLs (reverse()
# populates them all), and the template engine (which imports every installed app's template
# tags); then what the first link to the API adds.
LOADS_THE_PORTAL = """
import json, sys
import django
django.setup()
import oec_portal.wsgi
from django.template import engines
from django.urls import get_resolver, reverse
get_resolver().url_patterns
reverse("home")
engines["django"].engine.template_libraries
loaded = sorted(sys.modules)
reverse("api:vote-list")
after_an_api_link = sorted(sys.modules)
reverse("admin:index")
print(json.dumps({
    "loaded": loaded,
    "after_an_api_link": after_an_api_link,
    "after_a_back_office_link": sorted(sys.modules),
}))
"""

# And the mail providers' webhooks: Amazon SES's imports boto3 (~8 MB), at the first report.
# Issue 19: the badges' QR codes (segno), the Akoma Ntoso exports (cobalt, lxml), the
# translators' XLIFF and PO files (translate-toolkit), the calendar feeds (icalendar), and the
# back office's Excel files (openpyxl, with Pillow) load at their first use; allauth's WebAuthn,
# which the portal does not offer, never (fido2, cryptography): members/deferred_imports.py.
# Then the open data API's Django REST framework (with requests, which DRF imports when it is
# installed, and anymail's checks too), at the first request or link under /api/ and at the
# first CSV or JSON download of partners or votes (oec_portal/url_resolvers.py); the back
# office's ModelAdmins (Django's, ours, django-import-export's), at the first request or link
# under /admin/ (oec_portal/admin_config.py); and the rich text's sanitiser (nh3) at the first
# save of rich text.
ONLY_WHERE_USED = [
    "weasyprint",
    "pypdf",
    "docx",
    "drf_spectacular.openapi",
    "django.test",
    "unittest",
    "anymail.webhooks",
    "boto3",
    "segno",
    "cobalt",
    "lxml",
    "translate",
    "icalendar",
    "openpyxl",
    "PIL",
    "fido2",
    "cryptography",
    "oec_portal.api",
    "rest_framework",
    "requests",
    "urllib3",
    "nh3",
    "import_export.admin",
    "simple_history.admin",
    "django_celery_beat.admin",
    "members.admin",
]


@functools.cache
def _modules_of_a_loaded_portal():
    output = run_python(LOADS_THE_PORTAL)
    return {
        name: set(modules) for name, modules in json.loads(output.strip().splitlines()[-1]).items()
    }


def test_loading_the_portal_imports_no_library_of_a_rare_page():
    loaded = _modules_of_a_loaded_portal()["loaded"]
    assert "oec_portal.urls" in loaded  # the URLs were loaded
    assert [name for name in ONLY_WHERE_USED if name in loaded] == []


def test_the_api_is_imported_by_its_first_link():
    after_an_api_link = _modules_of_a_loaded_portal()["after_an_api_link"]
    assert {"oec_portal.api", "rest_framework"} <= after_an_api_link


def test_the_back_office_is_imported_by_its_first_link():
    after_a_back_office_link = _modules_of_a_loaded_portal()["after_a_back_office_link"]
    assert {"members.admin", "news.admin", "import_export.admin"} <= after_a_back_office_link


CHECKS_THE_ADMIN = """
import django
django.setup()
from django.contrib import admin
from django.core import checks
registered_at_start = len(admin.site._registry)
checks.run_checks(tags=[checks.Tags.admin])
print(registered_at_start, len(admin.site._registry))
"""


def test_the_admins_checks_read_every_model_admin():
    output = run_python(CHECKS_THE_ADMIN)
    registered_at_start, registered_when_checked = map(int, output.split()[-2:])
    assert registered_at_start == 0  # not imported by a worker's start
    assert registered_when_checked > 30  # every app's, before the admin checks them
