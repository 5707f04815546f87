from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from members.forms_rendering import HoneypotField, PromptsToChoose, with_choose_first
from members.kept_uploads import KeepsValidUploads
from members.models import Organisation
from members.regions import country_choices
from members.uploads import ALLOWED_MESSAGE, detect_document_kind

from .models import CooperationActivity, FieldOfCompetence, FunctionalArea, Partnership, Status

LANGUAGE_NAMES = dict(settings.LANGUAGES)


def _check_document(uploaded):
    if uploaded:
        detect_document_kind(uploaded)
    return uploaded


def _country_choices():
    return with_choose_first(country_choices())


def _language_choices():
    return with_choose_first(settings.LANGUAGES)


def _scope_choices():
    return with_choose_first(Partnership.GeographicScope.choices)


class DateInput(forms.DateInput):
    input_type = "date"


class ApplicationForm(KeepsValidUploads, forms.Form):
    """The public application for official partnership.

    Nothing is chosen for the applicant (every list starts with "Choose…"), and the region is
    not asked: it follows the headquarters country (Organisation.Region.for_country).
    """

    name = forms.CharField(label=_("Name of the organisation"), max_length=200)
    # Lazy: the country names are those of the visitor's language, not of start-up.
    country = forms.ChoiceField(
        label=_("Headquarters country"),
        choices=_country_choices,
        help_text=_("The region of the organisation follows from it."),
        error_messages={"required": _("Choose the country of the headquarters.")},
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    geographic_scope = forms.ChoiceField(
        label=_("Geographic scope"),
        choices=_scope_choices,
        error_messages={"required": _("Choose the geographic scope of the organisation.")},
    )
    description = forms.CharField(
        label=_("Description of the organisation"), widget=forms.Textarea, max_length=5000
    )
    fields_of_competence = forms.ModelMultipleChoiceField(
        label=_("Fields of competence"),
        queryset=FieldOfCompetence.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    functional_areas = forms.ModelMultipleChoiceField(
        label=_("Functional areas"),
        queryset=FunctionalArea.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=200)
    contact_email = forms.EmailField(label=_("Contact e-mail address"))
    language = forms.ChoiceField(
        label=_("Preferred language"),
        choices=_language_choices,
        error_messages={"required": _("Choose the language in which we should write to you.")},
    )
    statutes = forms.FileField(label=_("Statutes"), help_text=ALLOWED_MESSAGE)
    activity_report = forms.FileField(label=_("Latest activity report"), help_text=ALLOWED_MESSAGE)
    # A field people never see: bots fill it in.
    nickname = HoneypotField()

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if Organisation.objects.filter(name__iexact=name).exists():
            raise ValidationError(
                _("An organisation of this name is already registered; contact the secretariat.")
            )
        return name

    def clean_statutes(self):
        return _check_document(self.cleaned_data["statutes"])

    def clean_activity_report(self):
        return _check_document(self.cleaned_data["activity_report"])

    @property
    def is_spam(self):
        return bool(self.cleaned_data.get("nickname"))


def _language_label(label, code):
    return _("%(field)s (%(language)s)") % {"field": label, "language": LANGUAGE_NAMES[code]}


class ProfileForm(PromptsToChoose, forms.ModelForm):
    """A partner's public profile: a description in each language, website, fields, areas."""

    class Meta:
        model = Partnership
        fields = [
            *[f"description_{code}" for code, _name in settings.LANGUAGES],
            "website",
            "geographic_scope",
            "fields_of_competence",
            "functional_areas",
        ]
        widgets = {
            "fields_of_competence": forms.CheckboxSelectMultiple,
            "functional_areas": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, _name in settings.LANGUAGES:
            field = self.fields[f"description_{code}"]
            field.label = _language_label(_("Description"), code)
            field.widget = forms.Textarea(attrs={"rows": 6, "lang": code})
            field.max_length = 5000


class ActivityForm(KeepsValidUploads, PromptsToChoose, forms.ModelForm):
    """A cooperation activity or publication, as a partner contact reports it."""

    upload = forms.FileField(label=_("File"), required=False, help_text=ALLOWED_MESSAGE)

    class Meta:
        model = CooperationActivity
        fields = [
            "kind",
            "thematic_field",
            "functional_area",
            "starts_on",
            "ends_on",
            *[f"title_{code}" for code, _name in settings.LANGUAGES],
            *[f"description_{code}" for code, _name in settings.LANGUAGES],
            "programme",
        ]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, _name in settings.LANGUAGES:
            self.fields[f"title_{code}"].label = _language_label(_("Title"), code)
            self.fields[f"title_{code}"].widget.attrs["lang"] = code
            description = self.fields[f"description_{code}"]
            description.label = _language_label(_("Description"), code)
            description.widget = forms.Textarea(attrs={"rows": 4, "lang": code})
        # English is the fallback language of every translated field.
        self.fields["title_en"].required = True

    def clean_upload(self):
        return _check_document(self.cleaned_data.get("upload"))

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The end date cannot be before the start date."))
        return cleaned


class DecisionForm(forms.Form):
    """A decision on a partnership's status, as the back office records it."""

    to_status = forms.ChoiceField(label=_("New status"), choices=Status.choices)
    decided_on = forms.DateField(label=_("Date of the decision"), widget=DateInput())
    deciding_body = forms.CharField(
        label=_("Deciding body"), max_length=200, initial=_("Executive Board")
    )
    decision_reference = forms.CharField(
        label=_("Decision reference"), max_length=100, required=False
    )
    note = forms.CharField(label=_("Note"), widget=forms.Textarea, required=False)


class ContactInvitationForm(forms.Form):
    """The address a partnerships officer invites to sign in for an admitted partner NGO."""

    email = forms.EmailField(label=_("E-mail address"))
