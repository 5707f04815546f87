"""Demo data of the pages app for `manage.py seed_demo` (DESIGN.md's demo data contract).

The body's mission pages (the footer's privacy notice, legal notice and accessibility statement
among them, outside the menu) and the school-cooperation association's (OCCE) pages, whose texts
are in pages/demo.toml. Idempotent: pages are found by (organisation, slug) and brought up to date.
"""

from members.demo_seeding import demo_content, translated_fields, update_or_create_if_changed

from .models import Page

CONTENT = demo_content(__file__)


def _upsert(*, organisation, parent, page):
    row, _changed = update_or_create_if_changed(
        Page,
        organisation=organisation,
        slug=page["slug"],
        defaults={
            "order": page["order"],
            "parent": parent,
            "status": Page.Status.PUBLISHED,
            "show_in_menu": page.get("show_in_menu", True),
            **translated_fields("title", page["title"]),
            **translated_fields("meta_description", page.get("meta_description", {})),
            **translated_fields("body", page["body"]),
        },
    )
    return row


def seed(*, organisations, users):
    """Create or update this app's demo rows idempotently; `organisations` are by slug."""
    by_slug = {}
    for page in CONTENT["host_page"]:
        parent = by_slug.get(page.get("parent"))
        by_slug[page["slug"]] = _upsert(organisation=organisations["oec"], parent=parent, page=page)
    for page in CONTENT["occe_page"]:
        _upsert(organisation=organisations["occe"], parent=None, page=page)
