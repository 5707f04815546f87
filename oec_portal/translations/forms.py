"""The forms of translation management: filters, the side-by-side editor, assignment,
export and import."""

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from members.forms_rendering import PromptsToChoose
from members.models import Organisation, Role, User, text_fingerprint
from members.translation_records import COMPLETE, MISSING, OUTDATED, target_languages

from .items import item_type_choices

STATE_LABELS = {
    MISSING: _("Missing"),
    OUTDATED: _("Outdated"),
    COMPLETE: _("Complete"),
}
MAX_IMPORT_BYTES = 5 * 1024 * 1024


def language_choices():
    names = dict(settings.LANGUAGES)
    return [(code, names[code]) for code in target_languages()]


def language_direction(code):
    return "rtl" if get_language_info(code)["bidi"] else "ltr"


class OverviewFilterForm(forms.Form):
    type = forms.ChoiceField(label=_("Kind of item"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)
    state = forms.ChoiceField(label=_("State"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [("", _("All kinds")), *item_type_choices()]
        self.fields["language"].choices = [("", _("All languages")), *language_choices()]
        self.fields["state"].choices = [("", _("All states")), *STATE_LABELS.items()]

    def filters(self):
        """{type_key, language, state}: what was validly chosen ("" for the rest)."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {
            "type_key": cleaned.get("type", ""),
            "language": cleaned.get("language", ""),
            "state": cleaned.get("state", ""),
        }


def sources_fingerprint(item_type, item):
    source = "\x00".join(getattr(item, f"{name}_en") or "" for name in item_type.fields)
    return text_fingerprint(source)


class TranslationForm(forms.Form):
    """One field per translated field whose source has text, in the target language.

    A hidden fingerprint of the source texts refuses a save when the source changed while the
    translator was working (the record would otherwise call a translation of the old source
    up to date).
    """

    source_fingerprint = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, item_type, item, language, **kwargs):
        super().__init__(*args, **kwargs)
        self.item_type, self.item, self.language = item_type, item, language
        self.translated_fields = [
            name for name in item_type.fields if (getattr(item, f"{name}_en") or "").strip()
        ]
        self.fields["source_fingerprint"].initial = sources_fingerprint(item_type, item)
        for name in self.translated_fields:
            model_field = item_type.model._meta.get_field(f"{name}_{language}")
            field = model_field.formfield()
            field.required = False
            field.label = capfirst(item_type.model._meta.get_field(name).verbose_name)
            field.help_text = ""
            field.initial = getattr(item, f"{name}_{language}") or ""
            field.widget.attrs.update({"lang": language, "dir": language_direction(language)})
            self.fields[name] = field

    def clean_source_fingerprint(self):
        value = self.cleaned_data["source_fingerprint"]
        if value != sources_fingerprint(self.item_type, self.item):
            raise forms.ValidationError(
                _(
                    "The English text changed while you were translating. Nothing was saved: "
                    "check the changes shown below, then save again."
                )
            )
        return value

    def values(self):
        return {name: self.cleaned_data[name] or "" for name in self.translated_fields}


class AssignmentForm(PromptsToChoose, forms.Form):
    translator = forms.ModelChoiceField(label=_("Translator"), queryset=User.objects.none())
    due_on = forms.DateField(
        label=_("Due on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Optional."),
    )
    note = forms.CharField(label=_("Note for the translator"), required=False, max_length=500)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["translator"].queryset = (
            User.objects.filter(
                memberships__role=Role.TRANSLATOR,
                memberships__organisation__kind=Organisation.Kind.HOST,
                is_active=True,
            )
            .distinct()
            .order_by("email")
        )
        self.fields["translator"].empty_label = _("Choose…")
        self.fields["translator"].label_from_instance = lambda user: (
            f"{user.get_full_name()} ({user.email})" if user.get_full_name() else user.email
        )

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        if due_on and due_on < timezone.localdate():
            raise forms.ValidationError(_("The due date cannot be in the past."))
        return due_on


class ExportForm(forms.Form):
    FORMATS = [("xliff", _("XLIFF 1.2")), ("po", _("PO (gettext)"))]

    language = forms.ChoiceField(label=_("Language"))
    format = forms.ChoiceField(label=_("Format"), choices=FORMATS, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = language_choices()


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Translated file"), help_text=_("An XLIFF (.xlf, .xliff) or PO (.po) file.")
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not name.endswith((".xlf", ".xliff", ".po")):
            raise forms.ValidationError(_("Choose an XLIFF (.xlf, .xliff) or PO (.po) file."))
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload
