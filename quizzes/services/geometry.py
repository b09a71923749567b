"""Point-in-shape tests for hotspot questions, in exact rational arithmetic.

Coordinates are fractions of the image (0..1). A point on a boundary, edge or vertex, counts
as inside: a student who clicks the very edge of a drawn region has hit it.
"""

from decimal import Decimal
from fractions import Fraction

Point = tuple[Fraction, Fraction]


def exact(value) -> Fraction:
    """Fraction from an int, float, Decimal or numeric string, without binary rounding."""
    if isinstance(value, bool):
        raise TypeError("a boolean is not a coordinate")
    return Fraction(Decimal(str(value)))


def in_circle(point: Point, cx, cy, r) -> bool:
    x, y = point
    dx, dy = x - exact(cx), y - exact(cy)
    return dx * dx + dy * dy <= exact(r) ** 2


def _on_segment(point: Point, a: Point, b: Point) -> bool:
    (x, y), (ax, ay), (bx, by) = point, a, b
    if (bx - ax) * (y - ay) - (by - ay) * (x - ax) != 0:
        return False
    return min(ax, bx) <= x <= max(ax, bx) and min(ay, by) <= y <= max(ay, by)


def in_polygon(point: Point, vertices) -> bool:
    """Ray casting to the right of `point`, with the boundary counted as inside."""
    polygon = [(exact(vx), exact(vy)) for vx, vy in vertices]
    x, y = point
    inside = False
    for i, a in enumerate(polygon):
        b = polygon[i - 1]
        if _on_segment(point, a, b):
            return True
        (ax, ay), (bx, by) = a, b
        # Half-open rule (ay > y) != (by > y): a vertex on the ray is counted once.
        if (ay > y) != (by > y):
            crossing_x = ax + (y - ay) * (bx - ax) / (by - ay)
            if x < crossing_x:
                inside = not inside
    return inside
