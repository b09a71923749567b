"""The roster spreadsheet transport: CE Broker's documented columns, one file per batch, nobody
in two files; and the deadline reminders' selector (reports_nearing_deadline)."""

import io
import shutil
import subprocess
from datetime import date, datetime, timedelta

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from records import report_runs
from records.models import CompletionReport, ReportBatch, TrackingCredential
from records.report_status import WAITING_LICENCE, reports_nearing_deadline
from records.tracking.roster_spreadsheet import COLUMNS
from schools.models import SchoolMembership
from tests.factories import SchoolFactory, SchoolMembershipFactory
from tests.records.tracking_helpers import bulk_completions, cebroker_credential, florida_course
from tests.records.transcript_helpers import florida_board

pytestmark = pytest.mark.django_db
SPREADSHEET = TrackingCredential.Transport.ROSTER_SPREADSHEET


@pytest.fixture
def florida(db):
    return florida_board()


@pytest.fixture
def school(db):
    return SchoolFactory(slug="gulf", name="Gulf School")


@pytest.fixture
def course(catalog, school, florida):
    return florida_course(catalog=catalog, school=school, body=florida)


def sheet_rows(batch) -> list[tuple]:
    workbook = openpyxl.load_workbook(io.BytesIO(bytes(batch.document)))
    return list(workbook.active.iter_rows(values_only=True))


def test_each_batch_is_one_file_with_the_documented_columns_and_nobody_twice(
    course, florida, settings
):
    settings.TRACKING_BATCH_SIZE = 3
    first = bulk_completions(course=course, count=5, licence=lambda i: f"=MA1000{i}")
    cebroker_credential(school=course.school, url="", transport=SPREADSHEET)

    summary = report_runs.report_due()
    later = bulk_completions(course=course, count=2, licence=lambda i: f"MA2000{i}")
    report_runs.report_due()

    files = list(ReportBatch.objects.order_by("pk"))
    assert [b.record_count for b in files] == [3, 2, 2] and summary.accepted == 5
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


@pytest.mark.skipif(not shutil.which("libreoffice"), reason="LibreOffice is not installed")
def test_libreoffice_opens_the_roster(course, tmp_path):
    bulk_completions(course=course, count=2)
    cebroker_credential(school=course.school, url="", transport=SPREADSHEET)
    report_runs.report_due()
    path = tmp_path / "roster.xlsx"
    path.write_bytes(bytes(ReportBatch.objects.get().document))
    subprocess.run(  # noqa: S603 (our own file, a fixed command)
        [
            shutil.which("libreoffice"),
            "--headless",
            "--convert-to",
            "csv",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        check=True,
        timeout=120,
        capture_output=True,
    )
    text = (tmp_path / "roster.csv").read_text()
    assert text.splitlines()[0].startswith("A Provider tracking number")


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
    assert response.status_code == 200 and response["Content-Disposition"].endswith('.xlsx"')
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
