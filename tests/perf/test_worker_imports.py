"""What a web worker imports when it loads the portal (issue 9: a worker stays under 120 MB;
issue 19: under 100 MB).

A library needed by one rare page or action costs every worker its memory if it is imported
when the URLs load: Pillow (~2 MB) serves image uploads only; drf-spectacular's schema code
(~2.5 MB, it imports django.test and unittest) serves the API's schema and docs pages only.
Each is imported where it is used. `make bench` prints the workers' memory; this test keeps
the imports from creeping back, in a fresh interpreter (the test run has imported everything).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

LOADS_THE_PORTAL = """
import json, sys
import django
django.setup()
from django.urls import get_resolver
get_resolver().url_patterns
import oec_portal.wsgi
print(json.dumps(sorted(sys.modules)))
"""

# And the mail providers' webhooks: Amazon SES's imports boto3 (~8 MB), at the first report.
# Issue 19: the badges' QR codes (segno), the Akoma Ntoso exports (cobalt, lxml), the
# translators' XLIFF and PO files (translate-toolkit), the calendar feeds (icalendar), and the
# back office's Excel files (openpyxl, with Pillow) load at their first use; allauth's WebAuthn,
# which the portal does not offer, never (fido2, cryptography): members/deferred_imports.py.
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
]


def _modules_of_a_loaded_portal():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "oec_portal.settings.test"}
    output = subprocess.run(
        [sys.executable, "-c", LOADS_THE_PORTAL],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
    return set(json.loads(output.strip().splitlines()[-1]))


def test_loading_the_portal_imports_no_library_of_a_rare_page():
    loaded = _modules_of_a_loaded_portal()
    assert "oec_portal.api" in loaded  # the URLs, API included, were loaded
    assert [name for name in ONLY_WHERE_USED if name in loaded] == []
