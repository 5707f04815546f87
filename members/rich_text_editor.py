"""The rich-text editor (django-prose-editor, on tiptap) as every app configures it.

tiptap injects its base styles as an inline <style> element, which our CSP (style-src 'self')
refuses, leaving the editor unstyled in the admin and in the members' forms. The extension
below (static/js/prose-editor-styles.js, registered in settings.DJANGO_PROSE_EDITOR_EXTENSIONS)
turns the injection off and links the same rules from static/css/prose-editor-base.css.
"""

from js_asset import static_lazy

# Merged into each app's editor extensions: `{**CSP_SAFE_STYLES, "Bold": True, ...}`.
CSP_SAFE_STYLES = {"LinkedBaseStyles": {"href": static_lazy("css/prose-editor-base.css")}}
