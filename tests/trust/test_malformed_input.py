"""Odd input never makes a server error, on any URL (issue 14; what sqlmap, wapiti and a fuzzer
found): every URL pattern of the project, the admin's, allauth's and the API's included, is
requested with each of its parameters filled with malformed values, and with malformed query
strings and form posts (each admin view at one of its models' URLs: for anyone but staff they
all stop at the admin's sign-in), as a visitor and as a signed-in delegate. The answer may be
400, 404, a redirect or a form with errors: never 5xx.

The patterns come from walking `get_resolver()`, so a new URL is fuzzed as soon as it exists.
On PostgreSQL (DATABASE_URL set) NUL reaches the database's refusal if nothing stops it before.
"""

import re
import uuid

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern

from tests.factories import ArticleFactory

# What goes into a URL, percent-encoded as it travels.
MALFORMED_IN_URL = {
    "NUL": "%00",
    "10,000 characters": "a" * 10_000,
    "zero": "0",
    "negative": "-1",
    "beyond 64 bits": "99999999999999999999",
    "escape (C0)": "%1b",
    "DEL": "%7f",
    "next line (C1)": "%c2%85",
    "right-to-left override": "%e2%80%ae",
    "bad percent-encoding": "%ff",
    "invalid UTF-8": "%e2%28%a1",
    "parent directory": "..%2f..%2fetc%2fpasswd",
}
# What goes into a form, as the browser would send it (the client encodes it).
MALFORMED_IN_FORM = {
    "NUL": "\x00",
    "10,000 characters": "a" * 10_000,
    "beyond 64 bits": "99999999999999999999",
    "escape (C0)": "\x1b",
    "next line (C1)": "\x85",
    "right-to-left override": "\u202e",
    "noncharacter": "\uffff",
    "parent directory": "../../etc/passwd",
}
# Query parameters and form fields the portal's views, filters and forms read, and some that
# allauth, the admin and the API read: each gets every malformed value.
QUERY_NAMES = (
    "q page year category format session type language kind region status country field "
    "area on organisation p next lang version o e all"
).split()
FORM_NAMES = (
    "name email login password password1 password2 title summary body message q organisation "
    "role language session symbol year status code next csrfmiddlewaretoken"
).split()

# Values that reach a view (query and form fuzz): each parameter gets the first that its
# converter accepts, whatever the converter (Django's, ours, DRF's format suffix).
ACCEPTED_VALUES = ("member-a", "1", ".json", str(uuid.UUID(int=1)))
# The same for regular expression groups (the API router, allauth, the admin), by name.
ACCEPTED_BY_GROUP_NAME = {
    "format": "json",
    "period": "2026-01",
    "slug": "member-a",
    "app_label": "members",
    "uidb36": "1",
}
ROUTE_PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


class Parameter(str):
    """A parameter's place in a URL; its value is one the pattern accepts."""


def _regex_parts(regex):
    """A regular expression of a URL pattern as literal text and a Parameter per group."""
    text = regex.removeprefix("^").removesuffix("$")
    parts, literal, i = [], "", 0
    while i < len(text):
        char = text[i]
        if char == "(":
            depth, end = 1, i + 1
            while depth:
                if text[end] == "\\":
                    end += 2
                    continue
                depth += {"(": 1, ")": -1}.get(text[end], 0)
                end += 1
            name = re.match(r"\(\?P<(\w+)>", text[i:end])
            parts += [literal, Parameter(ACCEPTED_BY_GROUP_NAME.get(name and name[1], "1"))]
            literal, i = "", end
        elif char == "\\":
            literal, i = literal + text[i + 1], i + 2
        elif char == "?":  # an optional character (the API's trailing "/?"): kept
            i += 1
        else:
            literal, i = literal + char, i + 1
    return [*parts, literal]


def _pattern_parts(pattern):
    if isinstance(pattern, LocalePrefixPattern):
        return ["en/"]
    if isinstance(pattern, RoutePattern):
        parts, position = [], 0
        route = str(pattern)
        for match in ROUTE_PARAMETER.finditer(route):
            converter = pattern.converters[match["name"]]
            accepted = next(v for v in ACCEPTED_VALUES if re.fullmatch(converter.regex, v))
            parts += [route[position : match.start()], Parameter(accepted)]
            position = match.end()
        return [*parts, route[position:]]
    assert isinstance(pattern, RegexPattern), pattern
    return _regex_parts(str(pattern))


def url_patterns(patterns=None, prefix=()):
    """(name, parts) of every URL pattern of the project: parts are literal strings and
    Parameters, in order."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        parts = [*prefix, *_pattern_parts(pattern.pattern)]
        if isinstance(pattern, URLResolver):
            yield from url_patterns(pattern.url_patterns, parts)
        else:
            assert isinstance(pattern, URLPattern)
            yield pattern.lookup_str, parts


def build(parts, value=None):
    """The URL: each Parameter filled with `value` (percent-encoded already), or with the value
    it accepts."""
    return "/" + "".join(
        (part if value is None else value) if isinstance(part, Parameter) else part
        for part in parts
    )


def _server_errors(client, requests, user=None):
    errors = []
    for description, method, url, data in requests:
        # A post may have signed the delegate out (allauth's logout empties the cookie).
        if user and not getattr(client.cookies.get(settings.SESSION_COOKIE_NAME), "value", ""):
            client.force_login(user)
        response = getattr(client, method)(url, data) if data else getattr(client, method)(url)
        if response.status_code >= 500:
            errors.append(f"{response.status_code} {method.upper()} {url[:120]} ({description})")
    return errors


def path_requests():
    for view, parts in url_patterns():
        if not any(isinstance(part, Parameter) for part in parts):
            continue
        for description, value in MALFORMED_IN_URL.items():
            yield f"{view}, parameters: {description}", "get", build(parts, value), None


def _beyond_the_admin(patterns):
    """The patterns a non-staff user's request reaches past the admin's own login redirect.

    For a signed-in delegate every admin URL stops at `AdminSite.admin_view`, exactly as for a
    visitor, whose runs fuzz each admin view: the delegate's query and form runs skip those
    repetitions (its path run keeps them).
    """
    return [(view, parts) for view, parts in patterns if not build(parts).startswith("/admin/")]


def _each_admin_view_once(patterns):
    """Every pattern outside the admin, and each admin view at one of its URLs.

    For a visitor, the 36 models' copies of a ModelAdmin view (changelist, change, delete…)
    are the same view behind the same `AdminSite.admin_view`, which sends the visitor to sign in
    before any of them reads the request: the visitor's query and form runs send their values
    to one copy of each (its path run keeps them all).
    """
    seen = set()
    kept = []
    for view, parts in patterns:
        if build(parts).startswith("/admin/"):
            if view in seen:
                continue
            seen.add(view)
        kept.append((view, parts))
    return kept


def query_requests(patterns=None):
    for view, parts in patterns or url_patterns():
        url = build(parts)
        for description, value in MALFORMED_IN_URL.items():
            # The long value in a few parameters: 10,000 characters each is enough.
            names = QUERY_NAMES[:3] if len(value) > 100 else QUERY_NAMES
            query = "&".join(f"{name}={value}" for name in [*names, value])
            yield f"{view}, query: {description}", "get", f"{url}?{query}", None


def form_requests(patterns=None):
    for view, parts in patterns or url_patterns():
        url = build(parts)
        for description, value in MALFORMED_IN_FORM.items():
            names = FORM_NAMES[:3] if len(value) > 100 else FORM_NAMES
            data = {**dict.fromkeys(names, value), value: "1"}
            yield f"{view}, form: {description}", "post", url, data


REQUESTS = {"path": path_requests, "query": query_requests, "form": form_requests}

# Its few tests send each malformed value to every URL pattern: they weigh as much as this many
# ordinary tests, for make test's order of files (tests/conftest.py).
WEIGHT_IN_TESTS = 130


@pytest.fixture
def members_world(host, member_a, delegate_a):
    """A host and a member with a delegate: enough for views to reach their queries."""
    return delegate_a


@pytest.mark.parametrize("kind", REQUESTS)
def test_no_malformed_input_makes_a_server_error_for_a_visitor(members_world, kind):
    client = Client(raise_request_exception=False)
    requests = (
        REQUESTS[kind]()
        if kind == "path"
        else REQUESTS[kind](_each_admin_view_once(url_patterns()))
    )
    assert _server_errors(client, requests) == []


@pytest.mark.parametrize("kind", REQUESTS)
def test_no_malformed_input_makes_a_server_error_for_a_delegate(members_world, kind):
    client = Client(raise_request_exception=False)
    requests = (
        REQUESTS[kind]() if kind == "path" else REQUESTS[kind](_beyond_the_admin(url_patterns()))
    )
    assert _server_errors(client, requests, user=members_world) == []


def test_the_walk_reaches_every_url_pattern():
    patterns = list(url_patterns())
    names = {view for view, _parts in patterns}
    # The admin's, allauth's, the API router's and ours, with their parameters.
    assert {
        "oec_portal.search.site_search",
        "governance.views.document_download",
        "news.views.year_archive",
        "oec_portal.api.ArticleViewSet",
        "allauth.account.views.PasswordResetFromKeyView",
        "django.contrib.admin.sites.AdminSite.app_index",
    } <= names
    assert build(dict(patterns)["news.views.year_archive"]) == "/en/news/1/"
    assert len(patterns) > 300


# --- What the fuzzers found answers exactly ---------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/en/search/?q=a%00",
        "/en/documents/%00/",
        "/en/documents/OEC-GA-1-1/download/%00/",
        "/en/decisions/%00/",
        "/api/news/%00/",
        "/api/members/%00/",
        "/fr/members/?q=%1b",
        "/en/members/?%00=1",
    ],
)
def test_control_characters_in_the_address_answer_400(client, db, url):
    response = client.get(url)
    assert response.status_code == 400


@pytest.mark.parametrize(
    "url",
    [
        "/en/news/0/",
        "/en/news/10000/",
        "/en/news/99999999999999999999/",
        "/en/documents/" + "A" * 41 + "/",
        "/api/news/a%20b/",
    ],
)
def test_values_no_view_serves_answer_404(client, db, url):
    assert client.get(url).status_code == 404


def test_every_year_in_range_reaches_the_archive(client, host):
    article = ArticleFactory(organisation=host)
    assert client.get(f"/en/news/{article.publish_at.year}/").status_code == 200
    # The first and last years a date holds: no article, and no overflow in the lookup.
    assert client.get("/en/news/1/").status_code == 404
    assert client.get("/en/news/9999/").status_code == 404


def test_the_400_page_is_branded_in_the_language_of_the_path(client, db):
    response = client.get("/fr/search/?q=a%00")
    assert response.status_code == 400
    page = response.content.decode()
    assert '<html lang="fr"' in page
    assert "Organisation de coopération éducative" in page
    assert "Requête incorrecte" in page
    assert 'href="/fr/"' in page
    assert "'nonce-" not in response["Content-Security-Policy"]


def test_the_api_answers_400_in_json(client, db):
    response = client.get("/api/news/?year=%00")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "control characters" in response.json()["detail"]


def test_a_form_post_with_nul_answers_400_and_changes_nothing(client, db, member_a):
    from members.models import JoinRequest

    response = client.post(
        "/en/members/member-a/join/",
        {"name": "Ada\x00", "email": "ada@example.org", "support": "other", "message": "Hi"},
    )
    assert response.status_code == 400
    assert not JoinRequest.objects.exists()


def test_a_form_keeps_its_tabs_and_line_breaks(client, db, member_a):
    from members.models import JoinRequest

    client.post(
        "/en/members/member-a/join/",
        {
            "name": "Ada",
            "email": "ada@example.org",
            "support": "volunteer",
            "message": "Line one\r\n\tLine two",
        },
    )
    assert JoinRequest.objects.get().message == "Line one\r\n\tLine two"
