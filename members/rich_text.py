"""Rich text, as every app has it: one allowlist, one editor, one rule for saving.

Whatever an editor, the admin or an import sends, only the markup below stays. The editor
(django-prose-editor, on tiptap) offers exactly that markup, so it never produces something
the save would strip. A model with translated rich-text fields sanitises the copy of every
language on each save (`SanitisesRichText`), not only the one a form happened to clean.

tiptap injects its base styles as an inline <style> element, which our CSP (style-src 'self')
refuses, leaving the editor unstyled in the admin and in the members' forms. `CSP_SAFE_STYLES`
(static/js/prose-editor-styles.js, registered in settings.DJANGO_PROSE_EDITOR_EXTENSIONS)
turns the injection off and links the same rules from static/css/prose-editor-base.css.
"""

import re
from html.parser import HTMLParser

from django.utils.translation import gettext as _
from django_prose_editor.fields import ProseEditorField
from js_asset import static_lazy

from .content_languages import language_codes

ALLOWED_TAGS = {"p", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "a", "blockquote", "br"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}

# The rich-text editor always leaves one empty paragraph behind; that is no content at all,
# and an empty translation must stay empty so that the English fallback (and its note) shows.
_EMPTY_ELEMENT = re.compile(r"^\s*(<(?P<tag>p|h2|h3|h4)>\s*(<br>)?\s*</(?P=tag)>\s*)*$")


def sanitise_html(html):
    """`html` with only the allowed tags and attributes: scripts, event handlers and links of
    other protocols never stay; markup with no text at all becomes ""."""
    if not html:
        return ""
    # Imported at the first save of rich text, not in every web worker, which only shows it
    # (nh3, ~1.5 MB; tests/perf/test_worker_imports.py).
    import nh3

    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    ).strip()
    return "" if _EMPTY_ELEMENT.match(cleaned) else cleaned


CSP_SAFE_STYLES = {"LinkedBaseStyles": {"href": static_lazy("css/prose-editor-base.css")}}

EDITOR_EXTENSIONS = {
    **CSP_SAFE_STYLES,
    "Bold": True,
    "Italic": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": sorted(URL_SCHEMES)},
}


def rich_text_field(verbose_name, **kwargs):
    """A rich-text model field: the editor above, sanitised when a form cleans it."""
    return ProseEditorField(
        verbose_name, blank=True, extensions=EDITOR_EXTENSIONS, sanitize=sanitise_html, **kwargs
    )


class SanitisesRichText:
    """Model mixin: sanitise every language's copy of `rich_text_fields` on each save.

    modeltranslation adds `<field>_<code>` beside each translated field; a form, the admin or
    a service may have set any of them, and a partial save must not keep unsafe markup either.
    """

    rich_text_fields = ()

    def save(self, *args, **kwargs):
        for name in self.rich_text_fields:
            for code in language_codes():
                field = f"{name}_{code}"
                if hasattr(self, field):
                    setattr(self, field, sanitise_html(getattr(self, field)))
        super().save(*args, **kwargs)


_VOID_TAGS = {"br"}


class _MarkupChecker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open_tags, self.problems = [], []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.problems.append(_("The tag <%(tag)s> is not allowed.") % {"tag": tag})
        for name, _value in attrs:
            if name not in ALLOWED_ATTRIBUTES.get(tag, ()):
                self.problems.append(
                    _("The attribute %(attribute)s of <%(tag)s> is not allowed.")
                    % {"attribute": name, "tag": tag}
                )
        if tag not in _VOID_TAGS:
            self.open_tags.append(tag)

    def handle_endtag(self, tag):
        if tag in _VOID_TAGS:
            return
        if not self.open_tags or self.open_tags[-1] != tag:
            self.problems.append(_("The closing tag </%(tag)s> does not match.") % {"tag": tag})
            if tag in self.open_tags:
                del self.open_tags[len(self.open_tags) - 1 - self.open_tags[::-1].index(tag) :]
            return
        self.open_tags.pop()


def markup_problems(html):
    """What is wrong with rich text that comes from outside the editor (an imported
    translation): tags or attributes the sanitiser would drop, tags left open or closed out of
    order. [] when the markup is sound; the sanitiser never silently rewrites such text."""
    checker = _MarkupChecker()
    checker.feed(html or "")
    checker.close()
    if checker.open_tags:
        checker.problems.append(
            _("These tags are not closed: %(tags)s.")
            % {"tags": ", ".join(f"<{tag}>" for tag in checker.open_tags)}
        )
    return checker.problems
