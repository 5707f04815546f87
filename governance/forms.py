from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from members.forms_rendering import PromptsToChoose
from members.kept_uploads import KeepsValidUploads
from members.private_file_admin import PrivateFileInput

from .models import (
    AssemblySession,
    Delegation,
    DelegationMember,
    Document,
    DocumentFile,
    Language,
    TextStatus,
)
from .services import prepare_upload


class DocumentFilterForm(forms.Form):
    """The register's search and filters; every field is optional, every value is checked."""

    q = forms.CharField(
        label=_("Symbol, title or words in the text"), max_length=100, required=False
    )
    session = forms.ModelChoiceField(
        label=_("Session"),
        queryset=AssemblySession.objects.select_related("organ"),
        required=False,
        empty_label=_("All sessions"),
        to_field_name="number",
    )
    type = forms.ChoiceField(
        label=_("Type"), choices=[("", _("All types")), *Document.Type.choices], required=False
    )
    language = forms.ChoiceField(
        label=_("Language"),
        choices=[("", _("All languages")), *Language.choices],
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = AssemblySession.objects.general_assembly().select_related(
            "organ"
        )

    def filter(self, documents, *, language):
        """Apply the valid filters to `documents` (already visible to the viewer)."""
        data = self.cleaned_data
        if data.get("q"):
            documents = documents.search(
                data["q"], language, file_language=data.get("language") or None
            )
        if data.get("session"):
            documents = documents.filter(session=data["session"])
        if data.get("type"):
            documents = documents.filter(type=data["type"])
        if data.get("language"):
            documents = documents.in_language(data["language"])
        return documents

    def searched_words(self):
        """(the words searched, the language of the files searched in or None)."""
        data = self.cleaned_data
        return (data.get("q") or "").strip(), data.get("language") or None


class DocumentFileAdminForm(forms.ModelForm):
    """The back office's upload: checked by content, stored under a server-made name."""

    class Meta:
        model = DocumentFile
        fields = ["language", "file"]
        # Its "Currently" links the audited download view: the stored file has no URL.
        widgets = {"file": PrivateFileInput}

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if isinstance(uploaded, UploadedFile):  # a new upload, not the stored file
            kind, original = prepare_upload(uploaded)
            self.instance.original_filename = original
            self.instance.size = uploaded.size
            self.instance.content_type = kind.content_type
        return uploaded

    def clean(self):
        cleaned = super().clean()
        if {"file", "language"} & set(self.changed_data):
            # Its text is read again once it is saved (DocumentAdmin.save_formset).
            self.instance.text_status = TextStatus.PENDING
        return cleaned


def _organisation_users(organisation):
    return (
        get_user_model()
        .objects.filter(memberships__organisation=organisation)
        .order_by("last_name", "email")
    )


class PersonFields(PromptsToChoose, forms.Form):
    """A person: one of the organisation's users, or a named guest with an e-mail address."""

    user = forms.ModelChoiceField(
        label=_("User of your organisation"),
        queryset=get_user_model().objects.none(),
        required=False,
        help_text=_("Or leave it empty and name a guest below."),
    )
    guest_name = forms.CharField(label=_("Guest's name"), max_length=200, required=False)
    guest_email = forms.EmailField(label=_("Guest's e-mail address"), required=False)
    # As the list of participants prints them.
    title = forms.CharField(
        label=pgettext_lazy("person", "Title"),
        max_length=60,
        required=False,
        help_text=_("For example: H.E. Ms, Mr, Dr, Prof."),
    )
    name_latin = forms.CharField(
        label=_("Name in the Latin script"),
        max_length=200,
        required=False,
        help_text=_("Where the name is written in another script."),
    )
    position = forms.CharField(
        label=_("Post"),
        max_length=200,
        required=False,
        help_text=_("For example: Minister of Education."),
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        # Another tenant's user id is not a valid choice.
        self.fields["user"].queryset = _organisation_users(organisation)

    def clean(self):
        cleaned = super().clean()
        user, name, email = (
            cleaned.get("user"),
            cleaned.get("guest_name"),
            cleaned.get("guest_email"),
        )
        if self.errors:
            return cleaned
        if user and (name or email):
            raise ValidationError(_("Choose a user or name a guest, not both."))
        if not user and bool(name) != bool(email):
            raise ValidationError(_("A guest needs both a name and an e-mail address."))
        return cleaned

    def person(self):
        """{"user": ...} or {"guest_name": ..., "guest_email": ...} with what the list of
        participants prints (title, post, Latin name, function); None for an empty row."""
        data = self.cleaned_data
        if data.get("user"):
            identity = {"user": data["user"]}
        elif data.get("guest_name"):
            identity = {"guest_name": data["guest_name"], "guest_email": data["guest_email"]}
        else:
            return None
        listed = {field: data.get(field, "") for field in ("title", "name_latin", "position")}
        if data.get("function"):
            listed["function"] = data["function"]
        return identity | listed


class DelegationHeadForm(KeepsValidUploads, PersonFields):
    credentials_letter = forms.FileField(
        label=_("Credentials letter (PDF)"),
        required=False,
        help_text=_("Signed by the competent authority. Leave empty to keep the current one."),
    )

    def clean(self):
        cleaned = super().clean()
        if not self.errors and self.person() is None:
            raise ValidationError(_("Name the head of delegation."))
        return cleaned

    def clean_credentials_letter(self):
        uploaded = self.cleaned_data.get("credentials_letter")
        if uploaded:
            from members.uploads import PDF, detect_document_kind

            if detect_document_kind(uploaded) != PDF:
                raise ValidationError(_("The credentials letter must be a PDF file."))
        return uploaded


class BaseMemberFormSet(forms.BaseFormSet):
    def people(self):
        return [person for form in self.forms if (person := form.person())]


class MemberFields(PersonFields):
    """A delegation member other than the head, with their function on the delegation."""

    function = forms.ChoiceField(
        label=_("Function in the delegation"),
        choices=DelegationMember.Function.choices,
        initial=DelegationMember.Function.MEMBER,
        required=False,
    )


DelegationMemberFormSet = forms.formset_factory(
    MemberFields, formset=BaseMemberFormSet, extra=3, max_num=30, validate_max=True
)


class DelegationReturnForm(forms.ModelForm):
    class Meta:
        model = Delegation
        fields = ["return_reason"]

    def clean_return_reason(self):
        reason = self.cleaned_data["return_reason"].strip()
        if not reason:
            raise ValidationError(_("Say why the delegation is returned."))
        return reason


class DocumentBatchForm(forms.Form):
    """A ZIP of language files for the register (governance/document_batches.py)."""

    archive = forms.FileField(
        label=_("ZIP archive"),
        help_text=_(
            "Name each file by the document's symbol, with “-” for “/”, and its language: "
            "OEC-GA-2-3_fr.pdf, OEC-GA-2-3-Rev.1_en.docx. Each file is checked as a single "
            "upload is; the archive may be as large as one upload."
        ),
    )
    document_type = forms.ChoiceField(
        label=_("Type of new documents"),
        choices=Document.Type.choices,
        initial=Document.Type.WORKING_PAPER,
        help_text=_(
            "A symbol that is not in the register yet makes a new document of the symbol's "
            "session, titled with its symbol and seen by the secretariat only until you "
            "complete its record (title, agenda item, access)."
        ),
    )
