"""What a page tells those who share, index or print it (issue 16).

`{% load sharing %}`, then:
- `{% share_meta title=... description=... image=... image_alt=... type=... url=... %}`: the
  OpenGraph and Twitter card; templates/base.html draws it with the portal's defaults in its
  `share_meta` block, which a page overrides with its own values;
- `{% organization_json_ld %}`, `{% news_article_json_ld article %}`,
  `{% event_json_ld session meetings %}`, `{% digital_document_json_ld document %}`,
  `{% legislation_json_ld decision languages %}`: schema.org JSON-LD
  (oec_portal.structured_data), in a page's `structured_data` block;
- `{% page_address %}`: the page's absolute address (the printed colophon shows it).
"""

from django import template

from .. import structured_data
from ..sharing import page_url, share_card

register = template.Library()


@register.inclusion_tag("partials/share_meta.html", takes_context=True)
def share_meta(context, **page):
    # An error page (Django gives it `request_path` or `exception`) is nothing to share, and
    # must read the same whatever address asked for it ("not yours" looks like "not found").
    if "request_path" in context or "exception" in context:
        return {"card": None}
    request = context["request"]
    return {"card": share_card(request, context.get("content_languages"), **page)}


@register.simple_tag(takes_context=True)
def page_address(context):
    return page_url(context["request"], context.get("canonical_url"))


@register.simple_tag(takes_context=True)
def organization_json_ld(context):
    return structured_data.json_ld_script(structured_data.organization(context["request"]))


@register.simple_tag(takes_context=True)
def news_article_json_ld(context, article):
    data = structured_data.news_article(context["request"], article)
    return structured_data.json_ld_script(data)


@register.simple_tag(takes_context=True)
def event_json_ld(context, session, meetings=()):
    data = structured_data.assembly_session(context["request"], session, meetings)
    return structured_data.json_ld_script(data)


@register.simple_tag(takes_context=True)
def digital_document_json_ld(context, document):
    data = structured_data.digital_document(context["request"], document)
    return structured_data.json_ld_script(data)


@register.simple_tag(takes_context=True)
def legislation_json_ld(context, decision, languages):
    data = structured_data.legislation(context["request"], decision, languages)
    return structured_data.json_ld_script(data)
