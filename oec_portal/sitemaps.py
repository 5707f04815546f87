"""/sitemap.xml: every public page in each language it is written in, with hreflang alternates.

The addresses take the requested host and scheme (as robots.txt does), not the Sites
framework's stored domain, so one deployment needs no Site row kept in step with its domain.

A page shown in a language it has no text in shows the English text (modeltranslation's
fallback): such an address is a duplicate, so it is neither listed nor given as an alternate,
as the pages' own `<link rel="alternate" hreflang>` do (members.content_languages). The
languages come from the fields already loaded with each section's one query.
"""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.urls import reverse

from members.content_languages import languages_with_text
from members.models import Organisation
from news.models import Article
from pages.models import Page


class PortalSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def __init__(self, request):
        self.request = request

    @property
    def protocol(self):
        return self.request.scheme

    def get_domain(self, site=None):
        return self.request.get_host()


class HomeSitemap(PortalSitemap):
    changefreq = "weekly"
    priority = 1.0

    def items(self):
        return ["home"]

    def location(self, item):
        return reverse(item)


class PageSitemap(PortalSitemap):
    """The body's mission pages and the pages of public member organisations."""

    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return (
            Page.objects.published()
            .filter(organisation__status=Organisation.Status.ACTIVE)
            .filter(organisation__kind__in=[Organisation.Kind.HOST, *Organisation.MEMBER_KINDS])
            .select_related("organisation")
            .order_by("organisation__kind", "organisation__slug", "order", "pk")
        )

    def get_languages_for_item(self, page):
        return page.available_languages()

    def lastmod(self, page):
        return page.updated_at


class MicrositeSitemap(PortalSitemap):
    """Each public member organisation's microsite."""

    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return Organisation.objects.public().members().order_by("slug")

    def get_languages_for_item(self, organisation):
        # The fields the microsite's home page advertises its languages by (members.views).
        return languages_with_text(organisation, "name", "summary")

    def location(self, organisation):
        return reverse("members:microsite", kwargs={"slug": organisation.slug})


class NewsSitemap(PortalSitemap):
    """The Organisation's own news: its articles, and its members' once a communications
    officer accepted them (a member's other articles are found from its microsite)."""

    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return (
            Article.objects.portal_news()
            .only("slug", "updated_at", *_text_fields(("title", "body")))
            .order_by("-publish_at", "pk")
        )

    def get_languages_for_item(self, article):
        # The fields the article's page advertises its languages by (news.views).
        return languages_with_text(article, "title", "body")

    def lastmod(self, article):
        return article.updated_at


def _text_fields(names):
    return [f"{name}_{code}" for name in names for code, _label in settings.LANGUAGES]


SECTIONS = {
    "home": HomeSitemap,
    "pages": PageSitemap,
    "microsites": MicrositeSitemap,
    "news": NewsSitemap,
}


def sitemap(request):
    return sitemap_view(
        request, sitemaps={name: section(request) for name, section in SECTIONS.items()}
    )
