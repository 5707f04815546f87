"""The open data API's view of the register: public documents and public decisions only, and
the recorded votes of those decisions (also the rows of the votes' CSV downloads)."""

from django.conf import settings
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from members.api_fields import CountryCodeField, PageUrlField

from .models import Decision, Document, Vote


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


class _MemberVoteSerializer(serializers.ModelSerializer):
    member = serializers.CharField(
        source="organisation.slug", read_only=True, help_text="The member state's slug."
    )
    member_name = serializers.CharField(source="organisation.name", read_only=True)
    country = CountryCodeField(
        source="organisation.country", help_text='ISO 3166-1 alpha-2 code ("" for none).'
    )
    vote = serializers.ChoiceField(source="choice", choices=Vote.Choice.choices, read_only=True)

    class Meta:
        model = Vote
        fields = ["member", "member_name", "country", "vote"]
        read_only_fields = fields


class RecordedVoteSerializer(_MemberVoteSerializer):
    """One member state's recorded vote on one decision: a row of the open data."""

    decision = serializers.CharField(
        source="decision.symbol", read_only=True, help_text="The decision's symbol."
    )
    session = serializers.IntegerField(source="decision.session.number", read_only=True)
    adopted_on = serializers.DateField(source="decision.adopted_on", read_only=True)
    decision_url = serializers.SerializerMethodField()

    class Meta(_MemberVoteSerializer.Meta):
        fields = ["decision", "session", "adopted_on", *_MemberVoteSerializer.Meta.fields]
        fields.append("decision_url")
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.URI)
    def get_decision_url(self, vote) -> str:
        """The decision's page (absolute; a download has no request: the public site's)."""
        path = vote.decision.get_absolute_url()
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else settings.OEC_SITE_URL + path


class DecisionSerializer(_LinkedSerializer):
    recorded_votes = _MemberVoteSerializer(
        source="votes",
        many=True,
        read_only=True,
        help_text="Each member state's recorded vote, for a decision adopted by vote.",
    )

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
            "recorded_votes",
            "url",
        ]
        read_only_fields = fields
