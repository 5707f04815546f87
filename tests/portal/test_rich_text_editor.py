"""The rich-text editor under the strict CSP: tiptap's base styles come from our static files
(static/css/prose-editor-base.css, linked by the LinkedBaseStyles extension) instead of an
inline <style> that style-src 'self' refuses. The browser side is in
tests/e2e/test_back_office_staff.py and tests/e2e/test_editor_publishes_news.py."""

import json
import re
from pathlib import Path

import django_prose_editor
import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

from bulletins.models import Bulletin
from news.models import Article
from pages.models import Page

EDITOR_JS = Path(django_prose_editor.__file__).parent / "static/django_prose_editor/editor.js"


def _library_base_styles():
    # tiptap's base styles, the template literal its Editor injects (starting with .ProseMirror).
    match = re.search(
        r"`(\.ProseMirror \{\n  position: relative;\n\}.*?)`", EDITOR_JS.read_text(), re.S
    )
    return match.group(1)


def test_base_stylesheet_has_the_rules_the_library_would_inject():
    ours = Path(finders.find("css/prose-editor-base.css")).read_text()
    # After the comment saying where the rules come from, the library's text exactly: an
    # upgrade that changes them fails here until the file is copied again.
    assert ours.split("*/\n", 1)[1] == _library_base_styles() + "\n"


def test_editor_extension_module_is_a_static_file():
    source = Path(finders.find("js/prose-editor-styles.js")).read_text()
    assert "export const LinkedBaseStyles" in source
    assert "injectCSS = false" in source


@pytest.mark.parametrize(
    ("model", "field"),
    [(Article, "body_en"), (Page, "body_fr"), (Bulletin, "introduction_ar")],
)
def test_every_editor_links_the_base_styles_and_loads_the_extension(model, field):
    widget = model._meta.get_field(field).formfield().widget
    html = widget.render("body", "<p>Text</p>", attrs={"id": "id_body"})
    config = json.loads(
        re.search(r'data-django-prose-editor-configurable="([^"]+)"', html)
        .group(1)
        .replace("&quot;", '"')
    )
    assert config["extensions"]["LinkedBaseStyles"] == {"href": "/static/css/prose-editor-base.css"}
    assert config["js_modules"] == ["/static/js/prose-editor-styles.js"]
    # The editor offers only the links the sanitiser keeps (members.rich_text.URL_SCHEMES).
    assert config["extensions"]["Link"]["protocols"] == ["http", "https", "mailto"]


def test_styles_stay_strict():
    assert settings.SECURE_CSP["style-src"] == ["'self'"]
