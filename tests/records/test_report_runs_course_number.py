"""A course number CE Broker refuses: the school corrects the course's approval number and the
next run reports the rejected records once, with the new number; the certificates keep the
number frozen in their snapshot."""

import importlib
from datetime import timedelta

import pytest
from django.apps import apps
from django.utils import timezone

from courses.models import CourseApproval, ProviderApproval
from records import report_runs
from records.models import CompletionReport, ReportItem
from records.tracking.base import Batch
from records.tracking.cebroker_xml import message_bytes
from records.tracking.fake_cebroker import NOT_IN_DATABASE, UNKNOWN_COURSE
from tests.factories import SchoolFactory
from tests.records.tracking_helpers import bulk_completions, cebroker_credential, florida_course
from tests.records.transcript_helpers import florida_board

pytestmark = pytest.mark.django_db

WRONG, RIGHT = "20-404", "20-991"


@pytest.fixture
def florida(db):
    return florida_board()


@pytest.fixture
def school(db):
    return SchoolFactory(slug="gulf", name="Gulf School")


@pytest.fixture
def course(catalog, school, florida):
    return florida_course(catalog=catalog, school=school, body=florida, number=WRONG)


def later(hours: int = 24):
    return timezone.now() + timedelta(hours=hours)


def correct_course_number(course, number: str = RIGHT) -> None:
    CourseApproval.objects.filter(course=course).update(approval_number=number)


def test_a_record_rejected_for_its_course_number_is_reported_once_after_the_school_corrects_it(
    course, florida, fake_cebroker
):
    certificates = bulk_completions(course=course, count=3)
    fake_cebroker.fake.unknown_courses.add(WRONG)
    cebroker_credential(school=course.school, url=fake_cebroker.url)

    first = report_runs.report_due()
    assert (first.sent, first.accepted, first.rejected) == (3, 0, 3)
    items = ReportItem.objects.filter(certificate__in=certificates)
    assert {(i.status, i.course_number, i.message) for i in items} == {
        (ReportItem.Status.REJECTED, WRONG, UNKNOWN_COURSE)
    }
    # Not sent again night after night while the number is the same.
    assert report_runs.report_due(now=later()).sent == 0

    correct_course_number(course)
    second = report_runs.report_due(now=later(48))
    assert (second.sent, second.accepted, second.rejected) == (3, 3, 0)
    assert second.batches == 1
    for certificate in certificates:
        report = CompletionReport.objects.get(certificate=certificate, body=florida)
        assert report.tracking_id and report.batch_reference.startswith("RCPT-")
        assert fake_cebroker.fake.on_roster(RIGHT, certificate.student.licence_number)
    assert fake_cebroker.fake.refused_duplicates == 0
    assert max(fake_cebroker.fake.added.values()) == 1
    assert {(i.status, i.course_number) for i in items.all()} == {
        (ReportItem.Status.ACCEPTED, RIGHT)
    }

    assert report_runs.report_due(now=later(72)).sent == 0
    # The certificate is the record that was issued: it keeps the number it was issued with.
    certificates[0].refresh_from_db()
    assert certificates[0].snapshot["approvals"][0]["approval_number"] == WRONG


def test_the_report_carries_the_current_course_and_provider_numbers(course, florida, fake_cebroker):
    [certificate] = bulk_completions(course=course, count=1, licence=lambda i: "MA54321")
    correct_course_number(course)
    ProviderApproval.objects.create(school=course.school, body=florida, provider_number="50-777")
    credential = cebroker_credential(school=course.school, url=fake_cebroker.url)

    batch = report_runs.batch_claim(credential=credential, body=florida, now=timezone.now())
    correct_course_number(course, "20-555")  # after the claim: the claimed batch is resent as is
    message = message_bytes(
        Batch(
            idempotency_key=batch.idempotency_key,
            credentials=report_runs.credentials_for(credential),
            records=report_runs.batch_records(batch),
        )
    ).decode()

    assert f'id_course="{RIGHT}"' in message and 'id_provider="50-777"' in message
    assert ReportItem.objects.get(certificate=certificate).course_number == RIGHT
    assert certificate.snapshot["approvals"][0]["approval_number"] == WRONG


def test_a_licence_rejection_is_sent_again_when_the_course_number_changes_and_only_then(
    course, florida, fake_cebroker
):
    [certificate] = bulk_completions(course=course, count=1, licence=lambda i: "MA600001")
    fake_cebroker.fake.unknown_licences.add("MA600001")
    cebroker_credential(school=course.school, url=fake_cebroker.url)

    assert report_runs.report_due().rejected == 1
    assert report_runs.report_due(now=later()).sent == 0
    correct_course_number(course)
    again = report_runs.report_due(now=later(48))
    assert (again.sent, again.rejected) == (1, 1)
    item = ReportItem.objects.get(certificate=certificate)
    assert (item.message, item.course_number) == (NOT_IN_DATABASE, RIGHT)
    assert report_runs.report_due(now=later(72)).sent == 0


def test_a_record_held_back_before_it_was_sent_waits_for_the_licence_not_the_course_number(
    course, florida, fake_cebroker
):
    [certificate] = bulk_completions(course=course, count=1, licence=lambda i: "MA600002")
    ReportItem.objects.create(
        certificate=certificate,
        body=florida,
        status=ReportItem.Status.REJECTED,
        licence_number="MA600002",
        message="Not in the state's format.",
    )  # as records/licence_recheck.py holds it back at issue: no course number sent
    cebroker_credential(school=course.school, url=fake_cebroker.url)

    correct_course_number(course)
    assert report_runs.report_due().sent == 0


def test_rows_from_before_the_column_get_the_number_their_snapshot_sent(course, florida):
    certificates = bulk_completions(course=course, count=2)
    ReportItem.objects.bulk_create(
        [
            ReportItem(
                certificate=c,
                body=florida,
                status=ReportItem.Status.REJECTED,
                licence_number=c.student.licence_number,
            )
            for c in certificates
        ]
    )
    migration = importlib.import_module("records.migrations.0005_report_item_course_number")

    migration.sent_numbers(apps, None)

    assert set(ReportItem.objects.values_list("course_number", flat=True)) == {WRONG}
    assert not report_runs.due_certificates(school=course.school, body=florida).exists()
    correct_course_number(course)
    due = report_runs.due_certificates(school=course.school, body=florida)
    assert {c.pk for c in due} == {c.pk for c in certificates}
