"""Signature images for the demo school's administrator and instructor, drawn with Pillow.

A flowing pen line, not lettering: the demo certificate is signed without pretending to be
anyone's real hand. The same name draws the same signature on every machine.
"""

import hashlib
import io
import math
import random

from PIL import Image, ImageDraw

WIDTH, HEIGHT = 480, 160
INK = (24, 38, 92, 255)


def _stroke(rng: random.Random, name: str) -> list[tuple[float, float]]:
    """One pen stroke: a loop per letter of the name, rising and falling with the baseline."""
    letters = [c for c in name if c.isalpha()]
    step = (WIDTH - 80) / max(len(letters), 1)
    points = []
    for n, letter in enumerate(letters):
        height = 60 if letter.isupper() else rng.uniform(18, 38)
        width = step * rng.uniform(0.8, 1.1)
        x0 = 40 + n * step
        for i in range(24):
            t = i / 23 * 2 * math.pi
            x = x0 + width * (i / 23) + width * 0.25 * math.sin(t)
            y = HEIGHT * 0.62 - height * math.sin(t / 2) ** 2 + 8 * math.sin(x / 45)
            points.append((x, y))
    return points


def signature_png(name: str) -> bytes:
    """A transparent PNG of a signature-like flourish for `name`."""
    seed = int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big")
    rng = random.Random(seed)  # noqa: S311 - a reproducible drawing, not a secret
    image = Image.new("RGBA", (WIDTH, HEIGHT), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    draw.line(_stroke(rng, name), fill=INK, width=3, joint="curve")
    # The underline swash that ends many signatures.
    draw.arc((30, HEIGHT * 0.55, WIDTH - 30, HEIGHT * 0.95), start=200, end=340, fill=INK, width=3)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
