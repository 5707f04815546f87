"""The open data API's view of news: published articles, public fields only."""

from rest_framework import serializers

from members.api_fields import PageUrlField

from .models import Article


class ArticleSerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.slug", read_only=True)
    category = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    tags = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    url = PageUrlField()

    class Meta:
        model = Article
        fields = [
            "slug",
            "title",
            "summary",
            "body",
            "organisation",
            "category",
            "tags",
            "publish_at",
            "url",
        ]
        read_only_fields = fields
