"""Odd input answers 400, on every URL, before any view sees it (issue 14, found by fuzzers).

PostgreSQL refuses NUL in text, so a NUL that reaches a query is a 500; other control
characters make no sense in an address or a field name, and break what the portal writes out
(XML feeds, sitemaps, Akoma Ntoso, CSV). One rule for the whole portal instead of a patch per
view: no control character in the path, nor in the name of a query parameter, form field or
uploaded file; no NUL nor other C0 control that XML 1.0 refuses (all but tab, line feed and
carriage return, which a textarea sends) in a query or form value. URL converters
(members.url_converters) keep each pattern to the values it can serve; this is the net under
them.
"""

import re
from urllib.parse import quote

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.log import log_response
from django.utils.translation import gettext

# Unicode's "Cc" category: C0, DEL and C1.
CONTROL_IN_NAME = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# What XML 1.0 and PostgreSQL cannot hold; tab, LF and CR are text.
CONTROL_IN_VALUE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
FORM_CONTENT_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _malformed_fields(fields):
    return any(
        CONTROL_IN_NAME.search(name) or any(CONTROL_IN_VALUE.search(value) for value in values)
        for name, values in fields.lists()
    )


def malformed_address(request):
    """True when the path or the query string holds characters no URL of ours accepts."""
    return bool(CONTROL_IN_NAME.search(request.path_info)) or _malformed_fields(request.GET)


def malformed_form(request):
    """True when a POSTed form's field names, values or file names hold control characters."""
    if request.method != "POST" or not request.content_type.startswith(FORM_CONTENT_TYPES):
        return False
    return _malformed_fields(request.POST) or any(
        CONTROL_IN_NAME.search(name) or any(CONTROL_IN_NAME.search(f.name or "") for f in files)
        for name, files in request.FILES.lists()
    )


class RefuseMalformedInputMiddleware:
    """400 to a request whose address or form holds control characters (see the module).

    After LocaleMiddleware, so that the branded 400 page speaks the language of the path, and
    inside the security and CSP middleware, so that it carries their headers. The form is
    read here, before CsrfViewMiddleware reads it: nothing in the portal changes upload
    handlers or reads the raw body of a form.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if malformed_address(request) or malformed_form(request):
            response = self.bad_request(request)
            log_response(
                "Bad Request (control characters): %s",
                request.path,
                response=response,
                request=request,
            )
            return response
        return self.get_response(request)

    @staticmethod
    def bad_request(request):
        message = gettext(
            "The request holds characters the portal does not accept, such as control characters."
        )
        if request.path_info.startswith("/api/"):
            return JsonResponse({"detail": message}, status=400)
        # request_path as Django's 404 passes it: the page offers each language's home page.
        context = {"request_path": quote(request.path), "message": message}
        return render(request, "400.html", context, status=400)
