"""The open data API's view of partners: public facts only (no contact, file or review date)."""

from rest_framework import serializers

from members.api_fields import CountryCodeField, PageUrlField

from .models import PUBLIC_STATUSES, Partnership


class PartnerSerializer(serializers.ModelSerializer):
    slug = serializers.CharField(source="organisation.slug", read_only=True)
    name = serializers.CharField(source="organisation.name", read_only=True)
    status = serializers.ChoiceField(
        choices=[(status.value, status.label) for status in PUBLIC_STATUSES], read_only=True
    )
    country = CountryCodeField(
        source="headquarters_country",
        help_text='ISO 3166-1 alpha-2 code of the headquarters country ("" if unknown).',
    )
    region = serializers.CharField(source="organisation.region", read_only=True)
    fields = serializers.SlugRelatedField(
        source="fields_of_competence", slug_field="code", many=True, read_only=True
    )
    areas = serializers.SlugRelatedField(
        source="functional_areas", slug_field="code", many=True, read_only=True
    )
    # A web address, or "" where the partner has none (so not typed as a URI).
    website = serializers.CharField(read_only=True)
    url = PageUrlField()

    class Meta:
        model = Partnership
        fields = [
            "slug",
            "name",
            "status",
            "admitted_on",
            "country",
            "region",
            "geographic_scope",
            "fields",
            "areas",
            "website",
            "description",
            "url",
        ]
        read_only_fields = fields
