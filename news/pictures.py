"""What a page shows of an article's image: its renditions as a responsive `srcset`, or, for an
article without one, the designed illustration of its category (static/img/news/).

Every `<img>` of an article carries its width and height, so the browser keeps the room before
the picture arrives (no layout shift); the sizes are read from the database, never from the files.
"""

from dataclasses import dataclass

from django.templatetags.static import static

# The widths of the JPEG renditions made from each upload (news.services), narrowest first:
# a card on a desktop (400), a card on a phone of density 2 and the article's own figure (800),
# the figure on a wide screen and the picture shared on social networks (1200).
RENDITION_WIDTHS = {"image_small": 400, "image_medium": 800, "image_large": 1200}

# The categories that have their own illustration; any other (or none) takes the general one.
ILLUSTRATED_CATEGORIES = {"general-assembly", "secretariat", "member-news"}
GENERAL_ILLUSTRATION = "news"
# The illustrations' viewBox: the cards' 3:2 frame.
ILLUSTRATION_SIZE = (600, 400)


@dataclass(frozen=True)
class Picture:
    src: str
    width: int
    height: int
    alt: str = ""
    srcset: str = ""
    # The category's illustration: decorative, so its alternative text stays empty.
    is_illustration: bool = False


def rendition_size(original_width, original_height, width):
    """The (width, height) of a rendition at most `width` wide (never enlarged), as Pillow's
    resize in news.services makes it."""
    if original_width <= width:
        return original_width, original_height
    return width, round(original_height * width / original_width)


def renditions(article):
    """[(file, width, height)] of the article's renditions, narrowest first (none before its
    image has been measured)."""
    if not (article.image_width and article.image_height):
        return []
    found = []
    for field, width in RENDITION_WIDTHS.items():
        file = getattr(article, field)
        if file:
            found.append((file, *rendition_size(article.image_width, article.image_height, width)))
    return found


def illustration_url(category):
    slug = getattr(category, "slug", None)
    name = slug if slug in ILLUSTRATED_CATEGORIES else GENERAL_ILLUSTRATION
    return static(f"img/news/{name}.svg")


def article_picture(article):
    """The article's Picture: its renditions (`src`, for browsers without `srcset`, the first at
    least 800 wide), or its category's illustration."""
    available = renditions(article)
    if not available:
        width, height = ILLUSTRATION_SIZE
        return Picture(
            src=illustration_url(article.category), width=width, height=height, is_illustration=True
        )
    file, width, height = next((r for r in available if r[1] >= 800), available[-1])
    # Two renditions of the same width (a small upload is never enlarged) would only repeat.
    by_width = {w: f"{f.url} {w}w" for f, w, _h in available}
    return Picture(
        src=file.url,
        width=width,
        height=height,
        alt=article.image_alt,
        srcset=", ".join(by_width.values()),
    )
