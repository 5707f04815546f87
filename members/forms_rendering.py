"""How every form of the portal is drawn: one field template, one error summary.

The project's form renderer (settings.FORM_RENDERER) draws each field group with
`templates/forms/field.html` (label, hint, error message above the field, a file kept from an
earlier attempt) and reads templates the way pages do, so the shared templates live in the
root `templates/`. Pages put `{% include "forms/error_summary.html" %}` at the top of a form:
the GOV.UK Design System's error summary, whose links lead to each invalid field.
"""

from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _

CHOOSE_LABEL = _("Choose…")


class PortalBoundField(BoundField):
    """A bound field that knows where its error summary link leads and what file it keeps."""

    @property
    def error_target_id(self):
        """The id the error summary links to: the input itself, or the first of a group."""
        if not self.auto_id:
            return ""
        widget = self.field.widget
        if self.use_fieldset or isinstance(widget, forms.MultiWidget):
            return f"{self.auto_id}_0"
        return self.id_for_label or self.auto_id

    @property
    def kept_upload(self):
        """The file kept for this field from an earlier attempt (members.kept_uploads), or None."""
        return getattr(self.form, "kept_uploads", {}).get(self.name)

    @property
    def is_honeypot(self):
        return isinstance(self.field, HoneypotField)

    def label_tag(self, contents=None, attrs=None, label_suffix=None, tag=None):
        # Labels name the question without Django's trailing ":" (as the GOV.UK patterns and
        # the portal's own templates always did), so a label reads the same everywhere.
        return super().label_tag(contents, attrs, "" if label_suffix is None else label_suffix, tag)

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        if self.kept_upload:
            # The kept file answers the question: choosing another one is optional.
            attrs.pop("required", None)
        return attrs

    @property
    def aria_describedby(self):
        described_by = super().aria_describedby
        if described_by is not None and self.auto_id and self.kept_upload:
            described_by = f"{described_by} {self.auto_id}_kept".strip()
        return described_by


class PortalFormRenderer(TemplatesSetting):
    """Django's renderer reading the project's templates, with the portal's field group."""

    field_template_name = "forms/field.html"
    form_template_name = "forms/div.html"
    bound_field_class = PortalBoundField


class HoneypotField(forms.CharField):
    """A field people never see (the field template hides it): robots fill it in."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Leave this field empty"))
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"})
        )
        super().__init__(**kwargs)


def with_choose_first(choices):
    """`choices` after an empty "Choose…" option, so that nothing is chosen for the visitor."""
    return [("", CHOOSE_LABEL), *[choice for choice in choices if choice[0] != ""]]
