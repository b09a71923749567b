"""The .xls (BIFF8) workbook CE Broker's roster upload documents: the only module importing xlwt.

Dates are written as spreadsheet dates (a number with a date format), as CE Broker asks for
the completion date, never as text. Text cells of a BIFF8 file are never formulas, but the
text is still guarded (cms.exports.formula_safe) so a file re-saved as CSV stays harmless.
"""

import datetime
from collections.abc import Iterable
from decimal import Decimal

import xlwt  # noqa: TID251

from cms.exports import formula_safe

XLS_CONTENT_TYPE = "application/vnd.ms-excel"
MAX_ROWS = 65_536  # BIFF8's limit per sheet, header included
TOO_MANY_ROWS = (
    "A roster file holds at most 65,535 rows: send smaller batches (TRACKING_BATCH_SIZE)."
)
# CE Broker's example date is 12/3/2008: month/day/year without leading zeros.
DATE_STYLE = xlwt.easyxf(num_format_str="M/D/YYYY")
HOURS_STYLE = xlwt.easyxf(num_format_str="0.00")
TEXT_STYLE = xlwt.easyxf(num_format_str="@")


class TooManyRows(ValueError):
    pass


def _cell(value) -> tuple:
    """(value, style) for one cell: dates and numbers stay typed, the rest is guarded text."""
    if value is None or value == "":
        return "", TEXT_STYLE
    if isinstance(value, datetime.datetime):
        return value.replace(tzinfo=None), DATE_STYLE
    if isinstance(value, datetime.date):
        return value, DATE_STYLE
    if isinstance(value, bool):
        return str(value), TEXT_STYLE
    if isinstance(value, int | float | Decimal):
        return value, HOURS_STYLE
    return formula_safe(str(value)), TEXT_STYLE


def xls_write(output, *, header: list[str], rows: Iterable, title: str = "Sheet1") -> int:
    """A one-sheet .xls of `header` and `rows` written to the binary `output`; returns the
    number of data rows. TooManyRows past BIFF8's limit, before anything is written."""
    workbook = xlwt.Workbook(encoding="utf-8")
    sheet = workbook.add_sheet(title[:31])
    for column, name in enumerate(header):
        sheet.write(0, column, name)
    count = 0
    for count, row in enumerate(rows, start=1):
        if count >= MAX_ROWS:
            raise TooManyRows(TOO_MANY_ROWS)
        for column, value in enumerate(row):
            sheet.write(count, column, *_cell(value))
    workbook.save(output)
    return count
