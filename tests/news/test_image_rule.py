"""An article's image follows the portal's one image rule (members.images): JPEG, PNG or WebP,
at most 5 MB. GIF and 8 MB were news's own rule before; the article pages only ever show JPEG
renditions, so a GIF's animation was lost anyway."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from news.models import Article
from tests.news.test_dashboard import form_data


def _gif():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (11, 79, 138)).save(buffer, format="GIF")
    return buffer.getvalue()


def test_article_image_refuses_a_gif(client, focal_a, media_root):
    client.force_login(focal_a)
    upload = SimpleUploadedFile("banner.gif", _gif(), content_type="image/gif")
    response = client.post(
        reverse("news:dashboard_create"), form_data(image=upload, image_alt_en="A banner")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["image"] == ["Upload a JPEG, PNG or WebP image."]
    assert Article.objects.count() == 0


def test_article_image_refuses_more_than_five_megabytes(client, focal_a, media_root):
    client.force_login(focal_a)
    buffer = io.BytesIO()
    Image.new("RGB", (200, 100), (11, 79, 138)).save(buffer, format="PNG")
    # A real PNG padded past the limit: refused for its size, before it is decoded.
    content = buffer.getvalue() + b"\0" * (5 * 1024 * 1024)
    upload = SimpleUploadedFile("poster.png", content, content_type="image/png")
    response = client.post(
        reverse("news:dashboard_create"), form_data(image=upload, image_alt_en="A poster")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["image"] == ["The image is larger than 5 MB."]
    assert Article.objects.count() == 0


def test_article_form_offers_only_the_accepted_image_types(client, focal_a):
    client.force_login(focal_a)
    page = client.get(reverse("news:dashboard_create")).content.decode()
    assert 'accept="image/jpeg,image/png,image/webp"' in page
