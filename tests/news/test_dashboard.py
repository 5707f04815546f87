"""The editing pages of the dashboard: the acting organisation's articles, and no one else's."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from news.models import Article
from tests.factories import ArticleFactory
from tests.news.conftest import jpeg_with_exif


def form_data(**overrides):
    data = {
        "title_en": "School gardens grow",
        "title_fr": "Les jardins d'école poussent",
        "summary_en": "Pupils plant.",
        "body_en": "<p>Story.</p>",
        "tags_text": "Gardens, Pupils",
    }
    data.update(overrides)
    return data


def test_editor_creates_a_draft_for_their_organisation(client, editor_a, member_a):
    client.force_login(editor_a)
    response = client.post(reverse("news:dashboard_create"), form_data())
    article = Article.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("news:dashboard_edit", kwargs={"pk": article.pk})
    assert (article.organisation, article.author, article.status, article.slug) == (
        member_a,
        editor_a,
        "draft",
        "school-gardens-grow",
    )
    assert article.title_fr == "Les jardins d'école poussent"
    assert sorted(tag.name for tag in article.tags.all()) == ["Gardens", "Pupils"]


def test_article_without_an_english_title_is_refused(client, editor_a):
    client.force_login(editor_a)
    response = client.post(reverse("news:dashboard_create"), form_data(title_en=""))
    assert response.status_code == 200
    assert response.context["form"].errors["title_en"] == ["This field is required."]
    assert Article.objects.count() == 0


@pytest.mark.parametrize("role", ["delegate_a", "partner_contact", "conference_officer"])
def test_users_who_do_not_write_news_cannot_open_the_news_dashboard(
    client, request, role, with_totp
):
    user = request.getfixturevalue(role)
    with_totp(user)
    client.force_login(user)
    assert client.get(reverse("news:dashboard_list")).status_code == 403
    assert client.post(reverse("news:dashboard_create"), form_data()).status_code == 403
    assert Article.objects.count() == 0


def test_visitor_is_sent_to_sign_in(client, db):
    response = client.get(reverse("news:dashboard_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.clock
def test_dashboard_lists_the_acting_organisations_articles_only(
    client, editor_a, draft_of_a, draft_of_b, member_a
):
    published_of_a = ArticleFactory(organisation=member_a, title_en="Published of A")
    client.force_login(editor_a)
    response = client.get(reverse("news:dashboard_list"))
    assert list(response.context["page"].object_list) == [published_of_a, draft_of_a]


def test_dashboard_list_query_count_does_not_grow(
    client, editor_a, member_a, django_assert_max_num_queries
):
    for _ in range(40):
        ArticleFactory(organisation=member_a, author=editor_a, status="draft", publish_at=None)
    client.force_login(editor_a)
    with django_assert_max_num_queries(10) as captured:
        client.get(reverse("news:dashboard_list"))
    count_with_40 = len(captured.captured_queries)
    for _ in range(10):
        ArticleFactory(organisation=member_a, status="in_review")
    with django_assert_max_num_queries(count_with_40):
        client.get(reverse("news:dashboard_list"))


@pytest.mark.parametrize("url_name", ["news:dashboard_edit", "news:dashboard_transition"])
def test_another_organisations_article_is_not_found(client, editor_a, draft_of_b, url_name):
    client.force_login(editor_a)
    url = reverse(url_name, kwargs={"pk": draft_of_b.pk})
    theirs = client.post(url, {"to_status": "in_review", "title_en": "Taken over"})
    missing = client.post(
        reverse(url_name, kwargs={"pk": draft_of_b.pk + 999}),
        {"to_status": "in_review", "title_en": "Taken over"},
    )
    assert (theirs.status_code, theirs.content) == (404, missing.content)
    title_before = draft_of_b.title_en
    draft_of_b.refresh_from_db()
    assert (draft_of_b.status, draft_of_b.title_en) == ("draft", title_before)


def test_another_organisations_published_article_is_not_editable_either(client, editor_a, member_b):
    published_of_b = ArticleFactory(organisation=member_b)
    client.force_login(editor_a)
    url = reverse("news:dashboard_edit", kwargs={"pk": published_of_b.pk})
    assert client.get(url).status_code == 404


@pytest.mark.clock
def test_editor_submits_and_focal_point_schedules(client, editor_a, focal_a, draft_of_a):
    client.force_login(editor_a)
    url = reverse("news:dashboard_transition", kwargs={"pk": draft_of_a.pk})
    client.post(url, {"to_status": "in_review"})
    draft_of_a.refresh_from_db()
    assert draft_of_a.status == "in_review"
    refused = client.post(url, {"to_status": "published"})
    assert refused.status_code == 302
    draft_of_a.refresh_from_db()
    assert draft_of_a.status == "in_review"

    client.force_login(focal_a)
    client.post(url, {"to_status": "published", "publish_at": "2099-01-01T09:00"})
    draft_of_a.refresh_from_db()
    assert (draft_of_a.status, draft_of_a.publish_at.year, draft_of_a.is_public) == (
        "published",
        2099,
        False,
    )


def test_edit_page_offers_only_the_moves_the_user_may_make(client, editor_a, focal_a, member_a):
    article = ArticleFactory(organisation=member_a, status="in_review")
    url = reverse("news:dashboard_edit", kwargs={"pk": article.pk})
    client.force_login(editor_a)
    assert [status for status, _label in client.get(url).context["transitions"]] == ["draft"]
    client.force_login(focal_a)
    assert [status for status, _label in client.get(url).context["transitions"]] == [
        "draft",
        "published",
    ]


def test_editor_cannot_change_a_published_article(client, editor_a, member_a):
    article = ArticleFactory(organisation=member_a, title_en="As published")
    client.force_login(editor_a)
    url = reverse("news:dashboard_edit", kwargs={"pk": article.pk})
    assert client.post(url, form_data(title_en="Changed")).status_code == 403
    article.refresh_from_db()
    assert article.title_en == "As published"


def test_only_the_secretariat_sees_the_featured_checkbox(
    client, focal_a, secretariat_editor, with_totp, host
):
    client.force_login(focal_a)
    assert (
        "featured_on_home"
        not in client.get(reverse("news:dashboard_create")).context["form"].fields
    )
    with_totp(secretariat_editor)
    client.force_login(secretariat_editor)
    response = client.post(reverse("news:dashboard_create"), form_data(featured_on_home="on"))
    assert response.status_code == 302
    article = Article.objects.get()
    assert (article.organisation, article.featured_on_home) == (host, True)


def test_focal_point_cannot_feature_by_posting_the_field(client, focal_a):
    client.force_login(focal_a)
    client.post(reverse("news:dashboard_create"), form_data(featured_on_home="on"))
    assert Article.objects.get().featured_on_home is False


def test_image_upload_makes_three_renditions_without_exif(client, focal_a, media_root):
    client.force_login(focal_a)
    upload = SimpleUploadedFile("holiday.jpg", jpeg_with_exif(), content_type="image/jpeg")
    response = client.post(
        reverse("news:dashboard_create"),
        form_data(image=upload, image_alt_en="Pupils planting beans in a school garden"),
    )
    assert response.status_code == 302
    article = Article.objects.get()
    sizes = {}
    for field in ("image", "image_large", "image_medium", "image_small"):
        with Image.open(getattr(article, field).path) as image:
            sizes[field] = image.size
            assert dict(image.getexif()) == {}
            assert image.format == "JPEG"
    assert sizes == {
        "image": (1600, 900),
        "image_large": (1200, 675),
        "image_medium": (800, 450),
        "image_small": (400, 225),
    }
    assert (article.image_width, article.image_height) == (1600, 900)
    assert "holiday" not in article.image.name
    content = client.get(article.get_absolute_url()).content.decode()
    assert (
        f'<img class="news-figure-image" src="{article.image_medium.url}" '
        f'srcset="{article.image_small.url} 400w, {article.image_medium.url} 800w, '
        f'{article.image_large.url} 1200w" sizes="(min-width: 48rem) 46rem, 100vw" '
        'width="800" height="450" alt="Pupils planting beans in a school garden" '
        'fetchpriority="high">'
    ) in content


def test_image_without_alternative_text_is_refused(client, focal_a, media_root):
    client.force_login(focal_a)
    upload = SimpleUploadedFile("photo.jpg", jpeg_with_exif(), content_type="image/jpeg")
    response = client.post(reverse("news:dashboard_create"), form_data(image=upload))
    assert response.status_code == 200
    assert response.context["form"].errors["image_alt_en"] == [
        "Describe the image for people who cannot see it."
    ]
    assert Article.objects.count() == 0


def test_file_that_is_not_an_image_is_refused(client, focal_a, media_root):
    client.force_login(focal_a)
    upload = SimpleUploadedFile("photo.jpg", b"<html><script>x</script></html>")
    response = client.post(
        reverse("news:dashboard_create"), form_data(image=upload, image_alt_en="A photo")
    )
    assert response.status_code == 200
    assert "image" in response.context["form"].errors
    assert Article.objects.count() == 0


def test_dashboard_links_to_news_for_those_who_write_it(client, editor_a, delegate_a):
    client.force_login(editor_a)
    assert 'href="/en/dashboard/news/"' in client.get(reverse("dashboard")).content.decode()
    client.force_login(delegate_a)
    assert 'href="/en/dashboard/news/"' not in client.get(reverse("dashboard")).content.decode()
