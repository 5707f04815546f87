"""The body's document symbols (OEC/GA/1/5/Rev.1), which documents and decisions carry."""

import re

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

# The body's symbols: OEC/<organ>/<session>/<number>, an optional series (INF for information
# documents, L for limited drafts, DEC/RES for decisions) and a revision, addendum or corrigendum.
SYMBOL_PATTERN = (
    r"^OEC/(?P<organ>[A-Z]{2,4})/(?P<session>\d{1,3})/(?:(?P<series>INF|L|CRP|DEC|RES)/)?"
    r"(?P<number>\d{1,3})(?P<revision>/(?:Rev|Add|Corr)\.\d{1,2})?$"
)
SYMBOL_RE = re.compile(SYMBOL_PATTERN)
symbol_validator = RegexValidator(
    SYMBOL_PATTERN,
    _("Write the symbol as the body does, e.g. OEC/GA/1/5 or OEC/GA/1/5/Rev.1."),
    code="symbol",
)


def symbol_to_slug(symbol):
    """The URL form of a symbol: OEC/GA/1/5/Rev.1 is OEC-GA-1-5-Rev.1 (symbols hold no '-')."""
    return symbol.replace("/", "-")


def slug_to_symbol(slug):
    return slug.replace("-", "/")
