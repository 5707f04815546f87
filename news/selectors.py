"""What a user may see of the news, for views and the other apps."""

from .models import Article
from .permissions import article_visibility_condition


def articles_visible_to(user):
    """The articles `user` may see (news.permissions): a chainable queryset."""
    return Article.objects.filter(article_visibility_condition(user))


def articles_published_between(start, end):
    """The public articles published in [start, end), newest first, with their organisation
    (the monthly bulletin's news): a chainable queryset."""
    return Article.objects.published_between(start, end)
