"""The open data API's view of the register: public documents and public decisions only."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from members.api_fields import PageUrlField

from .models import Decision, Document


class _LinkedSerializer(serializers.ModelSerializer):
    session = serializers.IntegerField(source="session.number", read_only=True)
    url = PageUrlField()


class DocumentSerializer(_LinkedSerializer):
    languages = serializers.SerializerMethodField()

    class Meta:
        model = Document
        fields = ["symbol", "title", "type", "session", "publication_date", "languages", "url"]
        read_only_fields = fields

    @extend_schema_field({"type": "array", "items": {"type": "string"}})
    def get_languages(self, document) -> list[str]:
        """The languages the document's files exist in (files are downloaded from `url`)."""
        return [file.language for file in document.files.all()]


class DecisionSerializer(_LinkedSerializer):
    class Meta:
        model = Decision
        fields = [
            "symbol",
            "title",
            "text",
            "session",
            "adopted_on",
            "adoption_method",
            "votes_yes",
            "votes_no",
            "votes_abstain",
            "url",
        ]
        read_only_fields = fields
