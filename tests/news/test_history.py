"""Every change is kept: who changed what, and an earlier version can be restored."""

import pytest
from django.urls import reverse
from django.utils import translation

from news.models import Article
from news.services import article_restore, article_save, article_transition
from tests.factories import ArticleFactory


def edit_title(article, title, by):
    article.title_en = title
    article_save(article=article, by=by)


def test_each_save_keeps_a_version_with_its_author(editor_a, focal_a, draft_of_a):
    edit_title(draft_of_a, "Second title", editor_a)
    article_transition(article=draft_of_a, to_status="published", by=focal_a)
    versions = [
        (record.title_en, record.status, record.history_user)
        for record in draft_of_a.history.order_by("history_date", "history_id")
    ]
    assert versions == [
        ("Draft of A", "draft", None),
        ("Second title", "draft", editor_a),
        ("Second title", "published", focal_a),
    ]


def test_restoring_brings_back_the_earlier_texts_as_a_new_version(editor_a, draft_of_a):
    draft_of_a.title_fr = "Brouillon de A"
    article_save(article=draft_of_a, by=editor_a)
    first = draft_of_a.history.earliest("history_date")
    edit_title(draft_of_a, "A worse title", editor_a)

    article_restore(article=draft_of_a, history_id=first.history_id, by=editor_a)

    draft_of_a.refresh_from_db()
    assert draft_of_a.title_en == "Draft of A"
    assert draft_of_a.history.count() == 4
    latest = draft_of_a.history.latest("history_date")
    assert (latest.title_en, latest.history_user) == ("Draft of A", editor_a)
    assert latest.history_change_reason.startswith("Restored the version of ")


def test_restoring_a_version_of_another_article_is_refused(editor_a, member_a, draft_of_a):
    other = ArticleFactory(organisation=member_a, status="draft")
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        article_restore(
            article=draft_of_a, history_id=other.history.first().history_id, by=editor_a
        )


def test_dashboard_shows_history_and_restores(client, editor_a, draft_of_a):
    edit_title(draft_of_a, "Changed title", editor_a)
    client.force_login(editor_a)
    url = reverse("news:dashboard_edit", kwargs={"pk": draft_of_a.pk})
    history = client.get(url).context["history"]
    assert [record.title_en for record in history] == ["Changed title", "Draft of A"]
    response = client.post(
        reverse("news:dashboard_restore", kwargs={"pk": draft_of_a.pk}),
        {"history_id": history[1].history_id},
    )
    assert response.status_code == 302
    draft_of_a.refresh_from_db()
    assert draft_of_a.title_en == "Draft of A"


def test_secretariat_sees_history_and_reverts_in_the_admin(
    client, secretariat_admin, with_totp, member_a
):
    article = ArticleFactory(organisation=member_a, title_en="Original")
    edit_title(article, "Edited", secretariat_admin)
    with_totp(secretariat_admin)
    client.force_login(secretariat_admin)

    history_page = client.get(reverse("admin:news_article_history", args=[article.pk]))
    assert history_page.status_code == 200
    assert [record.title_en for record in history_page.context["page_obj"].object_list] == [
        "Edited",
        "Original",
    ]

    first = article.history.earliest("history_date")
    revert_url = reverse("admin:news_article_simple_history", args=[article.pk, first.history_id])
    form_page = client.get(revert_url)
    assert form_page.status_code == 200
    form = form_page.context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    published = data.pop("publish_at")
    data.update(
        {
            "tags": [],
            "author": "",
            "category": "",
            "publish_at_0": published.strftime("%Y-%m-%d"),
            "publish_at_1": published.strftime("%H:%M:%S"),
        }
    )
    response = client.post(revert_url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()
    assert article.title_en == "Original"


def test_admin_change_page_has_language_tabs_and_history(
    client, secretariat_editor, with_totp, member_a
):
    article = ArticleFactory(organisation=member_a)
    with_totp(secretariat_editor)
    client.force_login(secretariat_editor)
    response = client.get(reverse("admin:news_article_change", args=[article.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert 'name="title_fr"' in content
    assert reverse("admin:news_article_history", args=[article.pk]) in content


def test_articles_are_kept_in_history_with_every_language(member_a):
    article = ArticleFactory(organisation=member_a, title_fr="En français")
    assert article.history.get().title_fr == "En français"
    assert Article.history.model._meta.get_field("body_ar")


def test_admin_lists_and_adds_articles_for_the_communications_officer(
    client, secretariat_editor, with_totp, member_a, django_assert_max_num_queries
):
    for _ in range(40):
        ArticleFactory(organisation=member_a)
    with_totp(secretariat_editor)
    client.force_login(secretariat_editor)
    with django_assert_max_num_queries(20):
        changelist = client.get(reverse("admin:news_article_changelist"))
    assert changelist.status_code == 200
    assert changelist.context["cl"].result_count == 40
    assert client.get(reverse("admin:news_article_add")).status_code == 200


def test_admin_is_closed_to_a_member_focal_point(client, focal_a):
    client.force_login(focal_a)
    response = client.get(reverse("admin:news_article_changelist"))
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("language", "note"),
    [
        ("en", "Restored the version of 6 December 2026, 17:37"),
        ("fr", "Version du 6 décembre 2026 à 17:37 restaurée"),
        ("es", "Se ha restablecido la versión del 6 de diciembre de 2026, 17:37"),
        ("ar", "استُعيدت نسخة 6 ديسمبر 2026، 17:37"),
    ],
)
def test_restore_note_writes_its_date_in_the_language_of_the_note(
    editor_a, member_a, travel_to, language, note
):
    # Geneva time, the portal's clock (UTC+1 in December): the note does not say 16:37.
    travel_to("2026-12-06T17:37", tick=False)
    article = ArticleFactory(organisation=member_a, status="draft", title_en="First")
    first = article.history.get()
    travel_to("2026-12-07T10:00", tick=False)
    edit_title(article, "Second", editor_a)
    with translation.override(language):
        article_restore(article=article, history_id=first.history_id, by=editor_a)
    assert article.history.latest("history_id").history_change_reason == note
