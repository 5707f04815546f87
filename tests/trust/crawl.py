"""A breadth-first crawler over the portal with Django's test client (SECURITY.md C8, C9).

It starts at a few URLs and follows every same-site link a page renders: `<a href>`, `<link
href>` (the language alternates among them), `<img src>`, `<script src>`, redirects, `<form
method="get">` (submitted once as rendered and once per field filled in), the links of feeds and
of the sitemap, and the hyperlinks of the open data API. Static files are fetched but not parsed;
media files are looked up in the storage (the web server serves them, not Django). Logout is
never followed.

A URL with a query string is visited once per path and set of query keys (`?page=2` stands for
`?page=3`), and at most MAX_QUERY_VARIANTS of them per URL pattern, so that filters and
pagination are exercised without the crawl growing with every combination. The default language
is crawled in full; in each other language every URL pattern reached is visited once (the
language switcher leads from each page to its translations), and crawls that share their
`translated` counter share that visit: every template is rendered in every language for a
fraction of the cost.
"""

import re
from collections import Counter, deque
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, unquote, urldefrag, urlencode, urljoin, urlsplit

from django.conf import settings
from django.core.files.storage import default_storage
from django.urls import Resolver404, resolve
from django.utils import translation
from lxml import html as lxml_html

MAX_QUERY_VARIANTS = 5
PATHS_PER_PATTERN_IN_OTHER_LANGUAGES = 1
# Views never followed: logging out ends the crawl's session (it is a POST form anyway).
SKIPPED_URL_NAMES = {"account_logout"}
# What a text field is given when a GET form is submitted filled in: a word of the data.
SEARCH_WORD = "education"
SAME_SITE_HOSTS = {"", "testserver"}
REDIRECTS = (301, 302, 303, 307, 308)


@dataclass
class Visit:
    url: str
    status: int
    referrer: str  # the page that linked it, or "start"
    body: str = ""  # of what is parsed for links: HTML, feeds, the sitemap, API answers


@dataclass
class Crawl:
    visits: dict = field(default_factory=dict)  # url -> Visit

    def with_status(self, predicate):
        """'url (linked from referrer)' of every visit whose status satisfies the predicate."""
        return sorted(
            f"{visit.status} {url} (linked from {visit.referrer})"
            for url, visit in self.visits.items()
            if predicate(visit.status)
        )

    @property
    def server_errors(self):
        return self.with_status(lambda status: status >= 500)

    @property
    def broken_links(self):
        return self.with_status(lambda status: status == 404)

    @property
    def refused_links(self):
        """Links the portal showed to a user who may not follow them (403, 405, ...)."""
        return self.with_status(lambda status: 400 <= status < 500 and status != 404)

    def pages(self):
        """The visits that answered 200 with a body (pages, feeds, the sitemap, the API)."""
        return [visit for visit in self.visits.values() if visit.status == 200 and visit.body]


def _html_links(body):
    """The links of one HTML page, and its GET forms: [(action or None, [(kind, name, values)])].

    lxml (libxml2) rather than the standard library's html.parser: the crawl parses some 3,300
    pages, which html.parser took three times as long to read."""
    links, forms = [], []
    for element in lxml_html.document_fromstring(body).iter("a", "link", "img", "script", "form"):
        if element.tag in ("a", "link"):
            links += [element.get("href")] if element.get("href") else []
        elif element.tag in ("img", "script"):
            links += [element.get("src")] if element.get("src") else []
        elif (element.get("method") or "get").lower() == "get":
            forms.append((element.get("action"), _form_fields(element)))
    return links, forms


def _form_fields(form):
    """(kind, name, values) of each named, enabled field of a form."""
    fields = []
    for control in form.iter("input", "textarea", "select"):
        name = control.get("name")
        if not name or control.get("disabled") is not None:
            continue
        if control.tag == "input":
            kind = (control.get("type") or "text").lower()
            if kind in ("checkbox", "radio") and control.get("checked") is None:
                kind = f"unchecked-{kind}"
            if kind not in ("submit", "button", "image", "reset", "file"):
                fields.append((kind, name, [control.get("value") or ""]))
        elif control.tag == "textarea":
            fields.append(("text", name, [""]))
        else:
            # The crawl does not choose among a select's options (the html.parser version never
            # collected them: an option has no name): a select is submitted left out.
            fields.append(("select", name, []))
    return fields


def _form_queries(fields):
    """The query strings of a GET form: as rendered, then each field filled in on its own."""
    rendered = [
        (name, values[0])
        for kind, name, values in fields
        if values and not kind.startswith("unchecked")
    ]
    queries = [rendered]
    for kind, name, values in fields:
        others = [(n, v) for n, v in rendered if n != name]
        if kind in ("text", "search"):
            queries.append(others + [(name, SEARCH_WORD)])
        elif kind == "select":
            chosen = next((value for value in values if value), None)
            if chosen is not None:
                queries.append(others + [(name, chosen)])
        elif kind.startswith("unchecked"):
            queries.append(others + [(name, values[0] or "on")])
    return [urlencode(query) for query in queries]


# Links in XML (RSS and Atom feeds, the sitemap) and in the open data API's JSON.
_XML_LINK = re.compile(r"<link[^>]*\bhref=\"([^\"]+)\"|<link>([^<]+)</link>|<loc>([^<]+)</loc>")
_JSON_LINK = re.compile(r"\"(https?://testserver/[^\"]*)\"")
PARSED_TYPES = ("html", "xml", "json")


def _parsed(response):
    """The text of an HTML page, a feed, the sitemap or an API answer; None for files."""
    content_type = response.get("Content-Type", "")
    if response.streaming or not any(kind in content_type for kind in PARSED_TYPES):
        return None
    return response.content.decode(response.charset or "utf-8", errors="replace")


def links_of(url, body):
    """Every URL the page links to, absolute as a browser would resolve it."""
    if body.startswith("<?xml"):
        found = ["".join(groups) for groups in _XML_LINK.findall(body)]
    elif body.startswith(("{", "[")):
        found = _JSON_LINK.findall(body)
    else:
        found, forms = _html_links(body)
        for action, fields in forms:
            target = urljoin(url, action or url).split("?")[0]
            found += [f"{target}?{query}" if query else target for query in _form_queries(fields)]
    return [urldefrag(urljoin(url, link)).url for link in found]


def _same_site_path(url):
    """'/path?query' of a same-site http(s) URL, else None."""
    parts = urlsplit(url)
    if parts.scheme not in ("", "http", "https") or parts.netloc not in SAME_SITE_HOSTS:
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def url_pattern(path):
    """(language, URL name, route) of a path; the route is the path itself if none matches."""
    # A language prefix only resolves while that language is active.
    language = translation.get_language_from_path(path)
    with translation.override(language or settings.LANGUAGE_CODE):
        try:
            match = resolve(path)
        except Resolver404:
            return language, None, path
    return language, match.url_name, match.route


class Crawler:
    """Follows every same-site link breadth first, as the client's user."""

    def __init__(self, client, *, translated=None):
        self.client = client
        # A view that raises must show up as a 500 in the report, not stop the crawl.
        self.client.raise_request_exception = False
        self.crawl = Crawl()
        self._seen = set()
        self._variants = Counter()  # route -> query variants admitted
        # route (language prefix included) -> paths admitted in a language but the default
        self._translated = Counter() if translated is None else translated

    def _admit(self, path):
        """Whether to visit `path` (deduplicated, query variants capped per pattern)."""
        bare, _, query = path.partition("?")
        keys = tuple(sorted({key for key, value in parse_qsl(query) if value}))
        if (bare, keys) in self._seen:
            return False
        language, name, route = url_pattern(bare)
        if name in SKIPPED_URL_NAMES:
            return False
        if keys and self._variants[route] >= MAX_QUERY_VARIANTS:
            return False
        translated = language not in (None, settings.LANGUAGE_CODE)
        if translated and self._translated[route] >= PATHS_PER_PATTERN_IN_OTHER_LANGUAGES:
            return False
        self._variants[route] += bool(keys)
        self._translated[route] += translated
        self._seen.add((bare, keys))
        return True

    def _fetch(self, path):
        """(status, Location or None, body or None) of a GET of `path`."""
        if path.startswith(settings.MEDIA_URL):
            # Served by the web server in production: the link works if the file is stored.
            name = unquote(path.removeprefix(settings.MEDIA_URL).split("?")[0])
            return (200 if default_storage.exists(name) else 404), None, None
        response = self.client.get(path)
        location = response.get("Location") if response.status_code in REDIRECTS else None
        body = None
        if response.status_code == 200 and not path.startswith(settings.STATIC_URL):
            body = _parsed(response)
        if response.streaming:
            # Read to the end: a missing file shows, and the client's wrapper closes it (calling
            # close() here would close the test's database connection).
            b"".join(response.streaming_content)
        return response.status_code, location, body

    def run(self, *start_paths):
        queue = deque((path, "start") for path in start_paths)
        while queue:
            path, referrer = queue.popleft()
            if not self._admit(path):
                continue
            status, location, body = self._fetch(path)
            visit = Visit(url=path, status=status, referrer=referrer)
            self.crawl.visits[path] = visit
            if location:
                targets = [urljoin(path, location)]
            elif body is not None:
                visit.body = body
                targets = links_of(path, body)
            else:
                continue
            for target in targets:
                target_path = _same_site_path(target)
                if target_path is not None:
                    queue.append((target_path, path))
        return self.crawl
