"""The body's mission pages as a menu, and the footer's pages: one query, then kept in the cache
until a page changes."""

from django.core.cache import cache
from django.db.models import Q
from django.utils.translation import get_language, override
from django.utils.translation import gettext_lazy as _

from members.content_cache import once_per_request
from members.content_languages import language_codes

from .models import Page

CACHE_SECONDS = 60 * 10
# The pages every page's footer links to once the body has published them (templates/partials/
# footer.html), in order, with the footer's link text (shorter than some pages' own titles):
# until then the footer leaves them out rather than link to "not found".
FOOTER_PAGES = {
    "privacy": _("Privacy"),
    "legal-notice": _("Legal notice"),
    "accessibility": _("Accessibility statement"),
}


def _cache_key(language):
    return f"pages:host-menu:v3:{language}"


def _cached(language):
    language = language or get_language()
    key = _cache_key(language)
    return once_per_request(key, lambda: _from_cache(key, language))


def _from_cache(key, language):
    menus = cache.get(key)
    if menus is None:
        with override(language):
            menus = _build_menus()
        cache.set(key, menus, CACHE_SECONDS)
    return menus


def host_menu(language=None):
    """The body's published menu pages: [{title, url, slug, children: [...]}], in order.

    Top-level pages carry their published children; a child whose parent is not shown is left
    out of the menu (it stays reachable at its address).
    """
    return _cached(language)["menu"]


def footer_pages(language=None):
    """The footer's links to the body's published FOOTER_PAGES, in order: [{title, url}]."""
    return _cached(language)["footer"]


def _build_menus():
    pages = list(
        Page.objects.of_host()
        .published()
        .filter(Q(show_in_menu=True) | Q(slug__in=FOOTER_PAGES))
        .select_related("organisation")
        .in_order()
    )
    urls = {page.slug: page.get_absolute_url() for page in pages if page.slug in FOOTER_PAGES}
    footer = [
        {"title": str(title), "url": urls[slug]}
        for slug, title in FOOTER_PAGES.items()
        if slug in urls
    ]
    return {"menu": _menu([page for page in pages if page.show_in_menu]), "footer": footer}


def _menu(pages):
    entries = {
        page.pk: {"title": page.title, "url": page.get_absolute_url(), "slug": page.slug}
        for page in pages
    }
    for entry in entries.values():
        entry["children"] = []
    top_level = []
    for page in pages:
        entry = entries[page.pk]
        if page.parent_id is None:
            top_level.append(entry)
        elif page.parent_id in entries:
            entries[page.parent_id]["children"].append(entry)
    return top_level


def forget_host_menu():
    """Drop the cached menus (every language) after a page changed."""
    cache.delete_many([_cache_key(code) for code in language_codes()])
