"""CSV downloads streamed row by row, with cells a spreadsheet will not run as formulas."""

import csv
from collections.abc import Iterable

from django.http import StreamingHttpResponse

from certificates.transcript_selectors import Transcript
from cms.csv_cells import csv_safe

TRANSCRIPT_COLUMNS = [
    "Certificate number",
    "Status",
    "Approved course title",
    "Body",
    "Approval number",
    "CE hours",
    "Topic categories",
    "Completed on",
    "Counts toward the cycle ending",
    "Verification page",
]


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


def transcript_rows(transcript: Transcript, *, site_root: str):
    """TRANSCRIPT_COLUMNS: one row per body that approved each course (one if none did)."""
    cycle_end = transcript.cycle_end.isoformat()
    for entry in transcript.entries:
        status = "Revoked" if entry.is_revoked else "Issued"
        verify_url = site_root + entry.verify_path
        completed_on = entry.completed_on.isoformat()
        for approval in entry.approvals:
            yield [
                entry.number,
                status,
                approval.approved_title,
                approval.body,
                approval.approval_number,
                approval.hours,
                "; ".join(approval.categories),
                completed_on,
                cycle_end if transcript.counts(entry, approval) else "no",
                verify_url,
            ]
        if not entry.approvals:
            yield [entry.number, status, entry.title, "", "", entry.course_hours, "",
                   completed_on, "no", verify_url]  # fmt: skip
