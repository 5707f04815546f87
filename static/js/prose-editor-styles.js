// The rich-text editor under our strict CSP (style-src 'self', no inline styles). tiptap injects
// its base styles as an inline <style> element, which the CSP refuses (and reports); and
// django-prose-editor creates the editor without a way to pass tiptap's `injectCSS: false`.
// This extension (members/rich_text.py adds it to every editor) turns the injection off
// before the editor is mounted and links the same rules from our static files instead.
import { Extension } from "django-prose-editor/editor";

export const LinkedBaseStyles = Extension.create({
  name: "linkedBaseStyles",

  addOptions() {
    return { href: "" };
  },

  onBeforeCreate() {
    // Read when the editor mounts, after this hook: no <style> element is made.
    this.editor.options.injectCSS = false;
    const href = this.options.href;
    if (!href || document.querySelector("link[data-tiptap-base-styles]")) return;
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = href;
    link.dataset.tiptapBaseStyles = "";
    document.head.append(link);
  },
});
