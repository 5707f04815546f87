"""Logos for some demo organisations, drawn with Pillow when `seed_demo` runs (nothing is
downloaded, and the same logo comes out every time). The others keep their designed cover
(members/emblems.py), so the demo shows both.

A logo is stored the way an upload is: checked and re-encoded by members.images and saved by
the microsite service, under a server-made name.
"""

import io
import math

from django.core.files.uploadedfile import SimpleUploadedFile

from .images import clean_image
from .services import microsite_details_update

# Drawn twice as large, then reduced: smooth edges without an anti-aliasing library.
SIDE, SCALE = 256, 2
BIG = SIDE * SCALE


def _rings(draw):
    """Three interlaced rings: pupils cooperating (the school-cooperation association)."""
    colours = ["#1d4ed8", "#dc2626", "#f59e0b"]
    centre, radius, width = BIG / 2, BIG * 0.2, BIG // 22
    for index, colour in enumerate(colours):
        angle = math.radians(90 + index * 120)
        x = centre + math.cos(angle) * radius * 0.62
        y = centre + 0.05 * BIG - math.sin(angle) * radius * 0.62
        draw.ellipse([x - radius, y - radius, x + radius, y + radius], outline=colour, width=width)


def _book(draw):
    """An open book under a rising sun (the literacy trust)."""
    draw.ellipse([BIG * 0.32, BIG * 0.14, BIG * 0.68, BIG * 0.5], fill="#f0b92d")
    left = [(BIG * 0.12, BIG * 0.4), (BIG * 0.49, BIG * 0.48), (BIG * 0.49, BIG * 0.86)]
    left.append((BIG * 0.12, BIG * 0.78))
    right = [(BIG - x, y) for x, y in left]
    draw.polygon(left, fill="#0b3d6e")
    draw.polygon(right, fill="#11528f")
    for step in range(3):
        y = BIG * (0.53 + step * 0.08)
        for x_from, x_to in ((0.18, 0.43), (0.82, 0.57)):
            line = [(BIG * x_from, y), (BIG * x_to, y + BIG * 0.05)]
            draw.line(line, fill="#e3edf7", width=BIG // 64)


def _network(draw):
    """Five linked nodes, one at the centre (the South-South education network)."""
    centre = (BIG / 2, BIG / 2)
    nodes = [
        (
            BIG / 2 + math.cos(math.radians(a)) * BIG * 0.33,
            BIG / 2 - math.sin(math.radians(a)) * BIG * 0.33,
        )
        for a in (90, 162, 234, 306, 18)
    ]
    ring = nodes + nodes[:1]
    draw.line(ring, fill="#8a6414", width=BIG // 60, joint="curve")
    for node in nodes:
        draw.line([centre, node], fill="#166534", width=BIG // 48)
    for x, y in nodes:
        r = BIG * 0.07
        draw.ellipse([x - r, y - r, x + r, y + r], fill="#166534")
    r = BIG * 0.1
    draw.ellipse([centre[0] - r, centre[1] - r, centre[0] + r, centre[1] + r], fill="#c8961e")


def _school(draw):
    """A schoolhouse with its door open (the open schools foundation)."""
    draw.polygon(
        [(BIG * 0.12, BIG * 0.46), (BIG * 0.5, BIG * 0.14), (BIG * 0.88, BIG * 0.46)],
        fill="#7f1d1d",
    )
    draw.rectangle([BIG * 0.2, BIG * 0.46, BIG * 0.8, BIG * 0.86], fill="#b91c1c")
    draw.rectangle([BIG * 0.42, BIG * 0.6, BIG * 0.58, BIG * 0.86], fill="#fdf3d7")
    draw.polygon(
        [
            (BIG * 0.42, BIG * 0.6),
            (BIG * 0.5, BIG * 0.64),
            (BIG * 0.5, BIG * 0.9),
            (BIG * 0.42, BIG * 0.86),
        ],
        fill="#f0b92d",
    )
    draw.ellipse([BIG * 0.44, BIG * 0.27, BIG * 0.56, BIG * 0.39], fill="#fdf3d7")


# slug -> the mark drawn as its logo
DEMO_LOGOS = {
    "occe": _rings,
    "literacy-trust": _book,
    "south-south-education-network": _network,
    "open-schools-foundation": _school,
}


def demo_logo_png(mark):
    """The PNG bytes of a square logo with `mark` drawn on a transparent ground."""
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (BIG, BIG), (255, 255, 255, 0))
    mark(ImageDraw.Draw(image))
    # A few flat colours: a palette of 64 keeps the edges smooth at a fifth of the bytes (a
    # 256 px logo of 20 KB was the heaviest picture of the home page's first view).
    image = image.resize((SIDE, SIDE), Image.Resampling.LANCZOS)
    output = io.BytesIO()
    image.quantize(64, method=Image.Quantize.FASTOCTREE).save(output, format="PNG", optimize=True)
    return output.getvalue()


def seed_logos(organisations):
    """Give the demo organisations of DEMO_LOGOS a logo, unless they already have one."""
    for slug, mark in DEMO_LOGOS.items():
        organisation = organisations[slug]
        if organisation.logo:
            continue
        upload = SimpleUploadedFile(f"{slug}.png", demo_logo_png(mark), "image/png")
        microsite_details_update(organisation=organisation, logo=clean_image(upload))
