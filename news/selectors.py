"""What a user may see of the news, for views and the other apps."""

from django.db.models import Count, Q

from .models import Article
from .permissions import article_visibility_condition


def articles_visible_to(user):
    """The articles `user` may see (news.permissions): a chainable queryset."""
    return Article.objects.filter(article_visibility_condition(user))


def articles_published_between(start, end):
    """The public articles published in [start, end), newest first, with their organisation
    (the monthly bulletin's news): a chainable queryset."""
    return Article.objects.published_between(start, end)


def article_counts(user, organisation):
    """{"drafts", "in_review", "published"}: `organisation`'s articles that `user` may read, by
    status (the dashboard's tile), in one query."""
    status = Article.Status
    return (
        articles_visible_to(user)
        .filter(organisation=organisation)
        .aggregate(
            drafts=Count("pk", filter=Q(status=status.DRAFT)),
            in_review=Count("pk", filter=Q(status=status.IN_REVIEW)),
            published=Count("pk", filter=Q(status=status.PUBLISHED)),
        )
    )


def articles_awaiting_acceptance_count() -> int:
    """Members' published articles waiting for a communications officer to accept them into the
    Organisation's own news (or decline them)."""
    return Article.objects.awaiting_acceptance().count()


def articles_in_review_count(organisation) -> int:
    """`organisation`'s articles submitted for review, waiting for whoever publishes them."""
    return Article.objects.filter(
        organisation=organisation, status=Article.Status.IN_REVIEW
    ).count()
