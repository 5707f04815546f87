"""Use cases of the pages app: write, publish and withdraw an organisation's pages."""

from django.db import transaction

from .models import Page


def _page_save(page: Page, fields: dict) -> Page:
    for name, value in fields.items():
        setattr(page, name, value)
    page.full_clean()
    page.save()
    return page


@transaction.atomic
def page_create(*, organisation, fields: dict) -> Page:
    """A new draft page of `organisation` (the acting tenant, never taken from the form)."""
    return _page_save(Page(organisation=organisation, status=Page.Status.DRAFT), fields)


@transaction.atomic
def page_update(*, page: Page, fields: dict) -> Page:
    """Change a page's content; its status stays as it is (publishing is a separate step)."""
    return _page_save(page, fields)


@transaction.atomic
def page_publish(*, page: Page) -> Page:
    """Make the page public at its address."""
    page.status = Page.Status.PUBLISHED
    page.save(update_fields=["status"])
    return page


@transaction.atomic
def page_unpublish(*, page: Page) -> Page:
    """Take the page back to draft: only its editors see it, the public gets "not found"."""
    page.status = Page.Status.DRAFT
    page.save(update_fields=["status"])
    return page
