from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from .models import Organisation, roles_for_kind
from .permissions import is_secretariat_admin


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(label=_("Role"))

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = roles_for_kind(organisation.kind)


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
        # Secretariat administrators may act for any organisation (to invite its first users).
        organisations = Organisation.objects.all()
        if not is_secretariat_admin(user):
            organisations = organisations.filter(memberships__user=user)
        self.fields["organisation"].queryset = organisations.order_by("kind", "name")
