"""A namespaced include whose URLconf is imported when it is first used (issue 19).

Django's include() imports the URLconf when the URLs load, and the root resolver populates
every included one at the first reverse(). The open data API's (oec_portal/api.py) brings
Django REST framework, which imports requests because it is installed: ~7 MB in every web
worker, for the few requests under /api/. A namespaced include is needed only to resolve a
path under its prefix or to reverse a name of its namespace: this one stays a module name
until then (tests/perf/test_worker_imports.py).
"""

import functools

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.urls.resolvers import RoutePattern, URLResolver
from django.utils.translation import get_language


class ResolverImportedWhenUsed(URLResolver):
    def _populate(self):
        # The root calls this for every included resolver when it first reverses a name;
        # the names of a namespace are read through it later, which imports the URLconf.
        if "url_patterns" in self.__dict__:
            super()._populate()

    @property
    def reverse_dict(self):
        self.url_patterns  # noqa: B018 (imports the URLconf, which is now needed)
        return super().reverse_dict

    @property
    def namespace_dict(self):
        self.url_patterns  # noqa: B018
        return super().namespace_dict

    @property
    def app_dict(self):
        self.url_patterns  # noqa: B018
        return super().app_dict

    def _is_callback(self, name):
        self.url_patterns  # noqa: B018
        return super()._is_callback(name)


def include_when_used(route, urlconf_name, namespace):
    """path(route, include(urlconf_name, namespace=namespace)), the URLconf imported when a
    request under `route` or a name of `namespace` first needs it. The URLconf's app_name
    must be `namespace`."""
    return ResolverImportedWhenUsed(
        RoutePattern(route, is_endpoint=False),
        urlconf_name,
        app_name=namespace,
        namespace=namespace,
    )


class ResolverRememberingPaths(URLResolver):
    """A resolver that resolves each path it found once per language, and then remembers it.

    The portal's pages are ~70 patterns deep: finding a document's download took ~90 µs of
    CPU on every request (issue 19). What a path resolves to never changes while the process
    runs (the URLconf is code), except with the language, whose prefix the patterns match;
    the outer resolver copies what it takes, so one remembered match serves every request. A
    path that matches nothing is not remembered (anyone may ask for any path); at most
    REMEMBERED_PATHS are.
    """

    REMEMBERED_PATHS = 1024

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._resolve_in_language = functools.lru_cache(maxsize=self.REMEMBERED_PATHS)(
            self._resolve_uncached
        )

    def _resolve_uncached(self, path, language):
        # `language` is only the key: the patterns read the active one, which it is.
        match = super().resolve(path)
        # The patterns tried before the one that matched (~70 for a download), which the
        # outer resolver copies into each request's match (~5 µs): only a 404's debug page
        # reads them, and a remembered path matched. The matching one stays.
        match.tried = match.tried[-1:]
        return match

    def resolve(self, path):
        return self._resolve_in_language(str(path), get_language())


def i18n_patterns_resolved_once(*urls):
    """i18n_patterns(*urls) with every language prefixed, its paths resolved once
    (ResolverRememberingPaths)."""
    [resolver] = i18n_patterns(*urls, prefix_default_language=True)
    return [ResolverRememberingPaths(resolver.pattern, resolver.url_patterns)]


def remembered_reverse(viewname, *, kwargs=None, current_app=None):
    """reverse(), or None where nothing matches, remembered by this process (issue 19): for
    the names the code itself reverses on every page (the main menu's sections, the back
    office's app list), whose addresses change only with the language, the URLconf and the
    script prefix. Not for values a request brings: each one would be remembered."""
    return _reverse_in(
        viewname,
        tuple(sorted((kwargs or {}).items())),
        current_app,
        get_language(),
        get_urlconf() or settings.ROOT_URLCONF,
        get_script_prefix(),
    )


@functools.lru_cache(maxsize=1024)
def _reverse_in(viewname, kwargs, current_app, language, urlconf, script_prefix):
    # The language, URLconf and prefix are only the key: reverse() reads the active ones.
    try:
        return reverse(viewname, kwargs=dict(kwargs), current_app=current_app)
    except NoReverseMatch:
        return None
