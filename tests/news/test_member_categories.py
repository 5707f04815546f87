"""Members file their news under the categories open to them; "Secretariat" and "General
Assembly" speak for the body and are kept for its own news (form, model and migration)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from news.models import Article, Category
from tests.factories import ArticleFactory, CategoryFactory

REFUSED = "“Secretariat” is kept for the secretariat's own news: choose another category."


@pytest.fixture
def categories(db):
    return {
        "secretariat": CategoryFactory(
            slug="secretariat", name_en="Secretariat", members_may_use=False
        ),
        "assembly": CategoryFactory(
            slug="general-assembly", name_en="General Assembly", members_may_use=False
        ),
        "member": CategoryFactory(slug="member-news", name_en="Member news"),
    }


def data(**overrides):
    return {"title_en": "School gardens grow", "body_en": "<p>Story.</p>", **overrides}


def test_member_editor_is_offered_only_the_member_categories(client, editor_a, categories):
    client.force_login(editor_a)
    form = client.get(reverse("news:dashboard_create")).context["form"]
    assert [category.slug for category in form.fields["category"].queryset] == ["member-news"]


def test_secretariat_is_offered_every_category(
    client, secretariat_editor, with_totp, host, categories
):
    with_totp(secretariat_editor)
    client.force_login(secretariat_editor)
    form = client.get(reverse("news:dashboard_create")).context["form"]
    assert [category.slug for category in form.fields["category"].queryset] == [
        "general-assembly",
        "member-news",
        "secretariat",
    ]


def test_post_with_a_forbidden_category_is_refused_with_a_clear_error(client, editor_a, categories):
    client.force_login(editor_a)
    response = client.post(
        reverse("news:dashboard_create"), data(category=categories["secretariat"].pk)
    )
    assert response.status_code == 200
    assert response.context["form"].errors["category"] == [REFUSED]
    assert Article.objects.count() == 0


def test_post_with_a_member_category_is_saved(client, editor_a, member_a, categories):
    client.force_login(editor_a)
    response = client.post(reverse("news:dashboard_create"), data(category=categories["member"].pk))
    assert response.status_code == 302
    assert Article.objects.get().category == categories["member"]


def test_model_refuses_a_member_article_in_a_secretariat_category(member_a, categories):
    article = ArticleFactory.build(organisation=member_a, category=categories["assembly"])
    with pytest.raises(ValidationError) as refused:
        article.full_clean(exclude=["tags", "slug"])
    assert refused.value.message_dict["category"] == [
        "“General Assembly” is kept for the secretariat's own news: choose another category."
    ]


def test_host_article_may_use_a_secretariat_category(host, categories):
    ArticleFactory.build(organisation=host, category=categories["secretariat"]).full_clean(
        exclude=["tags", "slug"]
    )


def test_demo_closes_the_secretariat_categories(db):
    from django.core.management import call_command

    call_command("seed_demo", verbosity=0)
    assert dict(Category.objects.values_list("slug", "members_may_use")) == {
        "general-assembly": False,
        "secretariat": False,
        "member-news": True,
    }
