from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class SubscribeForm(forms.Form):
    """The public subscription form, with a honeypot field that people never see."""

    HONEYPOT = "website"

    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    language = forms.ChoiceField(label=_("Language of the bulletin"), choices=settings.LANGUAGES)
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    @property
    def is_spam(self):
        """True when the honeypot was filled in: only a robot sees that field."""
        return bool(self.data.get(self.HONEYPOT, "").strip())


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Language of the bulletin"), choices=settings.LANGUAGES)
