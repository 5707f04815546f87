from django import forms
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from members.content_languages import language_codes
from members.forms_rendering import PromptsToChoose
from members.images import ACCEPTED_TYPES, check_image
from members.kept_uploads import KeepsValidUploads

from .models import Article, Category, category_refused_message

TRANSLATED = ("title", "summary", "body", "image_alt")


def check_article_image(image):
    """An article's image field value, checked if it is a new upload (this form, the admin)."""
    if image and hasattr(image, "image"):
        # A new upload (Django's ImageField opened it): the portal's one image rule. Not
        # re-encoded here: article_image_renditions writes the JPEG copies without metadata.
        check_image(image)
    return image


class ArticleForm(KeepsValidUploads, PromptsToChoose, forms.ModelForm):
    """An article's texts in each language (English required), category, tags and image.

    A valid image is kept when the form comes back for another error (members.kept_uploads).
    """

    tags_text = forms.CharField(
        label=_("Tags"),
        required=False,
        max_length=300,
        help_text=_("Separate tags with commas."),
    )

    class Meta:
        model = Article
        fields = [
            *[f"{name}_{code}" for name in TRANSLATED for code in language_codes()],
            "category",
            "image",
            "featured_on_home",
        ]
        widgets = {
            **{f"summary_{code}": forms.Textarea(attrs={"rows": 3}) for code in language_codes()},
        }

    def __init__(self, *args, may_feature=False, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the categories the article's organisation may use are offered, and a POST
        # with another one is refused (a member's news is not the secretariat's).
        organisation = self.instance.organisation if self.instance.organisation_id else None
        self.fields["category"].queryset = Category.objects.usable_by(organisation).order_by("name")
        self.fields["title_en"].required = True
        for code in language_codes():
            language = get_language_info(code)["name_translated"]
            for name in TRANSLATED:
                field = self.fields[f"{name}_{code}"]
                label = Article._meta.get_field(name).verbose_name.capitalize()
                field.label = f"{label} ({language})"
        self.fields["image"].widget = forms.ClearableFileInput(attrs={"accept": ACCEPTED_TYPES})
        if not may_feature:
            del self.fields["featured_on_home"]
        if self.instance.pk:
            self.initial["tags_text"] = ", ".join(tag.name for tag in self.instance.tags.all())

    def language_groups(self):
        """[(language name, [bound fields])] so the template shows one fieldset per language."""
        return [
            (
                get_language_info(code)["name_translated"],
                code,
                [self[f"{name}_{code}"] for name in TRANSLATED],
            )
            for code in language_codes()
        ]

    def clean_image(self):
        return check_article_image(self.cleaned_data.get("image"))

    def clean(self):
        cleaned_data = super().clean()
        refused = self.data.get(self.add_prefix("category"))
        if "category" in self.errors and refused:
            # A category that exists but is not open to this organisation: say why, rather
            # than Django's "not one of the available choices".
            category = Category.objects.filter(pk=refused).first() if refused.isdigit() else None
            if category is not None:
                self.errors["category"] = self.error_class([category_refused_message(category)])
        return cleaned_data

    @property
    def image_changed(self):
        return "image" in self.changed_data


class PublishForm(forms.Form):
    """When to publish: now (empty) or at a later date and time (scheduled)."""

    publish_at = forms.DateTimeField(
        label=_("Publish at"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text=_("Leave empty to publish now."),
    )


class TransitionForm(PublishForm):
    to_status = forms.ChoiceField(choices=Article.Status.choices)


class RestoreForm(forms.Form):
    history_id = forms.IntegerField(min_value=1)
