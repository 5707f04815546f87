from django import forms
from django.utils.text import capfirst, slugify
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from members.content_languages import language_codes
from members.forms_rendering import PromptsToChoose

from .models import Page

TRANSLATED_FIELDS = ("title", "meta_description", "body")


def _translated(name):
    return [f"{name}_{code}" for code in language_codes()]


class PageForm(PromptsToChoose, forms.ModelForm):
    """A page of the acting organisation, written in one or more of the four languages.

    The organisation and the status never come from the form: the view passes the acting
    organisation, and publishing is a separate, previewed step.
    """

    class Meta:
        model = Page
        fields = [
            *[f"{name}_{code}" for code in language_codes() for name in TRANSLATED_FIELDS],
            "slug",
            "parent",
            "order",
            "show_in_menu",
        ]
        widgets = {
            **{name: forms.Textarea(attrs={"rows": 2}) for name in _translated("meta_description")}
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.instance.organisation = organisation
        for code in language_codes():
            language = get_language_info(code)["name_translated"]
            for name in TRANSLATED_FIELDS:
                field = self.fields[f"{name}_{code}"]
                # modeltranslation's labels read "Title [fr]"; ours name the language.
                base_label = capfirst(Page._meta.get_field(name).verbose_name)
                field.label = f"{base_label} ({language})"
                field.widget.attrs["lang"] = code
                field.widget.attrs["dir"] = "rtl" if get_language_info(code)["bidi"] else "ltr"
        self.fields["title_en"].required = True
        self.fields["slug"].required = False
        self.fields["slug"].help_text = _(
            "The last part of the page's address: lowercase letters, digits and hyphens. "
            "Left empty, it is made from the English title."
        )
        # Another organisation's page can never be chosen as the parent (tenancy).
        parents = Page.objects.for_organisation(organisation).in_order()
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents
        self.fields["parent"].label_from_instance = lambda page: page.title
        # Leaving it empty has a meaning of its own, so it says so rather than "Choose…".
        self.fields["parent"].empty_label = _("None (a top-level page)")

    def language_groups(self):
        """[(code, language name, [bound fields])]: one fieldset per language in the template."""
        return [
            (
                code,
                get_language_info(code)["name_translated"],
                [self[f"{name}_{code}"] for name in TRANSLATED_FIELDS],
            )
            for code in language_codes()
        ]

    def clean_slug(self):
        slug = self.cleaned_data.get("slug") or slugify(self.data.get("title_en", ""))[:80]
        if not slug:
            raise forms.ValidationError(_("Give the page an address."), code="required")
        same = Page.objects.for_organisation(self.organisation).filter(slug=slug)
        if self.instance.pk:
            same = same.exclude(pk=self.instance.pk)
        if same.exists():
            raise forms.ValidationError(
                _("Another page of your organisation has this address; choose another one."),
                code="duplicate_slug",
            )
        return slug

    def page_fields(self):
        """The cleaned values to hand to the services."""
        # An empty translation is stored as "", whatever the form field's empty value is.
        return {
            name: "" if value is None and name != "parent" else value
            for name, value in ((name, self.cleaned_data[name]) for name in self.Meta.fields)
        }
