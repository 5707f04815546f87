"""Who may write, review, publish and feature news (part of the one permission policy).

The body's own (host) news belongs to the secretariat's communications officers and
administrators; a member organisation's editors write its news and its focal point publishes
it. The secretariat's communications officers may act on any article (they oversee the portal).
"""

import rules
from django.db.models import Q

from members.models import Organisation, Role
from members.permissions import (
    is_communications_officer,
    is_editor_of,
    is_focal_point_of,
    organisation_ids_with_role,
)

from .models import Article, public_now_condition

DRAFT = Article.Status.DRAFT
IN_REVIEW = Article.Status.IN_REVIEW
PUBLISHED = Article.Status.PUBLISHED
ARCHIVED = Article.Status.ARCHIVED


@rules.predicate
def writes_for_article_organisation(user, article):
    return article is not None and is_editor_of(user, article.organisation_id)


@rules.predicate
def publishes_for_article_organisation(user, article):
    return article is not None and is_focal_point_of(user, article.organisation_id)


@rules.predicate
def is_unpublished(user, article):
    return article is not None and article.status in (DRAFT, IN_REVIEW)


@rules.predicate
def may_write_for(user, organisation):
    """Whether the user may start an article for this organisation (the acting one)."""
    if organisation is None:
        return False
    if organisation.is_host:
        return is_communications_officer(user)
    return is_editor_of(user, organisation) or is_communications_officer(user)


can_write = writes_for_article_organisation | is_communications_officer


# Who may read an article: for one (`news.read_article`) and, below, for many (the query
# condition of news.selectors.articles_visible_to); tests check that both agree.
@rules.predicate
def is_public_now(user, article):
    return (
        article is not None
        and article.is_public
        and article.organisation.status == Organisation.Status.ACTIVE
    )


can_read_article = is_public_now | can_write


def article_visibility_condition(user):
    """The Q() of the articles `user` may read (`can_read_article`): the published ones for all,
    and the unpublished ones of the organisations the user writes for; the secretariat's
    communications officers (and administrators) read every article."""
    if is_communications_officer(user):
        return Q()
    condition = public_now_condition()
    writable = organisation_ids_with_role(user, Role.FOCAL_POINT, Role.EDITOR)
    if writable:
        condition |= Q(organisation_id__in=writable)
    return condition


can_publish = publishes_for_article_organisation | is_communications_officer


@rules.predicate
def reviews_for_organisation(user, organisation):
    """Whose to-do lists `organisation`'s articles in review: its focal points, or for the
    body's own news its communications officers (members/notifications: who is told)."""
    if organisation is None:
        return False
    if organisation.is_host:
        return is_communications_officer(user)
    return is_focal_point_of(user, organisation)


# (from status, to status) -> the permission that allows the move. Nothing else moves.
TRANSITIONS = {
    (DRAFT, IN_REVIEW): "news.submit_article",
    (IN_REVIEW, DRAFT): "news.return_article_to_draft",
    (IN_REVIEW, PUBLISHED): "news.publish_article",
    (DRAFT, PUBLISHED): "news.publish_article",
    (PUBLISHED, DRAFT): "news.unpublish_article",
    (PUBLISHED, ARCHIVED): "news.archive_article",
    (ARCHIVED, DRAFT): "news.reopen_article",
}

rules.add_perm("news.read_article", can_read_article)
rules.add_perm("news.write_for_organisation", may_write_for)
rules.add_perm("news.review_for_organisation", reviews_for_organisation)
rules.add_perm("news.submit_article", can_write)
rules.add_perm("news.return_article_to_draft", can_write)
rules.add_perm("news.publish_article", can_publish)
rules.add_perm("news.unpublish_article", can_publish)
rules.add_perm("news.archive_article", can_publish)
rules.add_perm("news.reopen_article", can_publish)
# Editors change their organisation's articles until they are published; after that, only
# those who publish.
rules.add_perm("news.edit_article", (can_write & is_unpublished) | can_publish)
rules.add_perm("news.feature_article", is_communications_officer)
# A member's published article reaches the Organisation's own news (news list, home page,
# feeds, sitemap, search) once a communications officer accepted it.
rules.add_perm("news.accept_article", is_communications_officer)
rules.add_perm("news.view_history", can_write)

# The Django admin (the secretariat's back office) asks these, with and without an object.
rules.add_perm("news", is_communications_officer)
for _model in ("article", "category", "tag"):
    for _action in ("view", "add", "change", "delete"):
        rules.add_perm(f"news.{_action}_{_model}", is_communications_officer)


def transitions_for(user, article):
    """The statuses this user may move the article to now."""
    return [
        to_status
        for (from_status, to_status), permission in TRANSITIONS.items()
        if from_status == article.status and user.has_perm(permission, article)
    ]
