"""Fields that the open data API's serializers of every app share."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


@extend_schema_field(OpenApiTypes.URI)
class PageUrlField(serializers.Field):
    """The object's page on the portal (get_absolute_url()), read-only: an absolute URL when the
    serializer has the request, else the path."""

    def __init__(self, **kwargs):
        super().__init__(source="get_absolute_url", read_only=True, **kwargs)

    def to_representation(self, path):
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


@extend_schema_field(OpenApiTypes.STR)
class CountryCodeField(serializers.Field):
    """A country (django-countries) as its ISO 3166-1 alpha-2 code, "" for none; read-only."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, country):
        return country.code or ""
