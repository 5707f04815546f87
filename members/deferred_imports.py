"""Libraries that two rarely used features would load into every web worker, deferred to their
first use (issue 19: a worker under 100 MB; tests/perf/test_worker_imports.py keeps them out).

members/apps.py imports this module when Django reads the apps, before any app is ready: both
libraries are reached from the admin's autodiscovery and the URLs, which come later.

- **openpyxl** (~13 MB with lxml and Pillow), for the back office's Excel imports and exports.
  django-import-export asks tablib, when its formats module is imported (by its own admin
  module), whether each format is available, and tablib answers by importing the format's
  module. tablib's XLSX format is registered again here, under the same name, as a stand-in
  that imports the real one at its first use.
- **fido2 and cryptography** (~12 MB), for allauth's WebAuthn (security keys), which the portal
  does not offer (MFA_SUPPORTED_TYPES: TOTP and recovery codes). allauth's MFA login stage
  imports its WebAuthn module for one helper that never calls it. That module is registered
  with importlib's LazyLoader: it runs, and imports fido2, only if something reads from it.
"""

import importlib.util
import sys

from tablib.formats import registry


class _LoadedOnFirstUse(type):
    def __getattr__(cls, name):
        from tablib.formats._xlsx import XLSXFormat

        return getattr(XLSXFormat, name)


class XLSXFormat(metaclass=_LoadedOnFirstUse):
    """tablib's XLSX format: its name and extension here, everything else from the real one."""

    title = "xlsx"
    extensions = ("xlsx",)


def _import_when_first_read(name):
    """Register module `name` so that importing it costs nothing until an attribute is read
    (the recipe of importlib.util.LazyLoader's documentation)."""
    if name in sys.modules:
        return
    spec = importlib.util.find_spec(name)
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    parent, _dot, child = name.rpartition(".")
    setattr(sys.modules[parent], child, module)


registry.register("xlsx", XLSXFormat)
_import_when_first_read("allauth.mfa.webauthn.internal.auth")
