"""A bar chart drawn on the server as SVG geometry: no JavaScript, no library.

The template draws the rectangles; the numbers stay in a table beside the chart, which is what
a screen reader reads (the SVG carries a title and a one-sentence summary).
"""

import math
from dataclasses import dataclass, field

WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 44, 8, 12, 40  # room for the axis labels
MAX_LABELS = 13  # more bars than this: label every n-th one so the labels do not overlap


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: int
    title: str  # shown on hover: "Mar 2026: 12 enrolments"
    label: str = ""  # under the bar, or "" when skipped
    label_x: float = 0


@dataclass(frozen=True)
class Tick:
    y: float
    value: int


@dataclass
class BarChart:
    title: str
    summary: str
    bars: list[Bar] = field(default_factory=list)
    ticks: list[Tick] = field(default_factory=list)
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    baseline: int = HEIGHT - BOTTOM
    label_y: int = HEIGHT - BOTTOM + 18


def nice_ceiling(value: int) -> int:
    """The smallest of 1, 2, 5 x 10^k at least `value` (at least 1), for the axis's top."""
    if value <= 1:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if step * power >= value:
            return step * power
    return 10 * power  # pragma: no cover - the loop always returns


def bar_chart(points: list[tuple[str, str, int]], *, title: str, summary: str) -> BarChart:
    """A chart of `points`: (short label, long label, value) in order."""
    chart = BarChart(title=title, summary=summary)
    if not points:
        return chart
    top = nice_ceiling(max(value for _, _, value in points))
    plot_height = chart.baseline - TOP
    slot = (chart.right - chart.left) / len(points)
    gap = min(slot * 0.2, 6)
    every = math.ceil(len(points) / MAX_LABELS)
    for index, (short, long, value) in enumerate(points):
        height = plot_height * value / top
        x = chart.left + index * slot + gap / 2
        shown = (len(points) - 1 - index) % every == 0  # always label the latest bar
        chart.bars.append(
            Bar(
                x=round(x, 2),
                y=round(chart.baseline - height, 2),
                width=round(slot - gap, 2),
                height=round(height, 2),
                value=value,
                title=f"{long}: {value}",
                label=short if shown else "",
                label_x=round(x + (slot - gap) / 2, 2),
            )
        )
    steps = 4 if top % 4 == 0 else (5 if top % 5 == 0 else 2 if top % 2 == 0 else 1)
    chart.ticks = [
        Tick(y=round(chart.baseline - plot_height * i / steps, 2), value=top * i // steps)
        for i in range(steps + 1)
    ]
    return chart
