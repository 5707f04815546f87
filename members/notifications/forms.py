from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from members.models import User


class NotificationPreferencesForm(forms.ModelForm):
    """How a person hears of their notifications, and the language of the mails they receive."""

    class Meta:
        model = User
        fields = ["notification_mail", "language"]
        widgets = {"notification_mail": forms.RadioSelect}
        labels = {
            "notification_mail": _("How do you want to hear of your notifications?"),
            "language": _("Language of your e-mails"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A choice is required here: the empty "not chosen yet" is the stored default only.
        self.fields["language"].choices = settings.LANGUAGES
        self.fields["language"].required = True
        self.fields["language"].error_messages["required"] = _("Choose a language.")
        self.fields["notification_mail"].error_messages["required"] = _("Choose one.")
        if not self.instance.language:
            self.initial["language"] = settings.LANGUAGE_CODE
