"""RSS 2.0 and Atom feeds of published news, portal-wide and per organisation.

The language is the URL's (`/fr/news/feed/rss/` is in French, English where an article has no
French text). Only published articles whose time has come are listed: the portal-wide feeds
carry the Organisation's own news (its members' articles once a communications officer accepted
them), an organisation's feeds all its published articles (its microsite's news).
"""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext_lazy as _

from members.models import Organisation

from .models import Article

FEED_SIZE = 30


class LatestNewsFeed(Feed):
    feed_type = Rss201rev2Feed
    description = _("News of the Organisation of Educational Cooperation and its members.")

    def title(self, obj):
        if obj is None:
            return _("OEC news")
        return _("News of %(organisation)s") % {"organisation": obj.name}

    def link(self, obj):
        if obj is None:
            return reverse("news:list")
        return reverse("news:organisation", kwargs={"organisation_slug": obj.slug})

    def items(self, obj):
        if obj is None:
            articles = Article.objects.portal_news()
        else:
            articles = Article.objects.published().for_organisation(obj)
        return articles.select_related("organisation", "author").newest_first()[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary or item.get_body_excerpt(60, "…")

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.organisation.name

    def item_categories(self, item):
        return [item.organisation.name]


class LatestNewsAtomFeed(LatestNewsFeed):
    feed_type = Atom1Feed
    subtitle = LatestNewsFeed.description


class OrganisationNewsFeed(LatestNewsFeed):
    def get_object(self, request, organisation_slug):
        return get_object_or_404(Organisation.objects.public(), slug=organisation_slug)


class OrganisationNewsAtomFeed(OrganisationNewsFeed):
    feed_type = Atom1Feed
    subtitle = LatestNewsFeed.description
