"""CE Broker's roster spreadsheet, for a school that uploads by hand: one file per batch.

Columns as CE Broker documents them: A provider tracking number without "50-", B course
tracking number without "20-", C the provider's own course ID (only when B is unknown),
D publishing number (optional), E licence number, F completion date (a spreadsheet date),
G "State=FL", H "Profession=<code>"; partial credit adds I the subject-area code and J the
hours earned in it (one row per subject area). The first row names the columns.

Every record put in a file counts as reported: the run never puts it in another file, so no
licensee appears twice across uploads. The file is an .xls (BIFF8), as CE Broker documents
it (records/tracking/roster_xls.py); a school that prefers .xlsx chooses that transport
(cms/exports.py writes it). Both keep dates and hours typed and guard text against formulas.
"""

import io

from cms.exports import XLSX_CONTENT_TYPE, xlsx_write
from records.tracking.base import (
    Batch,
    Outcome,
    Receipt,
    RecordResult,
    RosterRecord,
    TransportError,
)
from records.tracking.roster_xls import XLS_CONTENT_TYPE, TooManyRows, xls_write

NAME = "roster_spreadsheet"
NAME_XLSX = "roster_spreadsheet_xlsx"
CONTENT_TYPES = {".xls": XLS_CONTENT_TYPE, ".xlsx": XLSX_CONTENT_TYPE}
COLUMNS = [
    "A Provider tracking number (without 50-)",
    "B Course tracking number (without 20-)",
    "C Provider course ID",
    "D Publishing number",
    "E Licence number",
    "F Completion date",
    "G State",
    "H Profession",
    "I Subject area code",
    "J Hours earned",
]


def _without(prefix: str, number: str) -> str:
    return number[len(prefix) :] if number.startswith(prefix) else number


def rows_for(record: RosterRecord) -> list[list]:
    course_number = _without("20-", record.course_number)
    tracked = record.course_number.startswith("20-")
    base = [
        _without("50-", record.provider_number),
        course_number if tracked else "",
        "" if tracked else course_number,
        record.publishing,
        record.licence_number,
        record.completed_on,
        f"State={record.state}",
        f"Profession={record.profession}",
    ]
    if not record.partial:
        return [[*base, "", ""]]
    return [[*base, credit.code, credit.hours] for credit in record.subject_credits]


def content_type(document_name: str) -> str:
    """The roster file's media type, from its name (files made before .xls were .xlsx)."""
    extension = document_name[document_name.rfind(".") :].casefold()
    return CONTENT_TYPES.get(extension, XLSX_CONTENT_TYPE)


class RosterSpreadsheetTransport:
    """One .xls per batch, CE Broker's documented upload format."""

    name = NAME
    extension = ".xls"

    def write(self, output, rows) -> None:
        try:
            xls_write(output, header=COLUMNS, rows=rows, title="Roster")
        except TooManyRows as error:
            raise TransportError(str(error)) from None

    def send(self, batch: Batch) -> Receipt:
        results: list[RecordResult] = []

        def rows():
            for record in batch.records:
                results.append(RecordResult(record.key, Outcome.ACCEPTED))
                yield from rows_for(record)

        output = io.BytesIO()
        self.write(output, rows())
        name = f"roster-{batch.idempotency_key[:12]}{self.extension}"
        return Receipt(
            receipt_id=name, results=results, document=output.getvalue(), document_name=name
        )


class RosterXlsxTransport(RosterSpreadsheetTransport):
    """The same roster as .xlsx, for a school whose tools prefer it."""

    name = NAME_XLSX
    extension = ".xlsx"

    def write(self, output, rows) -> None:
        xlsx_write(output, header=COLUMNS, rows=rows, title="Roster")
