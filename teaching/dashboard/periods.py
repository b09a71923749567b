"""Calendar buckets for the dashboard's time series: months or weeks (from Monday), in the site's
time zone, with the empty ones filled in so a chart shows the quiet months too."""

from datetime import date, timedelta

from django.db.models import DateField
from django.db.models.functions import TruncMonth, TruncWeek
from django.utils import timezone

MONTH, WEEK = "month", "week"
PERIODS = {MONTH: "Month", WEEK: "Week"}
RECENT = {MONTH: 24, WEEK: 26}  # buckets on the page; the CSV has every one


def period_or_default(value: str | None) -> str:
    return value if value in PERIODS else MONTH


def trunc(period: str, field: str):
    """The SQL expression putting `field` in its bucket, as a date."""
    function = TruncWeek if period == WEEK else TruncMonth
    return function(field, output_field=DateField())


def bucket_of(period: str, day: date) -> date:
    if period == WEEK:
        return day - timedelta(days=day.weekday())
    return day.replace(day=1)


def next_bucket(period: str, start: date) -> date:
    if period == WEEK:
        return start + timedelta(days=7)
    return (start.replace(day=28) + timedelta(days=4)).replace(day=1)


def buckets(period: str, *, seen) -> list[date]:
    """Every bucket from the earliest in `seen` to the current one (or the latest seen)."""
    current = bucket_of(period, timezone.localdate())
    seen = [day for day in seen if day is not None]
    start, end = min([*seen, current]), max([*seen, current])
    result = []
    while start <= end:
        result.append(start)
        start = next_bucket(period, start)
    return result


def label(period: str, start: date) -> str:
    """How a bucket reads on the page: "Mar 2026" or "Week of 2 Mar 2026"."""
    if period == WEEK:
        return f"Week of {start.day} {start:%b %Y}"
    return f"{start:%b %Y}"


def short_label(period: str, start: date) -> str:
    """Under a chart's bar: "Mar 26" or "2 Mar"."""
    if period == WEEK:
        return f"{start.day} {start:%b}"
    return f"{start:%b %y}"


def csv_label(period: str, start: date) -> str:
    """In a CSV: "2026-03" for a month, the Monday's ISO date for a week."""
    return start.isoformat() if period == WEEK else f"{start:%Y-%m}"
