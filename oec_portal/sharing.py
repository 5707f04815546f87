"""What a page says about itself to whoever shares or indexes it (issue 16).

OpenGraph and Twitter cards for every page (`share_card`, drawn by templates/partials/
share_meta.html from the `share_meta` tag in templates/base.html) and the absolute addresses
both of them and the schema.org descriptions (oec_portal.structured_data) need. A link shared
on a social network or read by a crawler is only useful whole: every address here is absolute.
"""

from django.conf import settings
from django.templatetags.static import static
from django.utils.translation import get_language
from django.utils.translation import gettext as _

# OpenGraph wants a territory; these are the usual ones for the portal's languages.
OPENGRAPH_LOCALES = {"en": "en_GB", "fr": "fr_FR", "es": "es_ES", "ar": "ar_AR"}

# The portal's own card (tools/make_share_image.py draws it), for pages without a picture.
DEFAULT_IMAGE = "img/share-card.png"
DEFAULT_IMAGE_SIZE = (1200, 630)


def absolute_url(request, url):
    """`url` (a path, or already absolute) as an address that works outside the portal."""
    return request.build_absolute_uri(url)


def page_url(request, url=None):
    """The page's own address: `url` when the view knows its canonical one, else the path
    without its query (the same page cached for `?utm=...` must not share that)."""
    return absolute_url(request, url or request.path)


def image_url(request, image):
    """An image field's file or a static path, as an absolute address; None without one."""
    if not image:
        return None
    return absolute_url(request, getattr(image, "url", image))


def default_image_url(request):
    return absolute_url(request, static(DEFAULT_IMAGE))


def share_card(request, content_languages=None, **page):
    """The OpenGraph and Twitter card of a page: its title, description, address, type and
    picture (the portal's card when the page has none), in the page's language, with the other
    languages it is written in (`content_languages`, as the view gives it; None: all of them)."""
    language = get_language()
    image = image_url(request, page.get("image"))
    width, height = (None, None) if image else DEFAULT_IMAGE_SIZE
    site_name = _("Organisation of Educational Cooperation")
    return {
        "site_name": site_name,
        "title": page.get("title") or site_name,
        "description": page.get("description")
        or _(
            "The Organisation of Educational Cooperation: intergovernmental cooperation for "
            "balanced and inclusive education."
        ),
        "url": page_url(request, page.get("url")),
        "type": page.get("type") or "website",
        "image": image or default_image_url(request),
        "image_alt": (page.get("image_alt") if image else "") or site_name,
        "image_width": width,
        "image_height": height,
        "locale": OPENGRAPH_LOCALES.get(language, language),
        "locale_alternates": [
            OPENGRAPH_LOCALES.get(code, code)
            for code, _name in settings.LANGUAGES
            if code != language and (content_languages is None or code in content_languages)
        ],
    }
