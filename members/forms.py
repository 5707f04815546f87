from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import MaxLengthValidator
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .forms_rendering import HoneypotField, PromptsToChoose, QuickSelect, with_choose_first
from .images import ACCEPTED_TYPES, clean_image
from .kept_uploads import KeepsValidUploads
from .models import JoinRequest, Organisation, TeamMember, roles_for_kind
from .permissions import organisations_to_act_for


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(label=_("Role"))

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        # Nothing chosen for the inviter: a role given by mistake is a power given by mistake.
        self.fields["role"].choices = with_choose_first(roles_for_kind(organisation.kind))


class AcceptInvitationForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    password1 = forms.CharField(
        label=_("Password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password2 = forms.CharField(
        label=_("Password (again)"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("The two passwords differ."))
        elif password1:
            from .models import User

            candidate = User(
                email=self.email,
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
            )
            try:
                password_validation.validate_password(password1, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class OrganisationSwitchForm(forms.Form):
    """Only the user's own organisations are valid choices: another tenant's id is refused."""

    organisation = forms.ModelChoiceField(
        label=_("Act for"), queryset=Organisation.objects.none(), empty_label=None
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations_to_act_for(user).order_by(
            "kind", "name"
        )


# --- Member directory ---------------------------------------------------------------------


class DirectoryFilterForm(forms.Form):
    """The directory's filters (GET). Unknown values are errors shown to the visitor."""

    KIND_CHOICES = [("", _("All members"))] + [
        (kind.value, kind.label) for kind in Organisation.MEMBER_KINDS
    ]

    q = forms.CharField(
        label=_("Name"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
        error_messages={"max_length": _("Search for at most %(limit_value)d characters.")},
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=KIND_CHOICES,
        required=False,
        # Its options are kept, not drawn by Django's template per option (issue 19).
        widget=QuickSelect,
        error_messages={"invalid_choice": _("Choose a kind of member from the list.")},
    )
    region = forms.ChoiceField(
        label=_("Region"),
        choices=[("", _("All regions")), *Organisation.Region.choices],
        required=False,
        widget=QuickSelect,
        error_messages={"invalid_choice": _("Choose a region from the list.")},
    )

    def filter(self, organisations):
        """The organisations that match the valid filters (call after is_valid())."""
        data = self.cleaned_data
        if data.get("kind"):
            organisations = organisations.filter(kind=data["kind"])
        if data.get("region"):
            organisations = organisations.filter(region=data["region"])
        query = (data.get("q") or "").strip()
        if query:
            language = get_language() or settings.LANGUAGE_CODE
            fields = {f"name_{language}", "name_en", "short_name"}
            condition = Q()
            for field in sorted(fields):
                condition |= Q(**{f"{field}__icontains": query})
            organisations = organisations.filter(condition)
        return organisations


# --- Team ---------------------------------------------------------------------------------


def _translated_fields(*names):
    return [f"{name}_{code}" for name in names for code, _label in settings.LANGUAGES]


class TeamMemberForm(KeepsValidUploads, forms.ModelForm):
    """A team member with their role and biography in each language (English is required)."""

    class Meta:
        model = TeamMember
        fields = ["name", *_translated_fields("role_title", "biography"), "photo"]
        widgets = {
            f"biography_{code}": forms.Textarea(attrs={"rows": 3})
            for code, _label in settings.LANGUAGES
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        languages = dict(settings.LANGUAGES)
        for code, language in languages.items():
            self.fields[f"role_title_{code}"].label = _("Role (%(language)s)") % {
                "language": language
            }
            self.fields[f"biography_{code}"].label = _("Short biography (%(language)s)") % {
                "language": language
            }
        self.fields["role_title_en"].required = True
        self.fields["photo"].help_text = _("JPEG, PNG or WebP, at most 5 MB.")
        self.fields["photo"].widget.attrs["accept"] = ACCEPTED_TYPES

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if isinstance(photo, UploadedFile):
            return clean_image(photo)
        return photo


# --- Join requests ------------------------------------------------------------------------


class JoinRequestForm(PromptsToChoose, forms.ModelForm):
    """The public "join us / support us" form, with a honeypot field that people never see."""

    HONEYPOT = "website"
    required_css_class = "required"

    website = HoneypotField()

    class Meta:
        model = JoinRequest
        fields = ["name", "email", "country", "affiliation", "support", "message"]
        labels = {
            "name": _("Your name"),
            "email": _("Your e-mail address"),
            "affiliation": _("Your organisation or affiliation (optional)"),
            "support": _("How would you like to support us?"),
            "message": _("Your message"),
        }
        error_messages = {
            "name": {"required": _("Please tell us your name.")},
            "email": {
                "required": _("Please give an e-mail address so that we can answer."),
                "invalid": _("Enter a valid e-mail address, such as name@example.org."),
            },
            "support": {
                "required": _("Choose how you would like to support us."),
                "invalid_choice": _("Choose how you would like to support us from the list."),
            },
            "message": {
                "required": _("Please write a short message."),
                "max_length": _("Keep your message under %(limit_value)d characters."),
            },
        }
        widgets = {
            "message": forms.Textarea(attrs={"rows": 6}),
            "email": forms.EmailInput(attrs={"autocomplete": "email", "dir": "ltr"}),
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].label = _("Your country (optional)")
        self.fields["country"].error_messages["invalid_choice"] = _(
            "Choose a country from the list."
        )
        self.fields["name"].error_messages["max_length"] = _(
            "Keep your name under %(limit_value)d characters."
        )

    @property
    def is_spam(self):
        """True when the honeypot was filled in: only a robot sees that field."""
        return bool(self.data.get(self.HONEYPOT, "").strip())

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if any(ord(character) < 32 for character in name):
            raise forms.ValidationError(
                _("Write your name on one line, without special characters."), code="control"
            )
        if len(name) < 2:
            raise forms.ValidationError(_("Please tell us your name."), code="too_short")
        return name

    def clean_message(self):
        message = self.cleaned_data["message"].strip()
        if len(message) < 10:
            raise forms.ValidationError(
                _("Please write a little more: at least 10 characters."), code="too_short"
            )
        return message


class JoinRequestAnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Your answer"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": _("Write the answer to send."),
            "max_length": _("Keep the answer under %(limit_value)d characters."),
        },
    )

    def clean_answer(self):
        answer = self.cleaned_data["answer"].strip()
        if not answer:
            raise forms.ValidationError(_("Write the answer to send."), code="required")
        return answer


class MicrositeDetailsForm(KeepsValidUploads, forms.ModelForm):
    """What an organisation's editors may change about its overview: summary, website, logo."""

    class Meta:
        model = Organisation
        fields = [*_translated_fields("summary"), "website", "logo"]
        widgets = {
            f"summary_{code}": forms.Textarea(attrs={"rows": 4})
            for code, _label in settings.LANGUAGES
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, language in dict(settings.LANGUAGES).items():
            field = self.fields[f"summary_{code}"]
            field.label = _("Summary (%(language)s)") % {"language": language}
            field.max_length = 1000
            field.validators.append(MaxLengthValidator(1000))
            field.widget.attrs["maxlength"] = 1000
        self.fields["website"].widget.attrs["dir"] = "ltr"
        self.fields["logo"].help_text = _("JPEG, PNG or WebP, at most 5 MB.")
        self.fields["logo"].widget.attrs["accept"] = ACCEPTED_TYPES

    def clean_website(self):
        website = self.cleaned_data.get("website", "")
        if website and not website.lower().startswith(("https://", "http://")):
            raise forms.ValidationError(_("Give a web address starting with https://."))
        return website

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if isinstance(logo, UploadedFile):
            return clean_image(logo)
        return logo
