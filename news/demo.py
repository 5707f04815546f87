"""Demo data of the news app for `manage.py seed_demo` (DESIGN.md's demo data contract).

The body's news items and its members', whose texts are in news/demo.toml; the three latest are
dated relative to the day the demo is seeded, so the news stays recent. Idempotent: rows are found
again by their slugs. Most articles get a picture drawn by news/demo_images.py, stored as an
upload is; the others show their category's illustration.
"""

import datetime

from django.core.files.base import ContentFile
from django.utils.text import slugify

from members.demo_seeding import (
    GENEVA,
    demo_content,
    month_from_now,
    translated_fields,
    update_or_create_if_changed,
)

from .models import Article, Category, Tag
from .pictures import RENDITION_WIDTHS
from .services import article_image_renditions

CONTENT = demo_content(__file__)


def recent(*, months_ago, day, hour):
    """A publication time `months_ago` months before today's month, on `day` at `hour` (Geneva);
    always in the past, and the same all month long."""
    month = month_from_now(-months_ago)
    return datetime.datetime(month.year, month.month, day, hour, tzinfo=GENEVA)


def _published_at(article):
    if "published_recently" in article:
        return recent(**article["published_recently"])
    return article["published_at"].replace(tzinfo=GENEVA)


def _give_picture(article, motif):
    """Draw the article's picture and store it with its renditions, as an upload is, unless it
    already has one (seeding again draws nothing)."""
    if article.image and article.image.storage.exists(article.image.name):
        return
    from .demo_images import demo_picture  # Pillow, only when a picture is drawn

    article.image = ContentFile(demo_picture(motif, seed=article.slug), name=f"{motif}.jpg")
    article_image_renditions(article=article)
    # Part of the demo's first version, not a change of its own: no second version in the
    # history (the seeding test counts them); the save's signals still refresh the caches.
    article.skip_history_when_saving = True
    article.save(update_fields=["image", *RENDITION_WIDTHS, "image_width", "image_height"])
    del article.skip_history_when_saving


def seed(*, organisations, users):
    """Create or update this app's demo rows idempotently; `organisations` are by slug."""
    categories = {}
    for category in CONTENT["category"]:
        slug = category["slug"]
        categories[slug], _created = Category.objects.update_or_create(
            slug=slug,
            defaults={
                "name": category["name"]["en"],
                **translated_fields("name", category["name"]),
                # Where the body speaks for itself; members file their news elsewhere.
                "members_may_use": slug == "member-news",
            },
        )
    for item in CONTENT["article"]:
        defaults = {
            "organisation": organisations[item["organisation"]],
            "author": users.get(item["author"]),
            "category": categories[item["category"]],
            "status": Article.Status.PUBLISHED,
            "publish_at": _published_at(item),
            "featured_on_home": item["featured_on_home"],
            # The members' demo news is in the Organisation's news too, as if accepted when it
            # was published (the body's own needs no acceptance).
            "acceptance": Article.Acceptance.ACCEPTED,
            "acceptance_at": _published_at(item),
            **translated_fields("title", item["title"]),
            **translated_fields("summary", item["summary"]),
            **translated_fields("body", item["body"]),
            **translated_fields("image_alt", item.get("image_alt", {})),
        }
        article, _changed = update_or_create_if_changed(
            Article, slug=item["slug"], defaults=defaults
        )
        tags = [
            Tag.objects.get_or_create(slug=slugify(name), defaults={"name": name})[0]
            for name in item["tags"]
        ]
        article.tags.set(tags)
        if "picture" in item:
            _give_picture(article, item["picture"])
