"""Fixtures of the members app's tests: image uploads."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image


def image_bytes(image_format="JPEG", size=(40, 30), exif=None):
    """A small real image, optionally carrying EXIF metadata."""
    output = io.BytesIO()
    image = Image.new("RGB", size, (200, 120, 40))
    options = {"exif": exif} if exif is not None else {}
    image.save(output, format=image_format, **options)
    return output.getvalue()


@pytest.fixture
def jpeg_with_gps():
    """A JPEG whose EXIF records a camera and a GPS position (what must be stripped)."""
    exif = Image.Exif()
    exif[0x010F] = "Camera Maker"  # Make
    exif[0x8825] = {1: "N", 2: (46.0, 12.0, 0.0)}  # GPSInfo
    return SimpleUploadedFile(
        "holiday.jpg", image_bytes("JPEG", exif=exif.tobytes()), content_type="image/jpeg"
    )


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    # Uploaded test pictures land in a temporary folder, never in var/.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _english():
    # A request to /fr/ leaves French active in the thread; reverse() must not inherit it.
    with translation.override("en"):
        yield
