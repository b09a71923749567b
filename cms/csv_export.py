"""CSV downloads streamed row by row, with cells a spreadsheet will not run as formulas."""

import csv
from collections.abc import Iterable

from django.http import StreamingHttpResponse

from cms.csv_cells import csv_safe


class _Echo:
    """A file-like object whose write() hands the line back, so csv.writer can feed a stream."""

    def write(self, value: str) -> str:
        return value


def csv_stream_response(
    *, filename: str, header: list[str], rows: Iterable
) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())

    def lines():
        yield writer.writerow([csv_safe(cell) for cell in header])
        for row in rows:
            yield writer.writerow([csv_safe(cell) for cell in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
