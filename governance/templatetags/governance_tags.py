"""Governance items for pages of other apps (the home page): `{% load governance_tags %}`."""

from django import template

from ..models import AssemblySession
from ..selectors import documents_visible_to

register = template.Library()


@register.inclusion_tag("governance/tags/upcoming_sessions.html")
def upcoming_sessions(count=1):
    """The next General Assembly sessions that are not closed."""
    sessions = AssemblySession.objects.general_assembly().upcoming().select_related("organ")
    return {"sessions": list(sessions[:count])}


@register.inclusion_tag("governance/tags/latest_documents.html", takes_context=True)
def latest_documents(context, count=5):
    """The newest documents of the register that the viewer may read."""
    request = context.get("request")
    user = getattr(request, "user", None)
    documents = documents_visible_to(user).select_related("session__organ")
    return {"documents": list(documents.order_by("-publication_date", "symbol")[:count])}
