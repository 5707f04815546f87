"""Every article is illustrated: by its own image, offered to the browser as renditions to choose
from (srcset/sizes, width and height set, lazy below the fold), or by its category's designed
illustration, which is decorative (empty alt)."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from news.pictures import GENERAL_ILLUSTRATION, ILLUSTRATED_CATEGORIES
from news.services import article_image_renditions
from tests.factories import ArticleFactory, CategoryFactory
from tests.news.conftest import jpeg_with_exif

CARD_SIZES = "(min-width: 69rem) 24rem, (min-width: 45rem) 50vw, 100vw"
FIGURE_SIZES = "(min-width: 48rem) 46rem, 100vw"


def images(html, css_class):
    return re.findall(rf'<img class="{css_class}"[^>]*>', html)


def with_image(article, *, width=1600, height=900, alt="Pupils planting beans"):
    """The article with an uploaded image, through the upload's own path (renditions)."""
    article.image = SimpleUploadedFile("photo.jpg", jpeg_with_exif(width, height))
    article.image_alt_en = alt
    article_image_renditions(article=article)
    article.save()
    return article


def test_article_without_image_shows_its_categorys_illustration_with_empty_alt(client, db):
    ArticleFactory(
        slug="assembly-news", category=CategoryFactory(slug="general-assembly"), image_alt_en="x"
    )

    html = client.get(reverse("news:list")).content.decode()

    assert images(html, "news-card-image") == [
        '<img class="news-card-image" src="/static/img/news/general-assembly.svg" width="600" '
        'height="400" alt="" fetchpriority="high">'
    ]


@pytest.mark.parametrize(
    ("category_slug", "illustration"),
    [
        ("secretariat", "secretariat"),
        ("member-news", "member-news"),
        ("training", "news"),  # a category of the secretariat's own making: the general one
        (None, "news"),
    ],
)
def test_each_category_has_its_illustration_and_others_the_general_one(
    client, db, category_slug, illustration
):
    category = CategoryFactory(slug=category_slug) if category_slug else None
    article = ArticleFactory(category=category)

    html = client.get(article.get_absolute_url()).content.decode()

    assert images(html, "news-figure-image") == [
        f'<img class="news-figure-image" src="/static/img/news/{illustration}.svg" width="600" '
        'height="400" alt="" fetchpriority="high">'
    ]


def test_every_illustration_is_a_3_by_2_svg_among_the_static_files():
    for name in [*ILLUSTRATED_CATEGORIES, GENERAL_ILLUSTRATION]:
        svg = (Path(settings.BASE_DIR) / "static" / "img" / "news" / f"{name}.svg").read_text()
        assert 'viewBox="0 0 600 400"' in svg
        assert "<text" not in svg  # drawn, not written: the same in every language


def test_card_offers_the_three_renditions_with_their_sizes(client, db, media_root):
    article = with_image(ArticleFactory(slug="with-image"))

    html = client.get(reverse("news:list")).content.decode()

    assert images(html, "news-card-image") == [
        f'<img class="news-card-image" src="{article.image_medium.url}" '
        f'srcset="{article.image_small.url} 400w, {article.image_medium.url} 800w, '
        f'{article.image_large.url} 1200w" sizes="{CARD_SIZES}" width="800" height="450" '
        'alt="Pupils planting beans" fetchpriority="high">'
    ]


def test_small_upload_is_never_enlarged_nor_offered_twice(client, db, media_root):
    article = with_image(ArticleFactory(), width=300, height=200)

    html = client.get(article.get_absolute_url()).content.decode()

    (figure,) = images(html, "news-figure-image")
    assert f'srcset="{article.image_large.url} 300w"' in figure
    assert 'width="300" height="200"' in figure


def test_news_list_loads_its_first_picture_at_once_and_the_others_when_scrolled_near(client, db):
    for hours in range(3):
        ArticleFactory(publish_at=timezone.now() - timedelta(hours=hours + 1))

    cards = images(client.get(reverse("news:list")).content.decode(), "news-card-image")

    assert ['fetchpriority="high"' in card for card in cards] == [True, False, False]
    assert ['loading="lazy"' in card for card in cards] == [False, True, True]


def test_home_page_news_is_below_the_fold_so_all_its_pictures_are_lazy(client, db):
    for hours in range(3):
        ArticleFactory(publish_at=timezone.now() - timedelta(hours=hours + 1))

    cards = images(client.get("/en/").content.decode(), "news-card-image")

    assert len(cards) == 3
    assert all('loading="lazy"' in card and "fetchpriority" not in card for card in cards)


def test_share_image_is_the_largest_rendition_and_none_without_an_image(db, media_root):
    article = ArticleFactory()
    assert article.share_image is None

    with_image(article)

    assert article.share_image == article.image_large
    assert article.share_image.name.endswith("-1200.jpg")


def _pictured(count, **fields):
    """Articles whose image and renditions are recorded (the pages never open the files)."""
    for index in range(count):
        ArticleFactory(
            publish_at=timezone.now() - timedelta(hours=index + 1),
            image=f"news/1/{index}.jpg",
            image_large=f"news/1/{index}-1200.jpg",
            image_medium=f"news/1/{index}-800.jpg",
            image_small=f"news/1/{index}-400.jpg",
            image_width=1600,
            image_height=1000,
            image_alt_en="A picture",
            **fields,
        )


def test_pictures_cost_the_news_list_no_query(client, db, django_assert_num_queries):
    _pictured(6)
    ArticleFactory.create_batch(6, category=CategoryFactory(slug="secretariat"))

    # the archive's years, the menu, the page's articles (one more: are there older?); no
    # count of all the articles, no tags (a card shows none)
    with django_assert_num_queries(3):
        html = client.get(reverse("news:list")).content.decode()

    assert len(images(html, "news-card-image")) == 12


def test_pictures_cost_the_home_page_no_query(client, db, django_assert_num_queries):
    _pictured(2, featured_on_home=True)
    ArticleFactory(category=CategoryFactory(slug="member-news"))

    # figures, featured members, menu, latest news, next session
    with django_assert_num_queries(5):
        html = client.get("/en/").content.decode()

    assert len(images(html, "news-card-image")) == 3
