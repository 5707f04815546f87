"""A namespaced include whose URLconf is imported when it is first used (issue 19).

Django's include() imports the URLconf when the URLs load, and the root resolver populates
every included one at the first reverse(). The open data API's (oec_portal/api.py) brings
Django REST framework, which imports requests because it is installed: ~7 MB in every web
worker, for the few requests under /api/. A namespaced include is needed only to resolve a
path under its prefix or to reverse a name of its namespace: this one stays a module name
until then (tests/perf/test_worker_imports.py).
"""

from django.urls.resolvers import RoutePattern, URLResolver


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
