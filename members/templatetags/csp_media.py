"""Form media under the strict CSP (Django 6's, nonce-based)."""

from django import template

register = template.Library()


@register.filter
def with_csp_nonce(media, nonce):
    """The media with the response's CSP nonce on its tags, where the media can carry one
    (django-js-asset's Media: the rich-text editor's inline import map needs it)."""
    # No truth test on the nonce: Django's lazy nonce is only made when it is rendered.
    with_nonce = getattr(media, "with_nonce", None)
    return media if with_nonce is None else with_nonce(nonce)
