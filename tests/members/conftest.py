"""Fixtures of the members app's tests: image uploads, the first sign-in of secretariat users."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
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


def assert_totp_setup_shows_without_a_second_password(response):
    """A secretariat user just signed in (`follow=True`) goes through the dashboard to the TOTP
    set-up page, which shows its form at once instead of asking for the password again."""
    assert [url for url, _status in response.redirect_chain] == [
        reverse("dashboard"),
        reverse("mfa_activate_totp"),
    ]
    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="code"' in page
    assert 'name="password"' not in page
