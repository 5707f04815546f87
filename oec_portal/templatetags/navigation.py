"""The site's navigation (templates/base.html): the main menu with the current section marked,
the breadcrumbs that pages below a section put in their `breadcrumbs` block, the footer's links.

`{% load navigation %}`, then `{% main_navigation as sections %}` and
`{% breadcrumbs %}<li><a href="...">Section</a></li>{% endbreadcrumbs %}`.
"""

from urllib.parse import urlsplit

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from oec_portal.url_resolvers import remembered_reverse
from pages.menus import footer_pages, host_menu

register = template.Library()


def _section(title, url, *other_urls):
    return {"title": title, "url": url, "paths": (url, *other_urls)}


# The sections' addresses, reversed once per language by this process (remembered_reverse):
# reversing them cost a rebuilt page ~0.5 ms (issue 19).
SECTION_URL_NAMES = (
    "home",
    "members:directory",
    "governance:session_list",
    "governance:decision_list",
    "governance:document_list",
    "partnerships:list",
    "bulletins:archive",
    "news:list",
    "dashboard",
)


@register.simple_tag(takes_context=True)
def main_navigation(context):
    """The main menu's sections, in order: [{title, url, current}].

    Home, the body's menu pages (pages.menus, cached; a page's children are part of its section),
    the public sections, then a signed-in user's Dashboard, marked `account`. `current` is the
    link's aria-current: "page" on a section's own page, "true" on a page below it (its path
    starts with one of the section's), else None. The home page is current on itself only.
    """
    path = context["request"].path
    url = {name: remembered_reverse(name) for name in SECTION_URL_NAMES}
    sections = [_section(_("Home"), url["home"])]
    sections += [
        _section(entry["title"], entry["url"], *(child["url"] for child in entry["children"]))
        for entry in host_menu()
    ]
    sections += [
        _section(_("Members"), url["members:directory"]),
        _section(_("Assembly"), url["governance:session_list"], url["governance:decision_list"]),
        _section(_("Documents"), url["governance:document_list"]),
        _section(_("Partners"), url["partnerships:list"], url["bulletins:archive"]),
        _section(_("News"), url["news:list"]),
    ]
    if context["request"].user.is_authenticated:
        sections.append({**_section(_("Dashboard"), url["dashboard"]), "account": True})
    home = sections[0]
    for section in sections:
        if path == section["url"]:
            section["current"] = "page"
        elif section is not home and any(path.startswith(p) for p in section["paths"]):
            section["current"] = "true"
        else:
            section["current"] = None
    return sections


@register.simple_tag
def legal_links():
    """The footer's privacy, legal notice and accessibility statement links: [{title, url}], for
    those of the body's pages that are published (pages.menus.FOOTER_PAGES, cached)."""
    return footer_pages()


# The sites' own names for their addresses; any other site is named by its host.
SOCIAL_NETWORKS = {
    "bsky.app": "Bluesky",
    "facebook.com": "Facebook",
    "flickr.com": "Flickr",
    "instagram.com": "Instagram",
    "linkedin.com": "LinkedIn",
    "twitter.com": "X",
    "x.com": "X",
    "youtube.com": "YouTube",
}


@register.simple_tag
def social_links():
    """The Organisation's accounts (settings.OEC_SOCIAL_LINKS), named: [{name, url}]."""
    links = []
    for url in settings.OEC_SOCIAL_LINKS:
        host = urlsplit(url).hostname.removeprefix("www.")
        links.append({"name": SOCIAL_NETWORKS.get(host, host), "url": url})
    return links


@register.tag
def breadcrumbs(parser, token):
    """`{% breadcrumbs %}<li>…</li>{% endbreadcrumbs %}`: the trail from Home to the page's parent,
    in a labelled navigation landmark (templates/partials/breadcrumbs.html)."""
    nodelist = parser.parse(("endbreadcrumbs",))
    parser.delete_first_token()
    return BreadcrumbsNode(nodelist)


class BreadcrumbsNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        # A rendered nodelist is safe markup already (the template's own, escaped as usual).
        trail = self.nodelist.render(context)
        return render_to_string("partials/breadcrumbs.html", {"trail": trail})
