// The rich-text editor replaces each body textarea with an editable area that has no name of
// its own: give it the field's label ("Body (French)") so that screen readers announce it.
function nameEditors() {
  document.querySelectorAll(".prose-editor").forEach((wrapper) => {
    const textarea = wrapper.querySelector("textarea");
    const editable = wrapper.querySelector('[contenteditable="true"]');
    if (!textarea || !editable || editable.hasAttribute("aria-labelledby")) return;
    const label = document.querySelector(`label[for="${textarea.id}"]`);
    if (!label) return;
    if (!label.id) label.id = `${textarea.id}-label`;
    editable.setAttribute("aria-labelledby", label.id);
    editable.setAttribute("aria-multiline", "true");
    if (textarea.lang) editable.setAttribute("lang", textarea.lang);
    if (textarea.dir) editable.setAttribute("dir", textarea.dir);
  });
}

new MutationObserver(nameEditors).observe(document.documentElement, {
  childList: true,
  subtree: true,
});
nameEditors();
