"""The body's mission pages as a menu: one query, then kept in the cache until a page changes."""

from django.core.cache import cache
from django.utils.translation import get_language, override

from members.content_languages import language_codes

from .models import Page

CACHE_SECONDS = 60 * 10


def _cache_key(language):
    return f"pages:host-menu:v1:{language}"


def host_menu(language=None):
    """The body's published menu pages: [{title, url, slug, children: [...]}], in order.

    Top-level pages carry their published children; a child whose parent is not shown is left
    out of the menu (it stays reachable at its address).
    """
    language = language or get_language()
    key = _cache_key(language)
    menu = cache.get(key)
    if menu is None:
        with override(language):
            menu = _build_menu()
        cache.set(key, menu, CACHE_SECONDS)
    return menu


def _build_menu():
    pages = list(
        Page.objects.of_host()
        .published()
        .filter(show_in_menu=True)
        .select_related("organisation")
        .in_order()
    )
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
