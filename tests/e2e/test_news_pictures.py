"""A visitor sees every news card with its picture on top, in one 3:2 frame, on a phone and on a
desktop, left to right and right to left; the room is kept before the picture arrives."""

from datetime import timedelta

from django.utils import timezone

from tests.e2e.conftest import assert_accessible
from tests.factories import ArticleFactory, CategoryFactory

CARD_BOXES = """() => [...document.querySelectorAll('.news-card')].map(card => {
    const picture = card.querySelector('.news-card-image').getBoundingClientRect();
    const title = card.querySelector('.news-card-title').getBoundingClientRect();
    const box = card.getBoundingClientRect();
    return {picture: [picture.width, picture.height], pictureTop: picture.top - box.top,
            titleBelow: title.top >= picture.bottom, cardWidth: box.width};
})"""


def test_news_cards_show_their_picture_on_top_at_every_width(page, live_server, db, screenshot):
    for slug, hours in (("general-assembly", 1), ("member-news", 2), ("secretariat", 3)):
        ArticleFactory(
            category=CategoryFactory(slug=slug), publish_at=timezone.now() - timedelta(hours=hours)
        )

    for width, language in ((390, "en"), (1366, "en"), (390, "ar"), (1366, "ar")):
        page.set_viewport_size({"width": width, "height": 844})
        page.goto(f"{live_server.url}/{language}/news/")
        page.wait_for_load_state("load")

        cards = page.evaluate(CARD_BOXES)
        assert len(cards) == 3
        for card in cards:
            picture_width, picture_height = card["picture"]
            # Edge to edge under the card's top rule, in a 3:2 frame, the title below it.
            assert picture_width >= card["cardWidth"] - 2
            assert abs(picture_width / picture_height - 1.5) < 0.01
            assert card["pictureTop"] <= 4
            assert card["titleBelow"]
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        loaded = page.evaluate(
            "[...document.images].filter(i => i.complete).map(i => i.naturalWidth)"
        )
        assert 0 not in loaded
        screenshot(page, f"{language}-{width}")
    assert_accessible(page)
