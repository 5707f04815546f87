"""What a user may see of the news, for views and the other apps."""

from .models import Article
from .permissions import article_visibility_condition


def articles_visible_to(user):
    """The articles `user` may see (news.permissions): a chainable queryset."""
    return Article.objects.filter(article_visibility_condition(user))
