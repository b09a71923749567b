"""Renewal cycles: which completion dates count toward a practitioner's next renewal.

The learner gives the date their current cycle ends (their renewal date). Each body's cycle is
the `renewal_cycle_months` before it (24 months for a body we do not know). Without a date we
take the calendar-aligned cycle containing today (cycles of that many months counted from
1 January 2000; 24 months gives cycles ending 31 December of odd years): we do not know when
the learner's licence was first issued, and the transcript's date field lets them correct it.
"""

import calendar
from datetime import date, timedelta

DEFAULT_CYCLE_MONTHS = 24
CYCLE_ANCHOR = date(2000, 1, 1)


def add_months(day: date, months: int) -> date:
    """`day` moved by whole months, clamped to the end of a shorter month."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def cycle_start(*, cycle_end: date, months: int) -> date:
    """First day of the cycle of `months` months that ends on `cycle_end` (inclusive)."""
    return add_months(cycle_end + timedelta(days=1), -max(months, 1))


def default_cycle_end(*, today: date, months: int) -> date:
    months = max(months, 1)
    elapsed = (today.year - CYCLE_ANCHOR.year) * 12 + today.month - CYCLE_ANCHOR.month
    start = add_months(CYCLE_ANCHOR, elapsed - elapsed % months)
    return add_months(start, months) - timedelta(days=1)
