"""How every form of the portal is drawn: one field template, one error summary.

The project's form renderer (settings.FORM_RENDERER) draws each field group with
`templates/forms/field.html` (label, hint, error message above the field, a file kept from an
earlier attempt) and reads templates the way pages do, so the shared templates live in the
root `templates/`. Pages put `{% include "forms/error_summary.html" %}` at the top of a form:
the GOV.UK Design System's error summary, whose links lead to each invalid field.
"""

import functools
import html

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db.models.fields import BLANK_CHOICE_DASH
from django.forms.boundfield import BoundField
from django.forms.models import ModelChoiceIterator
from django.forms.renderers import TemplatesSetting
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from .templatetags.kept_html import kept_html

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


class QuickSelect(forms.Select):
    """A select whose options are written in Python, for the filters of public lists.

    Django draws each option with a template of its own: for the ~250 countries of the partner
    database's filter that was half of its rebuilt page's time (issue 19). The same markup;
    the choices are flat (no option groups). The options' HTML is kept with the blocks of
    `{% keep_html_of %}` (kept_html), keyed by every value and label it shows (so never
    stale): the countries in a language are escaped once, not on each page.
    """

    def _options(self):
        choices = self.choices
        if not isinstance(choices, ModelChoiceIterator):
            return choices
        # Django reads a model's choices through a server-side cursor on PostgreSQL (three
        # round trips): a plain query of the few rows reads them in one.
        field = choices.field
        empty = [("", field.empty_label)] if field.empty_label is not None else []
        return empty + [choices.choice(row) for row in choices.queryset]

    def render(self, name, value, attrs=None, renderer=None):
        shown = tuple((str(choice), str(label)) for choice, label in self._options())
        options = kept_html(
            ("QuickSelect", shown),
            lambda: "".join(
                f'<option value="{html.escape(choice)}">{html.escape(label)}</option>\n'
                for choice, label in shown
            ),
        )
        for chosen in set(self.format_value(value)):
            unchosen = f'<option value="{html.escape(chosen)}">'
            options = options.replace(unchosen, f"{unchosen[:-1]} selected>")
        attrs = flatatt(self.build_attrs(self.attrs, attrs))
        # Every value and label is escaped above.
        return format_html('<select name="{}"{}>\n{}</select>', name, attrs, mark_safe(options))  # noqa: S308


def with_choose_first(choices):
    """`choices` after an empty "Choose…" option, so that nothing is chosen for the visitor."""
    return [("", CHOOSE_LABEL), *[choice for choice in choices if choice[0] != ""]]


DJANGO_EMPTY_LABEL = BLANK_CHOICE_DASH[0][1]


def _is_single_select(field):
    return isinstance(field, forms.ChoiceField) and not isinstance(
        field.widget, (forms.SelectMultiple, forms.RadioSelect, forms.MultipleHiddenInput)
    )


def _has_django_empty_choice(choices):
    # Django and django-filter put their empty choice first: reading only that one spares
    # translating a long lazy list (every country's name) on each page (issue 19).
    first = next(iter(choices), None)
    return first is not None and first[0] == "" and first[1] == DJANGO_EMPTY_LABEL


class PromptsToChoose:
    """A form mixin: its selects start with "Choose…", never Django's "---------".

    Django offers "---------" as the empty choice of a ModelChoiceField and of a model field
    with choices that may be blank; the portal's forms say what to do instead. A form that
    gives the empty choice a meaning of its own ("All sessions") keeps it. On a new row, a
    required select does not preselect the model's default either: the user chooses (issue
    14). The back office (Django admin) keeps Django's look: the mixin is for public and
    member forms.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        defaults = self._model_defaults_of_a_new_row(kwargs.get("initial") or {})
        for name, field in self.fields.items():
            if not _is_single_select(field):
                continue
            if isinstance(field, forms.ModelChoiceField):
                if field.empty_label == DJANGO_EMPTY_LABEL or name in defaults:
                    field.empty_label = CHOOSE_LABEL
            elif name in defaults or _has_django_empty_choice(field.choices):
                # Lazy choices (country names in the visitor's language) stay lazy.
                field.choices = functools.partial(with_choose_first, field.choices)
            if name in defaults:
                self.initial.pop(name, None)
                field.initial = None

    def _model_defaults_of_a_new_row(self, given_initial):
        """Names of required selects whose only initial value is the model field's default."""
        instance = getattr(self, "instance", None)
        if instance is None or not instance._state.adding:
            return set()
        names = set()
        for name, field in self.fields.items():
            if not field.required or not _is_single_select(field) or name in given_initial:
                continue
            try:
                model_field = instance._meta.get_field(name)
            except FieldDoesNotExist:  # a form field of its own, not the model's
                continue
            default = model_field.get_default() if model_field.has_default() else None
            if default is not None and self.initial.get(name, field.initial) == default:
                names.add(name)
        return names
