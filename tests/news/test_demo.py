import pytest
from PIL import Image

from members import demo as members_demo
from news import demo
from news.models import Article, Category, Tag

# The demo's pictures are drawn into a temporary media folder.
pytestmark = pytest.mark.usefixtures("media_root")


def seed():
    organisations, users = members_demo.seed()
    demo.seed(organisations=organisations, users=users)


def test_demo_news_seeds_the_bodys_four_items_two_recent_ones_and_member_news(db):
    seed()
    assert Article.objects.published().filter(organisation__slug="oec").count() == 4 + 2
    assert set(
        Article.objects.exclude(organisation__slug="oec").values_list(
            "organisation__slug", flat=True
        )
    ) == {"occe", "djibouti", "ecuador"}
    sg = Article.objects.get(slug="first-secretary-general-takes-office")
    assert sg.title_fr == "Manssour Bin Mussallam devient le premier Secrétaire général de l'OCE"
    jet = Article.objects.get(slug="jet-d-eau-lit-in-oec-colours")
    assert (jet.publish_at.year, jet.publish_at.month, jet.publish_at.day) == (2021, 12, 6)


def test_demo_news_is_in_english_and_french(db):
    seed()
    assert all(article.title_en and article.title_fr for article in Article.objects.all())


def test_seeding_twice_gives_the_same_rows(db):
    seed()
    before = (
        list(Article.objects.order_by("slug").values_list("slug", "status", "title_en")),
        Category.objects.count(),
        Tag.objects.count(),
    )
    seed()
    after = (
        list(Article.objects.order_by("slug").values_list("slug", "status", "title_en")),
        Category.objects.count(),
        Tag.objects.count(),
    )
    assert after == before
    assert len(before[0]) == 9


def test_seeding_again_adds_no_version_to_the_history(db):
    seed()
    versions = Article.history.count()
    seed()
    assert Article.history.count() == versions == 9


def test_most_demo_articles_get_a_picture_described_in_four_languages(db):
    seed()

    pictured = Article.objects.exclude(image="")
    assert pictured.count() == 7
    for article in pictured:
        assert all(getattr(article, f"image_alt_{code}") for code in ("en", "fr", "es", "ar"))
        assert (article.image_width, article.image_height) == (1200, 800)
        sizes = {}
        for field in ("image", "image_large", "image_medium", "image_small"):
            with Image.open(getattr(article, field).path) as image:
                sizes[field] = (image.format, image.size)
        assert sizes == {
            "image": ("JPEG", (1200, 800)),
            "image_large": ("JPEG", (1200, 800)),
            "image_medium": ("JPEG", (800, 533)),
            "image_small": ("JPEG", (400, 267)),
        }
    # The others show their category's illustration, one of each kind.
    assert sorted(Article.objects.filter(image="").values_list("slug", "category__slug")) == [
        ("djibouti-hosts-teacher-exchange", "member-news"),
        ("secretariat-consults-members-on-the-next-programme", "secretariat"),
    ]


def test_demo_pictures_are_distinct_and_drawn_again_the_same(db):
    seed()
    article = Article.objects.get(slug="jet-d-eau-lit-in-oec-colours")
    first = Image.open(article.image_small.path).tobytes()
    smalls = [Image.open(a.image_small.path).tobytes() for a in Article.objects.exclude(image="")]
    assert len(set(smalls)) == 7

    Article.objects.filter(pk=article.pk).update(image="")  # as if the file had been lost
    seed()

    article.refresh_from_db()
    assert Image.open(article.image_small.path).tobytes() == first


def test_seeding_again_keeps_the_pictures(db):
    seed()
    before = sorted(Article.objects.values_list("image", "image_large", "image_small"))
    seed()
    assert sorted(Article.objects.values_list("image", "image_large", "image_small")) == before


def test_demo_member_news_is_in_the_organisations_news_as_accepted(db):
    seed()
    member_news = Article.objects.published().exclude(organisation__slug="oec")
    assert member_news.count() >= 3
    assert set(member_news.values_list("acceptance", flat=True)) == {"accepted"}
    assert set(Article.objects.portal_news()) == set(Article.objects.published())
