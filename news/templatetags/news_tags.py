"""News for other pages (home page, microsites), which may not import this app (DESIGN.md floors).

    {% load news_tags %}
    {% latest_news 3 %}                    portal-wide: "Featured", then "Latest news" (the
                                           Organisation's own news: members' once accepted)
    {% organisation_news organisation 3 %} one organisation's latest (accepted or not)

Each tag costs one query (images, organisation and category come with the articles);
latest_news none while no article, organisation or category changed.
"""

from django import template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe

from members.content_cache import cached_until_rows_change
from members.models import Organisation
from news.models import Article, Category

register = template.Library()


def _published():
    return Article.objects.published().for_cards()


def _portal_news():
    return Article.objects.portal_news().for_cards()


@register.simple_tag
def latest_news(count=3, heading_level=3):
    """`count` articles: the featured ones first, under their own heading, then the newest.

    Each group is in date order; a visitor reading "Featured" and "Latest news" understands why
    an older article comes first. Without a featured article, the list is simply by date.
    Kept until an article, an organisation or a category changes (a scheduled article coming
    due forgets it too: news.services.articles_come_due_announce), not after every edit.
    """

    def draw():
        articles = list(_portal_news().featured_first()[: int(count)])
        featured = [article for article in articles if article.featured_on_home]
        context = {
            "featured": featured,
            "articles": articles[len(featured) :],
            "heading_level": heading_level,
            # Under a group heading, the articles' titles are one level deeper.
            "article_heading_level": heading_level + 1 if featured else heading_level,
            "more_url": reverse("news:list"),
        }
        return render_to_string("news/tags/latest_news.html", context)

    html = cached_until_rows_change(
        "latest-news", [Article, Organisation, Category], count, heading_level, compute=draw
    )
    return mark_safe(html)  # noqa: S308 (the template's own rendering, escaped by it)


@register.inclusion_tag("news/tags/latest_news.html")
def organisation_news(organisation, count=3, heading_level=3):
    articles = _published().for_organisation(organisation).newest_first()[: int(count)]
    return {
        "articles": list(articles),
        "heading_level": heading_level,
        "article_heading_level": heading_level,
        "more_url": reverse("news:organisation", kwargs={"organisation_slug": organisation.slug}),
    }
