"""The partner database's filters, shared by the public pages, their exports and the API."""

import django_filters
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from members.models import Organisation
from members.search import search

from .models import PUBLIC_STATUSES, FieldOfCompetence, FunctionalArea, Partnership


def name_search_fields(language):
    fields = [f"organisation__name_{language}", "organisation__name_en", "organisation__short_name"]
    return list(dict.fromkeys(fields))


class PartnerFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Name"), method="filter_name", max_length=200)
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=[(status.value, status.label) for status in PUBLIC_STATUSES]
    )
    country = django_filters.ChoiceFilter(
        label=_("Headquarters country"), field_name="headquarters_country", choices=countries
    )
    region = django_filters.ChoiceFilter(
        label=_("Region"), field_name="organisation__region", choices=Organisation.Region.choices
    )
    field = django_filters.ModelChoiceFilter(
        label=_("Field of competence"),
        field_name="fields_of_competence",
        to_field_name="code",
        queryset=FieldOfCompetence.objects.all(),
    )
    area = django_filters.ModelChoiceFilter(
        label=_("Functional area"),
        field_name="functional_areas",
        to_field_name="code",
        queryset=FunctionalArea.objects.all(),
    )
    year = django_filters.NumberFilter(
        label=_("Year of admission"), field_name="admitted_on", lookup_expr="year", min_value=1900
    )

    class Meta:
        model = Partnership
        fields = ["q", "status", "country", "region", "field", "area", "year"]

    def filter_name(self, queryset, name, value):
        language = (get_language() or "en").split("-")[0]
        return search(queryset, value, fields=name_search_fields(language), language=language)
