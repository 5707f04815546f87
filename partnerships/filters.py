"""The partner database's filters, shared by the public pages, their exports and the API."""

import django_filters
from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from members.forms_rendering import PromptsToChoose, QuickSelect
from members.models import Organisation
from members.regions import country_choices
from members.search import search

from .models import PUBLIC_STATUSES, FieldOfCompetence, FunctionalArea, Partnership
from .selectors import terms_of


def name_search_fields(language):
    fields = [f"organisation__name_{language}", "organisation__name_en", "organisation__short_name"]
    return list(dict.fromkeys(fields))


FIRST_YEAR, LAST_YEAR = 1900, 9999


class YearFilter(django_filters.NumberFilter):
    """A year from 1900 to 9999 (past 9999 a date lookup overflows): enforced here, and stated in
    the API's schema by oec_portal/api.py (drf-spectacular, which the public pages that use this
    filter do not load)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", FIRST_YEAR)
        kwargs.setdefault("max_value", LAST_YEAR)
        super().__init__(*args, **kwargs)


class PartnerFilterForm(PromptsToChoose, forms.Form):
    """The filter panel's form: its selects never offer django-filter's "---------"."""


class PartnerFilter(django_filters.FilterSet):
    # Each empty choice says what it means, as the member directory's and the document
    # register's filters do.
    q = django_filters.CharFilter(label=_("Name"), method="filter_name", max_length=200)
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[(status.value, status.label) for status in PUBLIC_STATUSES],
        empty_label=_("All statuses"),
        widget=QuickSelect,
    )
    country = django_filters.ChoiceFilter(
        label=_("Headquarters country"),
        field_name="headquarters_country",
        choices=country_choices,
        empty_label=_("All countries"),
        widget=QuickSelect,
    )
    region = django_filters.ChoiceFilter(
        label=_("Region"),
        field_name="organisation__region",
        choices=Organisation.Region.choices,
        empty_label=_("All regions"),
        widget=QuickSelect,
    )
    field = django_filters.ModelChoiceFilter(
        label=_("Field of competence"),
        field_name="fields_of_competence",
        to_field_name="code",
        queryset=FieldOfCompetence.objects.all(),
        empty_label=_("All fields of competence"),
        widget=QuickSelect,
    )
    area = django_filters.ModelChoiceFilter(
        label=_("Functional area"),
        field_name="functional_areas",
        to_field_name="code",
        queryset=FunctionalArea.objects.all(),
        empty_label=_("All functional areas"),
        widget=QuickSelect,
    )
    year = YearFilter(label=_("Year of admission"), field_name="admitted_on", lookup_expr="year")

    class Meta:
        model = Partnership
        form = PartnerFilterForm
        fields = ["q", "status", "country", "region", "field", "area", "year"]

    def get_form_class(self):
        # django-filter builds the form's class, and a field per filter, for each filter set:
        # these fields are the same on every page (lazy labels and choices, the same
        # querysets), and each form copies them (issue 19), so the class is built once.
        cls = type(self)
        if "_form_class" not in cls.__dict__:
            cls._form_class = super().get_form_class()
        return cls._form_class

    @property
    def form(self):
        if not hasattr(self, "_form"):
            form = super().form
            # The selects offer the terms as kept (selectors.terms_of), not read again for
            # each page; a chosen term is still looked up in the field's queryset.
            for name in ("field", "area"):
                field = form.fields[name]
                terms = terms_of(field.queryset.model)
                field.widget.choices = [("", field.empty_label), *((t.code, str(t)) for t in terms)]
        return self._form

    def filter_name(self, queryset, name, value):
        language = (get_language() or "en").split("-")[0]
        # The organisation's stored vector over these fields (members' migration 0011).
        return search(
            queryset,
            value,
            fields=name_search_fields(language),
            language=language,
            stored_vector=f"organisation__name_search_{language}",
        )
