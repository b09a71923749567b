"""The hotspot diagram: an upper back seen from behind, drawn with Pillow, no labels.

Every muscle is outlined the same way, so the picture does not give the answer away.
Coordinates are pixels of a WIDTH x HEIGHT canvas; regions are stored as fractions of it.
"""

import io

from PIL import Image, ImageDraw

WIDTH, HEIGHT = 800, 600
SKIN, OUTLINE, MUSCLE, BACKGROUND = (236, 214, 196), (90, 60, 50), (214, 160, 150), (250, 250, 247)


def _fractions(points: list[tuple[int, int]]) -> tuple[tuple[str, str], ...]:
    return tuple((f"{x / WIDTH:.4f}", f"{y / HEIGHT:.4f}") for x, y in points)


_UPPER_TRAPEZIUS_PX = [(372, 150), (428, 150), (550, 215), (500, 250), (300, 250), (250, 215)]
UPPER_TRAPEZIUS = _fractions(_UPPER_TRAPEZIUS_PX)

_TORSO = [(365, 180), (235, 210), (200, 250), (225, 580), (575, 580), (600, 250), (565, 210),
          (435, 180)]  # fmt: skip
_TRAPEZIUS = [(372, 150), (428, 150), (550, 215), (400, 430), (250, 215)]
_LATISSIMUS = [
    [(250, 330), (390, 440), (390, 560), (240, 560)],
    [(550, 330), (410, 440), (410, 560), (560, 560)],
]
_DELTOIDS = [(205, 205, 290, 320), (510, 205, 595, 320)]
_SCAPULAE = [[(285, 260), (360, 270), (345, 380)], [(515, 260), (440, 270), (455, 380)]]


def upper_back_png() -> bytes:
    canvas = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(canvas)
    draw.polygon(_TORSO, fill=SKIN, outline=OUTLINE, width=3)
    draw.rectangle([(372, 120), (428, 185)], fill=SKIN)  # the neck
    draw.ellipse([(340, 30), (460, 150)], fill=SKIN, outline=OUTLINE, width=3)  # the head
    for box in _DELTOIDS:
        draw.ellipse(box, fill=MUSCLE, outline=OUTLINE, width=2)
    for shape in _LATISSIMUS:
        draw.polygon(shape, fill=MUSCLE, outline=OUTLINE, width=2)
    draw.polygon(_TRAPEZIUS, fill=MUSCLE, outline=OUTLINE, width=2)
    for shape in _SCAPULAE:
        draw.polygon(shape, outline=OUTLINE, width=1)
    draw.line([(400, 150), (400, 570)], fill=OUTLINE, width=2)  # the spine
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
