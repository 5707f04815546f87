from members import demo as members_demo
from news import demo
from news.models import Article, Category, Tag


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
