"""Checks on uploaded images (logos, team photos, news pictures): by content, never by name
(SECURITY.md D1, D4). The one image rule of the portal: members and news use it.

Only JPEG, PNG and WebP up to 5 MB are accepted. Pillow must be able to decode the whole
picture, whose pixel count is capped (a decompression bomb is refused before it unpacks).
`clean_image` also re-encodes the image: EXIF and other metadata (GPS position, camera serial)
are dropped, and the stored name is server-generated; news makes its own JPEG renditions, so it
only checks. When an antivirus is configured, the upload is scanned before it is decoded
(antivirus.py, SECURITY.md D5).
"""

import io
import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _

from .antivirus import scan_upload

MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
# Pillow format name -> (extension, save options)
ALLOWED_FORMATS = {
    "JPEG": ("jpg", {"quality": 88, "optimize": True}),
    "PNG": ("png", {"optimize": True}),
    "WEBP": ("webp", {"quality": 88}),
}
# The file input's `accept`: the browser offers only these.
ACCEPTED_TYPES = "image/jpeg,image/png,image/webp"
ALLOWED_MESSAGE = _("Upload a JPEG, PNG or WebP image.")


def _damaged():
    return ValidationError(_("The file is damaged or is not a real image."), code="image_invalid")


def _undecodable_errors():
    # Imported here, where images are handled: Pillow costs every web worker ~2 MB otherwise.
    from PIL import Image, UnidentifiedImageError

    return (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError)


def check_image(uploaded) -> str:
    """The Pillow format ("JPEG", "PNG", "WEBP") of an uploaded image; ValidationError if not."""
    from PIL import Image

    if uploaded.size > MAX_IMAGE_BYTES:
        raise ValidationError(
            _("The image is larger than %(limit)d MB.") % {"limit": MAX_IMAGE_BYTES // 2**20},
            code="image_size",
        )
    scan_upload(uploaded)
    uploaded.seek(0)
    try:
        with Image.open(uploaded) as probe:
            image_format = probe.format
            width, height = probe.size
            if image_format not in ALLOWED_FORMATS:
                raise ValidationError(ALLOWED_MESSAGE, code="image_type")
            if width * height > MAX_IMAGE_PIXELS:
                raise ValidationError(
                    _("The image has too many pixels; make it smaller."), code="image_pixels"
                )
            probe.verify()
    except ValidationError:
        raise
    except _undecodable_errors():
        raise _damaged() from None
    finally:
        uploaded.seek(0)
    return image_format


def clean_image(uploaded) -> ContentFile:
    """A re-encoded copy of an uploaded image under a new name; ValidationError if refused."""
    image_format = check_image(uploaded)
    from PIL import Image, ImageOps

    try:
        with Image.open(uploaded) as image:
            image.load()
            # Apply the camera's rotation before the EXIF that records it is dropped.
            upright = ImageOps.exif_transpose(image)
            if image_format == "JPEG" and upright.mode not in ("RGB", "L"):
                upright = upright.convert("RGB")
            extension, options = ALLOWED_FORMATS[image_format]
            output = io.BytesIO()
            # No exif/icc arguments: the new file carries no metadata.
            upright.save(output, format=image_format, **options)
    except _undecodable_errors():
        raise _damaged() from None
    finally:
        uploaded.seek(0)
    return ContentFile(output.getvalue(), name=f"{uuid.uuid4().hex}.{extension}")
