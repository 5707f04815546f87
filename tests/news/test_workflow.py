"""The workflow's permission table: every role × every transition, through the service."""

import pytest

from news.models import Article
from news.permissions import TRANSITIONS
from news.services import TransitionNotAllowed, article_transition
from tests.factories import ArticleFactory

ROLES = [
    "delegate_a",
    "editor_a",
    "focal_a",
    "focal_b",
    "partner_contact",
    "conference_officer",
    "secretariat_editor",
    "secretariat_admin",
]
WRITERS_OF_A = {"editor_a", "focal_a", "secretariat_editor", "secretariat_admin"}
PUBLISHERS_OF_A = {"focal_a", "secretariat_editor", "secretariat_admin"}
PUBLISHERS_OF_HOST = {"secretariat_editor", "secretariat_admin"}

# (from, to) -> who may make the move on an article of member A / of the host.
ALLOWED = {
    ("draft", "in_review"): (WRITERS_OF_A, PUBLISHERS_OF_HOST),
    ("in_review", "draft"): (WRITERS_OF_A, PUBLISHERS_OF_HOST),
    ("in_review", "published"): (PUBLISHERS_OF_A, PUBLISHERS_OF_HOST),
    ("draft", "published"): (PUBLISHERS_OF_A, PUBLISHERS_OF_HOST),
    ("published", "draft"): (PUBLISHERS_OF_A, PUBLISHERS_OF_HOST),
    ("published", "archived"): (PUBLISHERS_OF_A, PUBLISHERS_OF_HOST),
    ("archived", "draft"): (PUBLISHERS_OF_A, PUBLISHERS_OF_HOST),
}
STATUSES = [status.value for status in Article.Status]
IMPOSSIBLE = [
    (from_status, to_status)
    for from_status in STATUSES
    for to_status in STATUSES
    if from_status != to_status and (from_status, to_status) not in ALLOWED
]


def test_transition_table_is_the_one_the_policy_encodes():
    assert set(TRANSITIONS) == set(ALLOWED)


@pytest.mark.parametrize("owner", ["member_a", "host"])
@pytest.mark.parametrize("move", sorted(ALLOWED))
@pytest.mark.parametrize("role", ROLES)
def test_transition_is_allowed_exactly_for_its_roles(request, role, move, owner):
    from_status, to_status = move
    user = request.getfixturevalue(role)
    organisation = request.getfixturevalue(owner)
    article = ArticleFactory(organisation=organisation, status=from_status)
    allowed = ALLOWED[move][0 if owner == "member_a" else 1]

    if role in allowed:
        article_transition(article=article, to_status=to_status, by=user)
        article.refresh_from_db()
        assert article.status == to_status
    else:
        with pytest.raises(TransitionNotAllowed):
            article_transition(article=article, to_status=to_status, by=user)
        article.refresh_from_db()
        assert article.status == from_status


@pytest.mark.parametrize("move", IMPOSSIBLE)
def test_transition_outside_the_table_is_refused_even_to_an_administrator(
    secretariat_admin, member_a, move
):
    from_status, to_status = move
    article = ArticleFactory(organisation=member_a, status=from_status)
    with pytest.raises(TransitionNotAllowed):
        article_transition(article=article, to_status=to_status, by=secretariat_admin)
    article.refresh_from_db()
    assert article.status == from_status


def test_anonymous_visitor_cannot_submit(member_a, draft_of_a):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(TransitionNotAllowed):
        article_transition(article=draft_of_a, to_status="in_review", by=AnonymousUser())


def test_publishing_without_a_date_publishes_now(focal_a, draft_of_a):
    article_transition(article=draft_of_a, to_status="published", by=focal_a)
    draft_of_a.refresh_from_db()
    assert draft_of_a.is_public is True
    assert list(Article.objects.published()) == [draft_of_a]


def test_transition_keeps_who_made_it_in_the_history(editor_a, draft_of_a):
    article_transition(article=draft_of_a, to_status="in_review", by=editor_a)
    latest = draft_of_a.history.first()
    assert (latest.history_user, latest.status, latest.history_change_reason) == (
        editor_a,
        "in_review",
        "In review",
    )


@pytest.mark.parametrize(
    ("role", "may_feature"),
    [("secretariat_editor", True), ("secretariat_admin", True), ("focal_a", False)],
)
def test_featuring_on_the_home_page_is_the_secretariats(request, member_a, role, may_feature):
    from django.core.exceptions import PermissionDenied

    from news.services import article_feature

    user = request.getfixturevalue(role)
    article = ArticleFactory(organisation=member_a)
    if may_feature:
        article_feature(article=article, featured=True, by=user)
    else:
        with pytest.raises(PermissionDenied):
            article_feature(article=article, featured=True, by=user)
    article.refresh_from_db()
    assert article.featured_on_home is may_feature
