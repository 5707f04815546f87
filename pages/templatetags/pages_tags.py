"""Pages for other apps' templates: a microsite's pages, their links, the body's menu.

`{% load pages_tags %}` then `{% organisation_pages organisation %}` (one query),
`{% organisation_page_links organisation %}` (one query), `{% host_menu_pages as menu %}`
(cached; one query when the cache is cold).
"""

from django import template
from django.utils.translation import get_language

from ..menus import host_menu

register = template.Library()


def _published_pages(organisation):
    # Through the related manager, each page knows its organisation without another query.
    return list(organisation.pages.published().in_order())


@register.inclusion_tag("pages/tags/organisation_pages.html")
def organisation_pages(organisation):
    """The organisation's published pages, title and body, in their order (a microsite)."""
    language = get_language()
    pages = _published_pages(organisation)
    return {
        "pages": [
            {"page": page, "shows_fallback": not page.has_translation(language)} for page in pages
        ]
    }


@register.inclusion_tag("pages/tags/organisation_page_links.html")
def organisation_page_links(organisation):
    """Links to the organisation's published pages, in their order."""
    return {"pages": _published_pages(organisation), "organisation": organisation}


@register.simple_tag
def host_menu_pages():
    """The body's published menu pages: [{title, url, slug, children}] (see pages.menus)."""
    return host_menu()
