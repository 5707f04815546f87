"""Bulk import and export of organisations: member states, associate members and partner NGOs
(the administrators' back office; members/bulk_imports.py has the common rules).

An organisation is named by its slug. The body itself is not imported, and an import never
changes an organisation's kind; the region follows the country, as in the back office's form.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from .bulk_imports import BulkResource
from .models import Organisation

IMPORTED_KINDS = (
    Organisation.Kind.FOUNDING_STATE,
    Organisation.Kind.ASSOCIATE_MEMBER,
    Organisation.Kind.PARTNER_NGO,
)


class OrganisationResource(BulkResource):
    class Meta(BulkResource.Meta):
        model = Organisation
        name = _("Organisations")
        fields = (
            "slug",
            "kind",
            "name_en",
            "name_fr",
            "name_es",
            "name_ar",
            "short_name",
            "associate_type",
            "country",
            "region",
            "joined_on",
            "status",
            "website",
            "summary_en",
            "summary_fr",
            "summary_es",
            "summary_ar",
        )
        import_id_fields = ("slug",)

    def filter_export(self, queryset, **kwargs):
        return super().filter_export(queryset, **kwargs).exclude(kind=Organisation.Kind.HOST)

    def import_instance(self, instance, row, **kwargs):
        kind_before = instance.kind if instance.pk else None
        super().import_instance(instance, row, **kwargs)
        errors = {}
        if kind_before == Organisation.Kind.HOST or instance.kind not in IMPORTED_KINDS:
            errors["kind"] = _(
                "Only member states, associate members and partner NGOs are imported."
            )
        elif kind_before and instance.kind != kind_before:
            errors["kind"] = _("An import does not change the kind of an organisation.")
        country = str(instance.country or "")
        derived = Organisation.Region.for_country(country)
        if derived and not instance.region:
            instance.region = derived
        elif derived and instance.region != derived:
            errors["region"] = _(
                "%(country)s is in the region “%(region)s”: choose that region or "
                "leave the field empty."
            ) % {"country": countries.name(country), "region": derived.label}
        if errors:
            raise ValidationError(errors)
