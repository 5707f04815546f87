import ipaddress

from django.conf import settings
from django.http import HttpResponseNotAllowed
from django.utils.http import http_date

from .db_router import public_page_reads, replica_failed_this_request


class NoStoreForAuthenticatedMiddleware:
    """Pages seen by a logged-in user are never kept by browsers or shared caches.

    Whatever the view said of caching is replaced, not merged: these are Django's
    `add_never_cache_headers` without parsing and rebuilding the header twice, on the path of
    every signed-in request (issue 19)."""

    CACHE_CONTROL = "max-age=0, no-cache, no-store, must-revalidate, private"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response.headers["Cache-Control"] = self.CACHE_CONTROL
            response.headers["Expires"] = http_date()
        return response


class RefuseTraceMiddleware:
    """TRACE and TRACK echo requests back (cross-site tracing); no view of ours answers them."""

    REFUSED_METHODS = {"TRACE", "TRACK", "CONNECT"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in self.REFUSED_METHODS:
            return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
        return self.get_response(request)


class ReplicaForPublicPagesMiddleware:
    """Anonymous GET and HEAD requests may read from the read replica (oec_portal.db_router).

    Installed only when a replica is configured, innermost. Telling a visitor from a member
    reads the session, and that happens before the mark: sessions are read on the primary. The
    mark is undone when the response is returned, so nothing after it (a streamed file, a
    later request on this thread) reads from the replica by accident.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and not request.user.is_authenticated:
            with public_page_reads():
                return self.get_response(request)
        return self.get_response(request)

    def process_exception(self, request, exception):
        """The replica went away while the view (or its template) read from it: the page is
        drawn again from the primary, as the router would have chosen an instant later. Only
        public pages are read from the replica, and those change nothing: drawing one twice is
        safe."""
        if not replica_failed_this_request(exception):
            return None
        match = request.resolver_match
        with public_page_reads(allowed=False):
            response = match.func(request, *match.args, **match.kwargs)
            if callable(getattr(response, "render", None)):
                response = response.render()  # the template reads too: on the primary as well
        return response


class ClientAddressFromProxyMiddleware:
    """Behind our nginx, REMOTE_ADDR is nginx's address, so every visitor would share one rate
    limit (login, join and application forms) and one address in the audit rows. nginx passes
    the client's address in a header that it always overwrites (settings.OEC_CLIENT_IP_HEADER,
    X-Real-IP in docker-compose.yml); this puts it back into REMOTE_ADDR, first of all.

    Installed only when that setting names a header: trusting a header that clients can send
    to the web server directly would let anyone choose their address (SECURITY.md B1).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.meta_key = "HTTP_" + settings.OEC_CLIENT_IP_HEADER.upper().replace("-", "_")

    def __call__(self, request):
        address = request.META.get(self.meta_key, "").strip()
        try:
            request.META["REMOTE_ADDR"] = str(ipaddress.ip_address(address))
        except ValueError:
            pass  # no header, or not an address: keep the peer's
        return self.get_response(request)
