"""Every spreadsheet the site writes: CSV and XLSX downloads, and Wagtail's listing exports.

One function, formula_safe(), decides whether a cell could run as a formula (OWASP's CSV
injection advice) for all of them: our CSV and XLSX responses pass every cell through it, and
guard_wagtail_exports() puts it under Wagtail's SpreadsheetExportMixin, the one base of every
admin export (the Orders viewset, Wagtail's own reports, form submissions).
"""

import csv
import datetime
import tempfile
from collections.abc import Iterable
from decimal import Decimal

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

CSV = "csv"
XLSX = "xlsx"
FORMATS = (CSV, XLSX)
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A workbook is a zip written at the end; past this size it is spooled to disk, not memory.
XLSX_SPOOL_BYTES = 8 * 1024 * 1024


# --- The guard -------------------------------------------------------------------------------


def formula_safe(value):
    """Text a spreadsheet would run as a formula, with an apostrophe in front.

    Numbers, dates and empty cells keep their type: a typed XLSX cell is never a formula,
    and a CSV writer turns them to text only after this has looked at them (csv_safe).
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_safe(value) -> str:
    """A CSV cell: in CSV everything is text, so "-1" is guarded as well as "=1+1"."""
    return formula_safe("" if value is None else str(value))


def _xlsx_safe(value):
    """An XLSX cell: numbers and dates stay typed, anything else becomes guarded text."""
    if value is None or isinstance(value, bool | int | float | Decimal):
        return value
    if isinstance(value, datetime.datetime):
        # openpyxl refuses aware datetimes; a reader wants the site's local time anyway.
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, datetime.date | datetime.time):
        return value
    return formula_safe(str(value))


# --- Our downloads ---------------------------------------------------------------------------


class _Echo:
    """A file-like object whose write() hands the line back, so csv.writer can feed a stream."""

    def write(self, value: str) -> str:
        return value


def _attachment(response, filename: str):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def csv_lines(*, header: list[str], rows: Iterable) -> Iterable[str]:
    """The CSV text line by line, each cell guarded, as `rows` are produced."""
    writer = csv.writer(_Echo())
    yield writer.writerow([csv_safe(cell) for cell in header])
    for row in rows:
        yield writer.writerow([csv_safe(cell) for cell in row])


def csv_stream_response(
    *, filename: str, header: list[str], rows: Iterable
) -> StreamingHttpResponse:
    """A CSV streamed as `rows` are produced: memory stays flat however long the export."""
    response = StreamingHttpResponse(
        csv_lines(header=header, rows=rows), content_type="text/csv; charset=utf-8"
    )
    return _attachment(response, filename)


def xlsx_write(output, *, header: list[str], rows: Iterable, title: str = "Sheet1") -> None:
    """An XLSX workbook of `rows` written to `output`, each cell guarded.

    write_only keeps one row in memory at a time, as Wagtail's own XLSX export does.
    """
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append([_xlsx_safe(cell) for cell in header])
    for row in rows:
        sheet.append([_xlsx_safe(cell) for cell in row])
    workbook.save(output)


def xlsx_response(*, filename: str, header: list[str], rows: Iterable) -> FileResponse:
    """An XLSX download; the workbook is finished before the first byte can be sent."""
    output = tempfile.SpooledTemporaryFile(max_size=XLSX_SPOOL_BYTES)  # noqa: SIM115 (the response closes it)
    xlsx_write(output, header=header, rows=rows)
    output.seek(0)
    response = FileResponse(output, content_type=XLSX_CONTENT_TYPE)
    return _attachment(response, filename)


def spreadsheet_response(*, export_format: str, filename: str, header: list[str], rows: Iterable):
    """A download in `export_format` ("csv" or "xlsx"); `filename` is given without extension."""
    if export_format == XLSX:
        return xlsx_response(filename=f"{filename}.xlsx", header=header, rows=rows)
    return csv_stream_response(filename=f"{filename}.csv", header=header, rows=rows)


# --- Wagtail's listing exports ---------------------------------------------------------------


def guard_wagtail_exports() -> None:
    """Guard each cell and heading of Wagtail's CSV and XLSX exports.

    Patched on the mixin rather than on our views so that Wagtail's own reports (site
    history, locked and aging pages, form submissions) and any viewset added later are
    guarded too; a subclass that overrides these methods still calls them through super().
    """
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    if getattr(SpreadsheetExportMixin, "_formula_guarded", False):
        return
    preprocess, heading = (
        SpreadsheetExportMixin.preprocess_field_value,
        SpreadsheetExportMixin.get_heading,
    )

    def preprocess_field_value(self, field, value, export_format):
        return formula_safe(preprocess(self, field, value, export_format))

    def get_heading(self, queryset, field):
        return formula_safe(heading(self, queryset, field))

    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
    SpreadsheetExportMixin.get_heading = get_heading
    SpreadsheetExportMixin._formula_guarded = True
