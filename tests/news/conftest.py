import io

import pytest
from PIL import Image

from members.models import Role
from tests.factories import ArticleFactory, user_with_role


@pytest.fixture
def conference_officer(host):
    return user_with_role(host, Role.CONFERENCE_SERVICES, email="conference@oec.example")


@pytest.fixture
def draft_of_a(member_a, editor_a):
    return ArticleFactory(
        organisation=member_a,
        author=editor_a,
        status="draft",
        publish_at=None,
        slug="draft-of-a",
        title_en="Draft of A",
    )


@pytest.fixture
def draft_of_b(member_b):
    return ArticleFactory(organisation=member_b, status="draft", publish_at=None, slug="draft-of-b")


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def jpeg_with_exif(width=1600, height=900):
    """A JPEG photo carrying EXIF metadata (camera model and artist)."""
    image = Image.new("RGB", (width, height), (11, 79, 138))
    exif = Image.Exif()
    exif[0x0110] = "Secret Camera 3000"  # Model
    exif[0x013B] = "Someone Private"  # Artist
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif.tobytes())
    return buffer.getvalue()
