"""A member's article keeps its valid image when the form comes back for another error, and the
kept image is checked again on the next submission, as a fresh upload is (members.kept_uploads)."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from members import kept_uploads
from news.models import Article
from tests.news.conftest import jpeg_with_exif
from tests.news.test_dashboard import form_data

pytestmark = pytest.mark.usefixtures("private_media")


@pytest.fixture
def scanned(monkeypatch):
    """The names of the images the antivirus hook was asked to check."""
    names = []
    monkeypatch.setattr("members.images.scan_upload", lambda uploaded: names.append(uploaded.name))
    return names


def _first_attempt(client):
    upload = SimpleUploadedFile("holiday.jpg", jpeg_with_exif(), content_type="image/jpeg")
    return client.post(
        reverse("news:dashboard_create"),
        form_data(title_en="", image=upload, image_alt_en="Pupils planting beans"),
    )


def test_article_image_is_kept_when_the_form_comes_back_and_saved_at_the_end(
    client, focal_a, media_root, scanned
):
    client.force_login(focal_a)
    first = _first_attempt(client)
    page = first.content.decode()
    assert first.status_code == 200
    assert first.context["form"].errors["title_en"] == ["This field is required."]
    assert "holiday.jpg is kept; choose another file to replace it." in page
    token = re.search(r'name="image__kept" value="([^"]+)"', page).group(1)

    response = client.post(
        reverse("news:dashboard_create"),
        form_data(image__kept=token, image_alt_en="Pupils planting beans"),
    )

    assert response.status_code == 302
    article = Article.objects.get()
    # Checked again like a fresh upload: scanned a second time, re-encoded without its EXIF.
    assert scanned == ["holiday.jpg", "holiday.jpg"]
    with Image.open(article.image.path) as image:
        assert (image.format, image.size, dict(image.getexif())) == ("JPEG", (1600, 900), {})
    assert article.image_small
    # The private copy is gone once the article has its image.
    assert kept_uploads.storage.listdir("")[1] == []


def test_kept_article_image_is_refused_if_the_second_check_fails(
    client, focal_a, media_root, monkeypatch, scanned
):
    client.force_login(focal_a)
    token = re.search(
        r'name="image__kept" value="([^"]+)"', _first_attempt(client).content.decode()
    ).group(1)

    def refuse(uploaded):
        from django.core.exceptions import ValidationError

        raise ValidationError("Refused by the antivirus.")

    monkeypatch.setattr("members.images.scan_upload", refuse)
    response = client.post(
        reverse("news:dashboard_create"),
        form_data(image__kept=token, image_alt_en="Pupils planting beans"),
    )

    assert response.status_code == 200
    assert response.context["form"].errors["image"] == ["Refused by the antivirus."]
    assert "is kept" not in response.content.decode()
    assert Article.objects.count() == 0


def test_kept_article_image_of_another_session_is_ignored(client, focal_a, media_root, scanned):
    client.force_login(focal_a)
    token = re.search(
        r'name="image__kept" value="([^"]+)"', _first_attempt(client).content.decode()
    ).group(1)
    client.logout()
    client.force_login(focal_a)  # a new session

    client.post(
        reverse("news:dashboard_create"),
        form_data(image__kept=token, image_alt_en="Pupils planting beans"),
    )

    assert Article.objects.get().image.name == ""
