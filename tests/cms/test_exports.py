"""cms/exports.py: one guard decides every spreadsheet cell, in CSV and XLSX alike."""

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.http import StreamingHttpResponse

from cms.exports import (
    CSV,
    FORMULA_STARTS,
    XLSX,
    csv_safe,
    csv_stream_response,
    formula_safe,
    spreadsheet_response,
    xlsx_response,
)

FORMULAS = ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", '=HYPERLINK("http://evil.test")']
HEADER = ["=Title", "Hours", "When"]


def _csv_rows(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(text)))


def _xlsx_rows(response) -> tuple[list[list], list]:
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    cells = [list(row) for row in book.active.iter_rows()]
    return [[cell.value for cell in row] for row in cells], [c for row in cells for c in row]


@pytest.mark.parametrize("formula", FORMULAS)
def test_formula_safe_prefixes_each_formula_start(formula):
    assert formula_safe(formula) == "'" + formula
    assert csv_safe(formula) == "'" + formula


@pytest.mark.parametrize("value", [None, 2, -2, Decimal("-2.5"), datetime.date(2026, 1, 2)])
def test_formula_safe_keeps_typed_values_as_they_are(value):
    assert formula_safe(value) == value


def test_csv_safe_turns_everything_into_guarded_text():
    assert csv_safe(None) == ""
    assert csv_safe(-2) == "'-2"  # in CSV a negative number is text that starts with "-"
    assert csv_safe("plain") == "plain"


def test_csv_export_guards_the_header_and_every_cell():
    rows = [[formula, 1, "ok"] for formula in FORMULAS]
    response = csv_stream_response(filename="x.csv", header=HEADER, rows=rows)
    read = _csv_rows(response)
    assert read[0] == ["'=Title", "Hours", "When"]
    assert [row[0] for row in read[1:]] == ["'" + formula for formula in FORMULAS]
    assert not [cell for row in read for cell in row if cell.startswith(FORMULA_STARTS)]
    assert response["Content-Disposition"] == 'attachment; filename="x.csv"'
    assert response["Cache-Control"] == "private, no-store"


def test_csv_export_streams_rows_as_they_are_produced():
    produced = []

    def rows():
        for number in range(3):
            produced.append(number)
            yield [number]

    response = csv_stream_response(filename="x.csv", header=["n"], rows=rows())
    assert isinstance(response, StreamingHttpResponse)
    assert produced == []  # nothing is read until the response is sent
    stream = iter(response.streaming_content)
    assert next(stream) == b"n\r\n"
    assert next(stream) == b"0\r\n"
    assert produced == [0]


def test_xlsx_export_guards_text_and_keeps_numbers_and_dates_typed():
    when = datetime.datetime(2026, 5, 1, 10, 30, tzinfo=datetime.UTC)
    rows = [[formula, Decimal("1.5"), when] for formula in FORMULAS]
    response = xlsx_response(filename="x.xlsx", header=HEADER, rows=rows)
    values, cells = _xlsx_rows(response)
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    assert values[0] == ["'=Title", "Hours", "When"]
    assert [row[0] for row in values[1:]] == ["'" + formula for formula in FORMULAS]
    assert values[1][1] == 1.5  # a number, not text with an apostrophe
    assert isinstance(values[1][2], datetime.datetime)
    assert response["Content-Disposition"] == 'attachment; filename="x.xlsx"'
    assert response["Cache-Control"] == "private, no-store"


def test_xlsx_export_turns_other_objects_into_guarded_text():
    class Named:
        def __str__(self):
            return "=cmd"

    values, _ = _xlsx_rows(xlsx_response(filename="x.xlsx", header=["a"], rows=[[Named()]]))
    assert values[1] == ["'=cmd"]


@pytest.mark.parametrize(("export_format", "extension"), [(CSV, "csv"), (XLSX, "xlsx")])
def test_spreadsheet_response_names_the_file_for_its_format(export_format, extension):
    response = spreadsheet_response(
        export_format=export_format, filename="report", header=["a"], rows=[["=1"]]
    )
    assert response["Content-Disposition"] == f'attachment; filename="report.{extension}"'
    if export_format == CSV:
        assert _csv_rows(response)[1] == ["'=1"]
    else:
        assert _xlsx_rows(response)[0][1] == ["'=1"]
