"""The open data API: one read-only router for every app, its schema and its docs page.

Anonymous callers get public data only (each viewset starts from a public queryset) and are
throttled by REST_FRAMEWORK's DEFAULT_THROTTLE_RATES. To publish another app's data, write a
ReadOnlyModelViewSet over its public queryset and `router.register(...)` it below.

The docs page is rendered on the server from the OpenAPI schema: Swagger UI and Redoc load
their scripts from a CDN (drf-spectacular-sidecar, which would self-host them, is not
installed), and our CSP allows scripts from our own origin only.
"""

import django_filters
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.template import engines
from django.urls import path
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.routers import DefaultRouter
from rest_framework.schemas import DefaultSchema
from rest_framework.settings import api_settings

from governance.models import Document, Vote
from governance.selectors import (
    decisions_with_votes_visible_to,
    documents_visible_to,
    recorded_votes_visible_to,
)
from governance.serializers import (
    DecisionSerializer,
    DocumentSerializer,
    RecordedVoteSerializer,
)
from members.api_fields import CountryCodeField, PageUrlField
from members.content_cache import reads_query_parameters
from members.models import Organisation
from news.models import Article
from news.serializers import ArticleSerializer
from partnerships.filters import FIRST_YEAR, LAST_YEAR, PartnerFilter, YearFilter
from partnerships.models import Partnership
from partnerships.serializers import PartnerSerializer


class SchemaWhenAskedFor(DefaultSchema):
    """REST_FRAMEWORK's DEFAULT_SCHEMA_CLASS (drf-spectacular's), imported only when a view's
    schema is asked for. The router inspects every attribute of each viewset class when the
    URLs load, and drf-spectacular's schema code imports django.test with it (unittest, a
    test server): ~2.5 MB that every web worker would carry for the schema page alone."""

    def __get__(self, instance, owner):
        if instance is None:
            return self
        return super().__get__(instance, owner)


# The years a YearFilter takes, in the schema (stated here: the public pages that filter by year
# do not load drf-spectacular).
extend_schema_field({"type": "integer", "minimum": FIRST_YEAR, "maximum": LAST_YEAR})(YearFilter)

# Slug lookups match what Django's <slug:> does (the router's default takes any character but
# "/" and ".", NUL included, which PostgreSQL refuses): anything else is a 404.
SLUG_PATTERN = "[-a-zA-Z0-9_]+"


class PublicReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    """Base of every open data viewset: public rows only, filterable, same for everyone.

    No authentication: every caller is anonymous, sees the same public data and is
    throttled by the "anon" rate; a subclass's queryset must already be public.
    """

    authentication_classes = []
    permission_classes = [AllowAny]
    filter_backends = [DjangoFilterBackend]
    schema = SchemaWhenAskedFor()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        # The query parameters an answer depends on (the anonymous page cache keys answers by
        # these alone, oec_portal.page_cache): the filters, the page and the format.
        filterset_class = getattr(cls, "filterset_class", None)
        cls.page_cache_query = frozenset(
            {
                cls.pagination_class.page_query_param,
                api_settings.URL_FORMAT_OVERRIDE,
                *(filterset_class.base_filters if filterset_class else ()),
            }
        )


# --- Member directory -------------------------------------------------------------------------


class MemberSerializer(serializers.ModelSerializer):
    # Declared so that the schema allows the blank value founding states have.
    associate_type = serializers.ChoiceField(
        choices=Organisation.AssociateType.choices, allow_blank=True, read_only=True
    )
    country = CountryCodeField(help_text='ISO 3166-1 alpha-2 code ("" for none).')
    region = serializers.ChoiceField(
        choices=Organisation.Region.choices, allow_blank=True, read_only=True
    )
    # A web address, or "" where the organisation has none (so not typed as a URI).
    website = serializers.CharField(read_only=True)
    url = PageUrlField()

    class Meta:
        model = Organisation
        fields = [
            "slug",
            "name",
            "short_name",
            "kind",
            "associate_type",
            "country",
            "region",
            "joined_on",
            "website",
            "summary",
            "url",
        ]
        read_only_fields = fields


class MemberFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        choices=[(kind.value, kind.label) for kind in Organisation.MEMBER_KINDS]
    )
    region = django_filters.ChoiceFilter(choices=Organisation.Region.choices)
    year = YearFilter(field_name="joined_on", lookup_expr="year")

    class Meta:
        model = Organisation
        fields = ["kind", "region", "year"]


class MemberViewSet(PublicReadOnlyViewSet):
    """The public member directory: founding states and associate members."""

    serializer_class = MemberSerializer
    filterset_class = MemberFilter
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN
    queryset = Organisation.objects.public().members().order_by("kind", "name", "pk")


# --- Partners ---------------------------------------------------------------------------------


class PartnerViewSet(PublicReadOnlyViewSet):
    """NGOs in official partnership (consultative or associate status)."""

    serializer_class = PartnerSerializer
    filterset_class = PartnerFilter
    lookup_field = "organisation__slug"
    lookup_url_kwarg = "slug"
    lookup_value_regex = SLUG_PATTERN
    queryset = Partnership.objects.public().with_profile().order_by("organisation__name", "pk")


# --- News, documents, decisions --------------------------------------------------------------


class ArticleFilter(django_filters.FilterSet):
    organisation = django_filters.CharFilter(field_name="organisation__slug")
    category = django_filters.CharFilter(field_name="category__slug")
    year = YearFilter(field_name="publish_at", lookup_expr="year")

    class Meta:
        model = Article
        fields = ["organisation", "category", "year"]


class ArticleViewSet(PublicReadOnlyViewSet):
    """Published news of the body and its members, newest first."""

    serializer_class = ArticleSerializer
    filterset_class = ArticleFilter
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN
    queryset = Article.objects.published().with_related().order_by("-publish_at", "pk")


class DocumentFilter(django_filters.FilterSet):
    session = django_filters.NumberFilter(field_name="session__number")
    type = django_filters.ChoiceFilter(choices=Document.Type.choices)

    class Meta:
        model = Document
        fields = ["session", "type"]


class DocumentViewSet(PublicReadOnlyViewSet):
    """Public documents of the register (the same policy as the register, for a visitor)."""

    serializer_class = DocumentSerializer
    filterset_class = DocumentFilter
    queryset = (
        documents_visible_to(AnonymousUser()).with_related().order_by("-publication_date", "symbol")
    )


class DecisionViewSet(PublicReadOnlyViewSet):
    """Public decisions and resolutions."""

    serializer_class = DecisionSerializer
    queryset = decisions_with_votes_visible_to(AnonymousUser()).order_by("-adopted_on", "symbol")


class VoteFilter(django_filters.FilterSet):
    decision = django_filters.CharFilter(
        field_name="decision__symbol", help_text="A decision's symbol, e.g. OEC/GA/1/RES/1."
    )
    session = django_filters.NumberFilter(field_name="decision__session__number")
    member = django_filters.CharFilter(
        field_name="organisation__slug", help_text="A member state's slug."
    )
    vote = django_filters.ChoiceFilter(field_name="choice", choices=Vote.Choice.choices)

    class Meta:
        model = Vote
        fields = ["decision", "session", "member", "vote"]


class VoteViewSet(PublicReadOnlyViewSet):
    """Recorded votes on public decisions: one row per decision and member state."""

    serializer_class = RecordedVoteSerializer
    filterset_class = VoteFilter
    queryset = recorded_votes_visible_to(AnonymousUser())


router = DefaultRouter()
router.register("news", ArticleViewSet, basename="article")
router.register("documents", DocumentViewSet, basename="document")
router.register("decisions", DecisionViewSet, basename="decision")
router.register("votes", VoteViewSet, basename="vote")
router.register("members", MemberViewSet, basename="member")
router.register("partners", PartnerViewSet, basename="partner")


# --- Schema and docs --------------------------------------------------------------------------


CHOICE_KEYS = {"$ref", "allOf", "oneOf"}


def _operations(schema):
    """(path, operation, response component) for each GET of the schema, for the docs page."""
    components = schema.get("components", {}).get("schemas", {})
    for url, methods in sorted(schema.get("paths", {}).items()):
        operation = methods.get("get")
        if not operation:
            continue
        content = operation.get("responses", {}).get("200", {}).get("content", {})
        reference = content.get("application/json", {}).get("schema", {}).get("$ref", "")
        component_name = reference.rsplit("/", 1)[-1]
        component = components.get(component_name, {})
        if "results" in component.get("properties", {}):
            item = component["properties"]["results"].get("items", {}).get("$ref", "")
            component_name = item.rsplit("/", 1)[-1]
            component = components.get(component_name, {})
        fields = [
            {
                "name": name,
                # Choices are references to enum components: call them what they are.
                "type": spec.get("type") or ("choice" if set(spec) & CHOICE_KEYS else "object"),
                "description": spec.get("description", ""),
            }
            for name, spec in component.get("properties", {}).items()
        ]
        parameters = [
            # drf-spectacular appends the enum's values as Markdown; the page lists them itself.
            {**parameter, "description": parameter.get("description", "").split("\n")[0]}
            for parameter in operation.get("parameters", [])
        ]
        yield {
            "path": url,
            "description": operation.get("description", ""),
            "parameters": parameters,
            "fields": fields,
        }


# Kept here, next to the view, so that the API stays one module the lead can extend.
DOCS_TEMPLATE = """{% extends "base.html" %}{% load i18n %}
{% block title %}{% translate "Open data API" %}{% endblock %}
{% block main %}
<h1>{{ info.title }} <small>{{ info.version }}</small></h1>
<p class="lead">{% blocktranslate trimmed %}
  Read-only JSON, paginated (page, 50 rows), free to reuse. Anonymous calls are rate-limited.
{% endblocktranslate %}</p>
<p><a href="{% url 'api:schema' %}?format=json">{% translate "OpenAPI schema (JSON)" %}</a> ·
  <a href="{% url 'api:schema' %}">{% translate "OpenAPI schema (YAML)" %}</a> ·
  <a href="{% url 'api:api-root' %}">{% translate "API root" %}</a></p>
{% for operation in operations %}
<section>
  <h2><code>GET {{ operation.path }}</code></h2>
  {% if operation.description %}<p>{{ operation.description }}</p>{% endif %}
  {% if operation.parameters %}
  <h3>{% translate "Parameters" %}</h3>
  <ul>{% for parameter in operation.parameters %}
    <li><code>{{ parameter.name }}</code> ({{ parameter.in }}, {{ parameter.schema.type }})
      {% if parameter.schema.enum %}: {{ parameter.schema.enum|join:", " }}{% endif %}
      {% if parameter.description %} — {{ parameter.description }}{% endif %}</li>
  {% endfor %}</ul>
  {% endif %}
  {% if operation.fields %}
  <h3>{% translate "Fields" %}</h3>
  <ul>{% for field in operation.fields %}
    <li><code>{{ field.name }}</code> ({{ field.type }})
      {% if field.description %} — {{ field.description }}{% endif %}</li>
  {% endfor %}</ul>
  {% endif %}
</section>
{% endfor %}
{% endblock %}
"""


def api_schema(request, *args, **kwargs):
    """The OpenAPI schema: drf-spectacular's view, imported here (see SchemaWhenAskedFor)."""
    from drf_spectacular.views import SpectacularAPIView

    return SpectacularAPIView.as_view()(request, *args, **kwargs)


@reads_query_parameters()
def api_docs(request):
    """Human-readable docs of the API, rendered from its OpenAPI schema (no script needed)."""
    from drf_spectacular.generators import SchemaGenerator  # see SchemaWhenAskedFor

    schema = SchemaGenerator().get_schema(request=None, public=True)
    template = engines["django"].from_string(DOCS_TEMPLATE)
    context = {"info": schema.get("info", {}), "operations": list(_operations(schema))}
    return HttpResponse(template.render(context, request))


# Included at /api/ by oec_portal.urls (not language-prefixed), namespace "api".
app_name = "api"
urlpatterns = [
    *router.urls,
    path("schema/", api_schema, name="schema"),
    path("docs/", api_docs, name="docs"),
]
