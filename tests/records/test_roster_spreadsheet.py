"""The roster spreadsheet transport: CE Broker's documented .xls (or .xlsx) with its columns,
one file per batch, nobody in two files; and the deadline reminders' selector
(reports_nearing_deadline)."""

import csv
import io
import shutil
import subprocess
from datetime import date, datetime, timedelta
from decimal import Decimal

import openpyxl
import pytest
import xlrd
from django.db import connection
from django.test.utils import CaptureQueriesContext

from records import report_runs
from records.models import CompletionReport, ReportBatch, TrackingCredential
from records.report_status import WAITING_LICENCE, reports_nearing_deadline
from records.tracking.base import Batch, Credentials, RosterRecord, SubjectCredit, TransportError
from records.tracking.roster_spreadsheet import COLUMNS, RosterSpreadsheetTransport
from records.tracking.roster_xls import MAX_ROWS
from schools.models import SchoolMembership
from tests.factories import SchoolFactory, SchoolMembershipFactory
from tests.records.tracking_helpers import bulk_completions, cebroker_credential, florida_course
from tests.records.transcript_helpers import florida_board

pytestmark = pytest.mark.django_db
SPREADSHEET = TrackingCredential.Transport.ROSTER_SPREADSHEET
XLSX = TrackingCredential.Transport.ROSTER_SPREADSHEET_XLSX


@pytest.fixture
def florida(db):
    return florida_board()


@pytest.fixture
def school(db):
    return SchoolFactory(slug="gulf", name="Gulf School")


@pytest.fixture
def course(catalog, school, florida):
    return florida_course(catalog=catalog, school=school, body=florida)


def xls_cells(document: bytes) -> tuple[list[list], int]:
    """Every cell of the .xls's one sheet, as xlrd reads it (dates are numbers there)."""
    book = xlrd.open_workbook(file_contents=document)
    sheet = book.sheet_by_index(0)
    return [sheet.row(i) for i in range(sheet.nrows)], book.datemode


def xls_rows(document: bytes) -> list[tuple]:
    """The sheet's values, dates as datetimes and empty cells as None, as openpyxl gives them."""
    rows, datemode = xls_cells(document)

    def value(cell):
        if cell.ctype == xlrd.XL_CELL_DATE:
            return xlrd.xldate_as_datetime(cell.value, datemode)
        return None if cell.ctype == xlrd.XL_CELL_EMPTY or cell.value == "" else cell.value

    return [tuple(value(cell) for cell in row) for row in rows]


def sheet_rows(batch) -> list[tuple]:
    if batch.document_name.endswith(".xls"):
        return xls_rows(bytes(batch.document))
    workbook = openpyxl.load_workbook(io.BytesIO(bytes(batch.document)))
    return list(workbook.active.iter_rows(values_only=True))


@pytest.mark.parametrize("transport", [SPREADSHEET, XLSX])
def test_each_batch_is_one_file_with_the_documented_columns_and_nobody_twice(
    course, florida, settings, transport
):
    settings.TRACKING_BATCH_SIZE = 3
    first = bulk_completions(course=course, count=5, licence=lambda i: f"=MA1000{i}")
    cebroker_credential(school=course.school, url="", transport=transport)

    summary = report_runs.report_due()
    later = bulk_completions(course=course, count=2, licence=lambda i: f"MA2000{i}")
    report_runs.report_due()

    files = list(ReportBatch.objects.order_by("pk"))
    assert [b.record_count for b in files] == [3, 2, 2] and summary.accepted == 5
    extension = ".xls" if transport == SPREADSHEET else ".xlsx"
    assert all(b.document_name.endswith(extension) for b in files)
    assert len({b.document_name for b in files}) == 3
    rows = [sheet_rows(b) for b in files]
    assert all(r[0] == tuple(COLUMNS) for r in rows)
    licences = [row[4] for sheet in rows for row in sheet[1:]]
    assert len(licences) == len(set(licences)) == 7
    provider, course_number, own_id, publishing, licence, completed, state, profession = rows[0][1][
        :8
    ]
    assert (provider, course_number, own_id, publishing) == ("1234", "991", None, None)
    assert licence == "'=MA10000"  # a formula-looking cell is guarded
    assert isinstance(completed, datetime) and completed.date() == date(2026, 5, 20)
    assert (state, profession) == ("State=FL", "Profession=MT")
    assert CompletionReport.objects.count() == 7
    assert {c.pk for c in first + later} == set(
        CompletionReport.objects.values_list("certificate_id", flat=True)
    )


def partial_credit_batch(count: int = 1) -> Batch:
    """Records straight to the transport: one full-credit record and `count` partial ones."""
    full = RosterRecord(
        key="r1",
        licence_number="MA12345",
        state="FL",
        profession="MT",
        provider_number="50-1234",
        course_number="20-991",
        completed_on=date(2026, 12, 3),
        hours=Decimal("3.00"),
        publishing="778",
    )
    partial = [
        RosterRecord(
            key=f"r{i + 2}",
            licence_number=f"MA2{i:04d}",
            state="FL",
            profession="MT",
            provider_number="1234",  # given without the prefix: written as it is
            course_number="NECK-1",  # the provider's own course ID, no tracking number
            completed_on=date(2026, 1, 9),
            hours=Decimal("3.00"),
            subject_credits=(
                SubjectCredit("ETH", Decimal("2.00")),
                SubjectCredit("LAW", Decimal("1.50")),
            ),
        )
        for i in range(count)
    ]
    credentials = Credentials(provider_id="50-1234", username="", secret="", endpoint_url="")
    return Batch(idempotency_key="k" * 32, credentials=credentials, records=[full, *partial])


def test_the_xls_has_every_column_typed_dates_and_one_row_per_subject_area():
    receipt = RosterSpreadsheetTransport().send(partial_credit_batch())

    assert receipt.document_name == "roster-kkkkkkkkkkkk.xls"
    assert [r.key for r in receipt.results] == ["r1", "r2"]
    cells, datemode = xls_cells(receipt.document)
    assert [c.value for c in cells[0]] == COLUMNS
    full, ethics, laws = cells[1:]
    assert [c.value for c in full[:5]] == ["1234", "991", "", "778", "MA12345"]
    assert full[5].ctype == xlrd.XL_CELL_DATE  # a spreadsheet date, not text
    assert xlrd.xldate_as_datetime(full[5].value, datemode) == datetime(2026, 12, 3)
    assert [c.value for c in full[6:]] == ["State=FL", "Profession=MT", "", ""]
    for row, code, hours in ((ethics, "ETH", 2.0), (laws, "LAW", 1.5)):
        assert [c.value for c in row[:5]] == ["1234", "", "NECK-1", "", "MA20000"]
        assert xlrd.xldate_as_datetime(row[5].value, datemode) == datetime(2026, 1, 9)
        assert [c.value for c in row[6:9]] == ["State=FL", "Profession=MT", code]
        assert row[9].ctype == xlrd.XL_CELL_NUMBER and row[9].value == hours


def test_a_batch_past_the_xls_row_limit_is_refused_before_anything_is_written():
    # Two rows per partial record: half the limit of them overflows the sheet.
    with pytest.raises(TransportError, match="65,535 rows"):
        RosterSpreadsheetTransport().send(partial_credit_batch(MAX_ROWS // 2))


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_libreoffice_opens_the_xls_roster_with_the_documented_columns(tmp_path):
    receipt = RosterSpreadsheetTransport().send(partial_credit_batch())
    path = tmp_path / receipt.document_name
    path.write_bytes(receipt.document)
    subprocess.run(  # noqa: S603 (our own file, a fixed command)
        [
            shutil.which("soffice"),
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "csv",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        check=True,
        timeout=300,
        capture_output=True,
    )
    rows = list(csv.reader((tmp_path / path.with_suffix(".csv").name).open()))
    assert rows[0] == COLUMNS
    full, ethics, laws = rows[1:]
    # A date cell: LibreOffice writes it in its US date format (month first).
    assert datetime.strptime(full[5], "%m/%d/%Y").date() == date(2026, 12, 3)
    assert full[:5] == ["1234", "991", "", "778", "MA12345"]
    assert full[6:] == ["State=FL", "Profession=MT", "", ""]
    assert datetime.strptime(ethics[5], "%m/%d/%Y").date() == date(2026, 1, 9)
    assert ethics[2:5] == ["NECK-1", "", "MA20000"]
    assert ethics[6:9] == ["State=FL", "Profession=MT", "ETH"] and float(ethics[9]) == 2
    assert laws[8] == "LAW" and float(laws[9]) == 1.5


def test_the_school_downloads_its_roster_file_and_no_one_else_does(client, course):
    bulk_completions(course=course, count=2)
    cebroker_credential(school=course.school, url="", transport=SPREADSHEET)
    report_runs.report_due()
    batch = ReportBatch.objects.get()
    url = f"/schools/{course.school.slug}/reporting/files/{batch.pk}/"
    client.force_login(
        SchoolMembershipFactory(school=course.school, role=SchoolMembership.Role.INSTRUCTOR).user
    )
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Disposition"].endswith('.xls"')
    assert response["Content-Type"] == "application/vnd.ms-excel"
    assert xls_rows(b"".join(response))[0] == tuple(COLUMNS)
    other = SchoolFactory()
    client.force_login(SchoolMembershipFactory(school=other, role=SchoolMembership.Role.ADMIN).user)
    assert client.get(f"/schools/{other.slug}/reporting/files/{batch.pk}/").status_code == 404


def test_reports_nearing_deadline_lists_what_is_due_within_the_days(catalog, florida):
    today = date(2026, 6, 10)  # CE Broker: 30 days
    school = SchoolFactory()
    course = florida_course(catalog=catalog, school=school, body=florida, number="20-5")
    due_today = bulk_completions(course=course, count=1, completed_on=today - timedelta(days=30))
    in_five = bulk_completions(
        course=course, count=1, completed_on=today - timedelta(days=25), licence=lambda i: ""
    )
    bulk_completions(course=course, count=1, completed_on=today - timedelta(days=31))  # overdue
    bulk_completions(course=course, count=1, completed_on=today - timedelta(days=20))  # 10 left
    reported = bulk_completions(course=course, count=1, completed_on=today - timedelta(days=28))
    CompletionReport.objects.create(
        certificate=reported[0], body=florida, reported_at=due_today[0].completed_at
    )

    with CaptureQueriesContext(connection) as queries:
        nearing = reports_nearing_deadline(days=7, today=today)
    assert [(n.certificate.pk, n.days_left) for n in nearing] == [
        (due_today[0].pk, 0),
        (in_five[0].pk, 5),
    ]
    assert nearing[1].reason == WAITING_LICENCE and nearing[1].school == school
    assert nearing[0].due_on == today
    assert len(queries) == 2  # the tracking bodies, then one query per body

    bulk_completions(course=course, count=20, completed_on=today - timedelta(days=27))
    with CaptureQueriesContext(connection) as queries:
        assert len(reports_nearing_deadline(days=7, today=today)) == 22
    assert len(queries) == 2
