"""The demo articles' pictures, drawn by the project with Pillow when `seed_demo` runs.

Nothing is downloaded: each picture is a composition in the portal's palette (static/css/site.css
tokens, navy and gold), drawn the same way on every run (the random details are seeded by the
article's slug). news/demo.toml names each article's motif; news/demo.py stores the result
through the same path as an upload (news.services.article_image_renditions).
"""

import functools
import io
import math
import random

from PIL import Image, ImageChops, ImageDraw

# Drawn at 1.5 times the size handed over (the widest rendition's): scaling down smooths the
# edges that ImageDraw leaves hard.
SIZE = WIDTH, HEIGHT = 1800, 1200
HANDED_OVER = (1200, 800)

NAVY_900 = (6, 40, 74)
NAVY_800 = (11, 61, 110)
NAVY_700 = (17, 82, 143)
NAVY_100 = (227, 237, 247)
NAVY_50 = (242, 246, 251)
GOLD_700 = (138, 100, 20)
GOLD_500 = (200, 150, 30)
GOLD_300 = (240, 185, 45)
GOLD_100 = (253, 243, 215)
SLATE = (138, 151, 168)


def _gradient(start, end, *, diagonal=False):
    """A canvas fading from `start` (top, or top corner) to `end` (bottom)."""
    mask = Image.linear_gradient("L")
    if diagonal:
        mask = ImageChops.add(mask, mask.rotate(90), scale=2)
    # Blended small, then stretched: a gradient has no detail to lose.
    small = Image.composite(
        Image.new("RGB", (256, 256), end), Image.new("RGB", (256, 256), start), mask
    )
    return small.resize(SIZE, Image.Resampling.BILINEAR)


def _glow(canvas, centre, radius, colour, opacity):
    """A soft disc of light: concentric translucent circles."""
    layer = Image.new("RGBA", SIZE, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    x, y = centre
    for step in range(6, 0, -1):
        r = radius * step / 6
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(*colour, int(255 * opacity / 6)))
    return Image.alpha_composite(canvas.convert("RGBA"), layer).convert("RGB")


def voting_board(rng):
    """Every light of the assembly's voting board shows a vote in favour."""
    canvas = _glow(_gradient(NAVY_700, NAVY_900, diagonal=True), (900, 560), 700, NAVY_100, 0.12)
    draw = ImageDraw.Draw(canvas)
    draw.rounded_rectangle(
        (270, 170, 1530, 1030), radius=40, fill=NAVY_900, outline=GOLD_500, width=8
    )
    columns, rows, cell = 12, 7, 92
    left, top = 900 - columns * cell // 2, 600 - rows * cell // 2
    for row in range(rows):
        for column in range(columns):
            x, y = left + column * cell + 12, top + row * cell + 12
            colour = GOLD_300 if rng.random() > 0.12 else GOLD_500
            draw.rounded_rectangle((x, y, x + cell - 24, y + cell - 24), radius=14, fill=colour)
    draw.rectangle((0, 1120, WIDTH, 1140), fill=GOLD_500)
    return canvas


def rising_steps(rng):
    """Eight steps climbing towards a sun: the years of a strategic plan."""
    canvas = _glow(_gradient(NAVY_800, NAVY_900), (1480, 260), 420, GOLD_300, 0.35)
    draw = ImageDraw.Draw(canvas)
    draw.ellipse((1380, 160, 1580, 360), fill=GOLD_300)
    for step in range(8):
        x = 170 + step * 160
        top = 1000 - (step + 1) * 85
        share = step / 7
        colour = tuple(round(a + (b - a) * share) for a, b in zip(NAVY_100, GOLD_300, strict=True))
        draw.rounded_rectangle((x, top, x + 130, 1060), radius=16, fill=colour)
    points = [(235 + step * 160, 1000 - (step + 1) * 85 - 70) for step in range(8)]
    for (x1, y1), (x2, y2) in zip(points, points[1:], strict=False):
        for t in range(0, 10, 2):
            px, py = x1 + (x2 - x1) * t / 10, y1 + (y2 - y1) * t / 10
            draw.ellipse((px - 7, py - 7, px + 7, py + 7), fill=GOLD_100)
    return canvas


def water_jet(rng):
    """Geneva's water jet lit in gold over the lake at night, the mountains beyond."""
    canvas = _gradient(NAVY_900, NAVY_700)
    canvas = _glow(canvas, (900, 420), 520, GOLD_300, 0.22)
    draw = ImageDraw.Draw(canvas)
    draw.polygon(
        [
            (0, 880),
            (320, 700),
            (560, 800),
            (860, 640),
            (1200, 790),
            (1500, 690),
            (1800, 820),
            (1800, 900),
            (0, 900),
        ],
        fill=NAVY_800,
    )
    draw.rectangle((0, 900, WIDTH, HEIGHT), fill=NAVY_900)
    layer = Image.new("RGBA", SIZE, (0, 0, 0, 0))
    spray = ImageDraw.Draw(layer)
    for _drop in range(900):
        height = rng.random() ** 0.7
        y = 900 - height * 760
        spread = 10 + 170 * height**2.2
        x = 900 + rng.gauss(0, spread / 2.2)
        r = rng.uniform(3, 9) * (1.3 - height * 0.5)
        spray.ellipse((x - r, y - r, x + r, y + r), fill=(*GOLD_300, rng.randint(90, 220)))
    spray.polygon([(884, 900), (916, 900), (903, 160), (897, 160)], fill=(*GOLD_100, 230))
    for band in range(14):
        y = 930 + band * 19
        half = 260 - band * 14 + rng.randint(-20, 20)
        spray.rounded_rectangle(
            (900 - half, y, 900 + half, y + 6), radius=3, fill=(*GOLD_300, 150 - band * 9)
        )
    return Image.alpha_composite(canvas.convert("RGBA"), layer).convert("RGB")


def seal(rng):
    """A golden seal with rays and a wreath: an office taken up."""
    canvas = _glow(_gradient(NAVY_700, NAVY_900, diagonal=True), (900, 600), 640, GOLD_300, 0.2)
    draw = ImageDraw.Draw(canvas)
    for ray in range(36):
        angle = math.tau * ray / 36
        inner, outer = 300, 470 if ray % 2 else 400
        draw.line(
            [
                (900 + inner * math.cos(angle), 600 + inner * math.sin(angle)),
                (900 + outer * math.cos(angle), 600 + outer * math.sin(angle)),
            ],
            fill=GOLD_500,
            width=10,
        )
    draw.ellipse((620, 320, 1180, 880), fill=GOLD_300)
    draw.ellipse((660, 360, 1140, 840), outline=NAVY_900, width=10)
    for leaf in range(22):
        angle = math.pi * (0.62 + 0.76 * leaf / 21)
        for side in (1, -1):
            x = 900 + side * 190 * math.cos(angle)
            y = 600 + 190 * math.sin(angle) - 40
            draw.ellipse((x - 16, y - 26, x + 16, y + 26), fill=NAVY_800)
    draw.polygon(
        [
            (900, 470),
            (935, 575),
            (1045, 575),
            (955, 640),
            (990, 745),
            (900, 680),
            (810, 745),
            (845, 640),
            (755, 575),
            (865, 575),
        ],
        fill=NAVY_900,
    )
    return canvas


def patchwork(rng):
    """Tiles of many colours side by side: the projects of many school cooperatives."""
    canvas = Image.new("RGB", SIZE, NAVY_50)
    draw = ImageDraw.Draw(canvas)
    colours = [NAVY_900, NAVY_800, NAVY_700, GOLD_500, GOLD_300, GOLD_100, NAVY_100]
    cell = 200
    for row in range(HEIGHT // cell):
        for column in range(WIDTH // cell):
            x, y = column * cell, row * cell
            ground, figure = rng.sample(colours, 2)
            draw.rectangle((x, y, x + cell, y + cell), fill=ground)
            shape = rng.randrange(4)
            if shape == 0:
                draw.ellipse((x + 40, y + 40, x + cell - 40, y + cell - 40), fill=figure)
            elif shape == 1:
                draw.polygon([(x, y + cell), (x + cell, y + cell), (x + cell, y)], fill=figure)
            elif shape == 2:
                draw.pieslice((x, y, x + 2 * cell, y + 2 * cell), 180, 270, fill=figure)
            else:
                draw.rectangle((x + 60, y + 60, x + cell - 60, y + cell - 60), fill=figure)
    return canvas


def calendar(rng):
    """A calendar page with one day marked in gold: registration opens."""
    canvas = _glow(_gradient(NAVY_700, NAVY_900, diagonal=True), (900, 600), 700, NAVY_100, 0.1)
    draw = ImageDraw.Draw(canvas)
    draw.rounded_rectangle((500, 190, 1330, 1060), radius=36, fill=NAVY_50)
    draw.rounded_rectangle((500, 190, 1330, 360), radius=36, fill=GOLD_500)
    draw.rectangle((500, 320, 1330, 360), fill=GOLD_500)
    for x in (660, 1170):
        draw.rounded_rectangle((x - 18, 140, x + 18, 250), radius=18, fill=NAVY_100)
    marked = (3, 2)
    for row in range(5):
        for column in range(7):
            x, y = 560 + column * 104, 410 + row * 124
            if (column, row) == marked:
                draw.ellipse((x - 10, y - 10, x + 90, y + 90), fill=GOLD_300)
            else:
                draw.rounded_rectangle((x, y, x + 80, y + 80), radius=12, fill=NAVY_100)
    draw.ellipse((1230, 760, 1530, 1060), fill=NAVY_800, outline=GOLD_300, width=14)
    draw.line([(1310, 910), (1365, 965), (1460, 850)], fill=GOLD_300, width=26, joint="curve")
    return canvas


def book_and_mountains(rng):
    """An open book before the mountains of the Andes under a rising sun."""
    canvas = _gradient(NAVY_800, GOLD_100)
    draw = ImageDraw.Draw(canvas)
    draw.ellipse((1140, 180, 1440, 480), fill=GOLD_300)
    draw.polygon(
        [
            (0, 760),
            (260, 420),
            (470, 640),
            (760, 300),
            (1060, 700),
            (1300, 470),
            (1800, 780),
            (1800, 1200),
            (0, 1200),
        ],
        fill=NAVY_700,
    )
    draw.polygon(
        [(690, 390), (760, 300), (830, 395), (790, 370), (760, 400), (725, 372)], fill=NAVY_50
    )
    draw.polygon(
        [(0, 900), (420, 700), (900, 860), (1400, 690), (1800, 880), (1800, 1200), (0, 1200)],
        fill=NAVY_900,
    )
    draw.polygon([(900, 820), (480, 740), (440, 1090), (900, 1140)], fill=NAVY_50)
    draw.polygon([(900, 820), (1320, 740), (1360, 1090), (900, 1140)], fill=GOLD_100)
    for line in range(6):
        y = 830 + line * 44
        draw.line([(530, y - 30 + line * 2), (850, y + 10)], fill=SLATE, width=8)
        draw.line([(950, y + 10), (1270, y - 30 + line * 2)], fill=GOLD_500, width=8)
    draw.line([(900, 820), (900, 1140)], fill=NAVY_800, width=8)
    return canvas


MOTIFS = {
    "voting-board": voting_board,
    "rising-steps": rising_steps,
    "water-jet": water_jet,
    "seal": seal,
    "patchwork": patchwork,
    "calendar": calendar,
    "book-and-mountains": book_and_mountains,
}


@functools.cache  # the test suite seeds the demo many times in one process
def demo_picture(motif, *, seed):
    """The picture of `motif` (a key of MOTIFS) as a JPEG file's bytes, its details drawn from
    `seed`: the same picture on every run."""
    canvas = MOTIFS[motif](random.Random(seed)).resize(HANDED_OVER, Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    # A JPEG of high quality rather than a PNG: ten times faster to write, and the upload path
    # re-encodes it at once anyway.
    canvas.save(buffer, format="JPEG", quality=95)
    return buffer.getvalue()
