"""members.images: only real JPEG/PNG/WebP images, at most 5 MB, re-encoded without metadata."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from members.images import clean_image
from tests.members.conftest import image_bytes


def test_clean_image_strips_exif_and_renames(jpeg_with_gps):
    assert Image.open(io.BytesIO(jpeg_with_gps.read())).getexif()
    jpeg_with_gps.seek(0)
    cleaned = clean_image(jpeg_with_gps)
    reopened = Image.open(io.BytesIO(cleaned.read()))
    assert reopened.format == "JPEG"
    assert reopened.size == (40, 30)
    assert dict(reopened.getexif()) == {}
    assert cleaned.name.endswith(".jpg")
    assert "holiday" not in cleaned.name


@pytest.mark.parametrize(("image_format", "extension"), [("PNG", "png"), ("WEBP", "webp")])
def test_clean_image_keeps_png_and_webp(image_format, extension):
    upload = SimpleUploadedFile(f"x.{extension}", image_bytes(image_format))
    cleaned = clean_image(upload)
    assert Image.open(io.BytesIO(cleaned.read())).format == image_format
    assert cleaned.name.endswith(f".{extension}")


def test_clean_image_refuses_a_gif():
    upload = SimpleUploadedFile("x.gif", image_bytes("GIF"))
    with pytest.raises(ValidationError) as error:
        clean_image(upload)
    assert error.value.messages == ["Upload a JPEG, PNG or WebP image."]


def test_clean_image_refuses_html_named_like_a_picture():
    upload = SimpleUploadedFile("x.jpg", b"<html><script>alert(1)</script></html>")
    with pytest.raises(ValidationError) as error:
        clean_image(upload)
    assert error.value.code == "image_invalid"


def test_clean_image_refuses_a_truncated_jpeg():
    upload = SimpleUploadedFile("x.jpg", image_bytes("JPEG", size=(400, 300))[:200])
    with pytest.raises(ValidationError) as error:
        clean_image(upload)
    assert error.value.code == "image_invalid"


def test_clean_image_refuses_more_than_five_megabytes():
    upload = SimpleUploadedFile("x.png", image_bytes("PNG"))
    upload.size = 5 * 1024 * 1024 + 1
    with pytest.raises(ValidationError) as error:
        clean_image(upload)
    assert error.value.messages == ["The image is larger than 5 MB."]
