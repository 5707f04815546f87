"""The public partner database as rows for CSV and JSON downloads.

A row is the open data API's public record of a partner (`PartnerSerializer`, the one
definition of what is public: never a contact, an e-mail address, an application file or a
review date), without the description, as a download gives it.
"""

from django.conf import settings
from rest_framework import serializers

from .serializers import PartnerSerializer

# The downloads' columns: the public record's fields but the description (a long text in a
# spreadsheet cell), with the name as the first column.
EXPORT_FIELDS = [
    "name",
    *(name for name in PartnerSerializer.Meta.fields if name not in ("name", "description")),
]


class PartnerExportSerializer(PartnerSerializer):
    """The public record in the downloads' columns and order."""

    # A download has no request to build the address from: the public site's own.
    url = serializers.SerializerMethodField()

    class Meta(PartnerSerializer.Meta):
        fields = EXPORT_FIELDS
        read_only_fields = fields

    def get_url(self, partnership) -> str:
        return settings.OEC_SITE_URL + partnership.get_absolute_url()

    def to_representation(self, partnership):
        row = super().to_representation(partnership)
        # An empty cell, not null, where the admission date is unknown (as the CSV has it).
        row["admitted_on"] = row["admitted_on"] or ""
        return row


def export_rows(partnerships):
    """One dict per partnership (keys: EXPORT_FIELDS); expects `with_profile()` rows."""
    return PartnerExportSerializer(partnerships, many=True).data
