"""`{% keep_html_of row other_row value… %}…{% endkeep_html_of %}`: a block's HTML, kept in
this process and keyed by everything it shows, for the cards of public lists and for what every
page draws around its content (templates/base.html: the head's links, the main menu, the footer).

An edit empties the page cache (members.content_cache), and every list is rebuilt although
nearly all of its cards show what they showed before: drawing a card through the template
engine cost ~0.4 ms, 10 ms of a rebuilt page of 25 partners, and the footer 1.5 ms of every
rebuilt page (issue 19). The key is the value of every column of each row named (and of each
row of a list of rows, such as prefetched fields of competence), the other values named, the
block and the language: a card whose row changed in any column is drawn again, so what is kept
is never stale. The block must show nothing but what it names (and what is the same for the
whole process: URLs, static files, translations). Name only values that take a few forms
(not the page's own address): each form is one more block kept, pushing out the cards.
"""

import functools
import itertools
import threading
from collections import OrderedDict

from django import template
from django.db.models import Model
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import get_language

register = template.Library()

# Enough for the cards of the lists most asked in four languages; each keeps its HTML and the
# values of its key (a card with its texts: a few kB), so at most a few MB per process.
KEPT_BLOCKS = 1024


class _Kept:
    """The most recently drawn blocks, at most KEPT_BLOCKS."""

    def __init__(self):
        self.blocks = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            html = self.blocks.get(key)
            if html is not None:
                self.blocks.move_to_end(key)
            return html

    def put(self, key, html):
        with self.lock:
            self.blocks[key] = html
            while len(self.blocks) > KEPT_BLOCKS:
                self.blocks.popitem(last=False)


_kept = _Kept()


def kept_html(key, draw):
    """The HTML kept under `key` (hashable, and naming everything the HTML shows), else what
    `draw()` returns, kept: for HTML drawn outside a template, in the same bounded store as
    the blocks (members.forms_rendering.QuickSelect's options)."""
    html = _kept.get(key)
    if html is None:
        html = draw()
        _kept.put(key, html)
    return html


@functools.cache
def _column_names(model):
    return tuple(field.attname for field in model._meta.concrete_fields)


def _columns(row):
    # Read in one pass (map): a page keys ~25 cards of ~40 columns each (issue 19).
    return (row._meta.label, *map(row.__dict__.get, _column_names(type(row))))


def _key_part(value):
    if isinstance(value, Model):
        return _columns(value)
    if isinstance(value, SafeData):
        # Markup is shown as it is, the same text unmarked is escaped: not the same HTML.
        return (SafeData, str(value))
    if isinstance(value, (list, tuple)) or hasattr(value, "_result_cache"):
        return tuple(_key_part(item) for item in value)
    return value


# Each block read gets a number of its own: the cached template loader keeps the blocks of
# production's templates, so that their numbers stay; a template read again starts afresh.
_block_numbers = itertools.count()


class KeepHtmlNode(template.Node):
    def __init__(self, nodelist, values):
        self.nodelist = nodelist
        self.values = values
        self.number = next(_block_numbers)

    def render(self, context):
        parts = tuple(_key_part(value.resolve(context)) for value in self.values)
        key = (self.number, get_language(), parts)
        try:
            hash(key)
        except TypeError:  # a column holding a dict or a list (JSON)
            key = (*key[:2], repr(parts))
        html = kept_html(key, lambda: self.nodelist.render(context))
        return mark_safe(html)  # noqa: S308 (the block's own rendering, escaped by it)


@register.tag
def keep_html_of(parser, token):
    values = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    nodelist = parser.parse(("endkeep_html_of",))
    parser.delete_first_token()
    return KeepHtmlNode(nodelist, values)
