"""Reporting to CE Broker by itself, against the local fake service: each completion once,
rejections retried after correction, crashes and lost receipts never reporting anyone twice."""

from datetime import timedelta

import pytest
from django.utils import timezone

from records import report_runs
from records.models import CompletionReport, ReportBatch, ReportItem
from records.tracking.base import TransportError
from records.tracking.cebroker_xml import CEBrokerXMLTransport
from records.tracking.fake_cebroker import NOT_IN_DATABASE
from tests.factories import SchoolFactory
from tests.records.tracking_helpers import bulk_completions, cebroker_credential, florida_course
from tests.records.transcript_helpers import florida_board

pytestmark = pytest.mark.django_db


@pytest.fixture
def florida(db):
    return florida_board()


@pytest.fixture
def school(db):
    return SchoolFactory(slug="gulf", name="Gulf School")


@pytest.fixture
def course(catalog, school, florida):
    return florida_course(catalog=catalog, school=school, body=florida)


def reported_once(certificates, body) -> bool:
    ids = [c.pk for c in certificates]
    return CompletionReport.objects.filter(certificate_id__in=ids, body=body).count() == len(ids)


def later(seconds: int = 24 * 3600):
    return timezone.now() + timedelta(seconds=seconds)


def test_a_thousand_completions_across_three_schools_are_reported_once_each(
    catalog, florida, fake_cebroker, settings
):
    settings.TRACKING_BATCH_SIZE = 200
    certificates = []
    for n, count in enumerate((400, 350, 250)):
        school = SchoolFactory()
        course = florida_course(catalog=catalog, school=school, body=florida, number=f"20-{n}")
        certificates += bulk_completions(
            course=course, count=count, licence=lambda i, n=n: f"MA{n}{i:05d}"
        )
        cebroker_credential(school=school, url=fake_cebroker.url)

    summary = report_runs.report_due()

    assert (summary.sent, summary.accepted, summary.rejected) == (1000, 1000, 0)
    assert summary.batches == 2 + 2 + 2  # 200 a batch
    assert reported_once(certificates, florida)
    assert fake_cebroker.fake.roster_size() == 1000
    assert fake_cebroker.fake.refused_duplicates == 0
    assert max(fake_cebroker.fake.added.values()) == 1
    report = CompletionReport.objects.filter(certificate=certificates[0]).get()
    assert report.tracking_id and report.batch_reference.startswith("RCPT-")
    assert report.reported_by is None  # the nightly run

    again = report_runs.report_due(now=later())
    assert again.sent == 0 and fake_cebroker.fake.roster_size() == 1000


def test_the_message_carries_the_documented_fields(course, florida, fake_cebroker):
    [_certificate] = bulk_completions(course=course, count=1, licence=lambda i: "MA54321")
    credential = cebroker_credential(school=course.school, url=fake_cebroker.url)
    batch = report_runs.batch_claim(credential=credential, body=florida, now=timezone.now())
    from records.tracking.base import Batch
    from records.tracking.cebroker_xml import message_bytes

    message = message_bytes(
        Batch(
            idempotency_key=batch.idempotency_key,
            credentials=report_runs.credentials_for(credential),
            records=report_runs.batch_records(batch),
        )
    ).decode()
    assert 'id_provider="50-1234"' in message and 'id_course="20-991"' in message
    assert 'license="MA54321"' in message and 'cd_state="FL"' in message
    assert 'cd_profession="MT"' in message and 'date_completed="05/20/2026"' in message
    assert 'hours="3.00"' in message and "s3cret" not in message


def test_rejected_records_keep_the_message_and_are_sent_again_after_correction(
    course, florida, fake_cebroker
):
    certificates = bulk_completions(course=course, count=5)
    wrong = certificates[2].student
    fake_cebroker.fake.unknown_licences.add(wrong.licence_number)
    cebroker_credential(school=course.school, url=fake_cebroker.url)

    first = report_runs.report_due()
    assert (first.accepted, first.rejected) == (4, 1)
    item = ReportItem.objects.get(certificate=certificates[2])
    assert item.status == ReportItem.Status.REJECTED and item.message == NOT_IN_DATABASE

    # The same wrong number is not sent again night after night.
    assert report_runs.report_due(now=later()).sent == 0

    wrong.licence_number = "MA777777"
    wrong.save()
    item.refresh_from_db()
    assert item.status == ReportItem.Status.CORRECTED
    second = report_runs.report_due(now=later())
    assert (second.sent, second.accepted) == (1, 1)
    assert reported_once(certificates, florida)
    assert fake_cebroker.fake.refused_duplicates == 0
    assert ReportItem.objects.get(certificate=certificates[2]).licence_number == "MA777777"


def test_a_learner_who_adds_a_licence_late_is_reported_the_next_run(course, florida, fake_cebroker):
    [late, *others] = bulk_completions(
        course=course, count=3, licence=lambda i: "" if i == 0 else f"MA2000{i}"
    )
    cebroker_credential(school=course.school, url=fake_cebroker.url)

    assert report_runs.report_due().accepted == 2
    assert report_runs.waiting_for_licence(school=course.school, body=florida).count() == 1

    late.student.licence_number = "MA424242"
    late.student.save()
    assert report_runs.report_due(now=later()).accepted == 1
    assert reported_once([late, *others], florida)


class DiesAfterSending(CEBrokerXMLTransport):
    """Sends the message, then the worker is killed before the receipt is stored."""

    def send(self, batch):
        super().send(batch)
        raise SystemExit("worker killed")


def test_a_worker_killed_mid_batch_never_reports_anyone_twice(course, florida, fake_cebroker):
    certificates = bulk_completions(course=course, count=30)
    cebroker_credential(school=course.school, url=fake_cebroker.url)

    with pytest.raises(SystemExit):
        report_runs.report_due(transports={"cebroker_xml": DiesAfterSending(timeout=10)})
    batch = ReportBatch.objects.get()
    assert batch.status == ReportBatch.Status.CLAIMED and fake_cebroker.fake.roster_size() == 30
    assert not CompletionReport.objects.exists()

    # Within the dead worker's lease nothing is touched; after it, the batch is resent as is.
    assert report_runs.report_due().sent == 0
    summary = report_runs.report_due(now=later())
    assert (summary.batches, summary.already, summary.accepted) == (1, 30, 0)
    assert fake_cebroker.fake.uploads == [batch.idempotency_key] * 2
    assert reported_once(certificates, florida)
    assert max(fake_cebroker.fake.added.values()) == 1
    assert ReportBatch.objects.get().status == ReportBatch.Status.DONE


@pytest.mark.parametrize("failure", ["lost", "500", "malformed", "queued"])
def test_a_failed_or_lost_receipt_is_retried_with_backoff_and_nobody_is_reported_twice(
    course, florida, fake_cebroker, settings, failure
):
    settings.TRACKING_RETRY_BASE_SECONDS = 60
    certificates = bulk_completions(course=course, count=10)
    cebroker_credential(school=course.school, url=fake_cebroker.url)
    fake_cebroker.fake.script(failure, failure)
    now = timezone.now()

    first = report_runs.report_due(now=now)
    assert first.failed_batches == 1 and not CompletionReport.objects.exists()
    batch = ReportBatch.objects.get()
    assert batch.status == ReportBatch.Status.RETRY and batch.last_error
    assert batch.next_attempt_at == now + timedelta(seconds=60)

    assert report_runs.report_due(now=now + timedelta(seconds=59)).batches == 0
    second = report_runs.report_due(now=now + timedelta(seconds=61))
    assert second.failed_batches == 1
    batch.refresh_from_db()
    assert batch.next_attempt_at == now + timedelta(seconds=61 + 120)  # doubled

    third = report_runs.report_due(now=now + timedelta(seconds=200))
    assert third.failed_batches == 0 and third.sent == 10
    assert reported_once(certificates, florida)
    assert ReportBatch.objects.count() == 1
    assert max(fake_cebroker.fake.added.values()) == 1
    processed = {"lost": True, "500": False, "malformed": False, "queued": False}[failure]
    assert (third.already == 10) is processed


def test_a_slow_answer_times_out_and_the_resent_batch_counts_as_reported(
    course, florida, fake_cebroker
):
    certificates = bulk_completions(course=course, count=4)
    cebroker_credential(school=course.school, url=fake_cebroker.url)
    fake_cebroker.fake.script("slow")
    slow_client = {"cebroker_xml": CEBrokerXMLTransport(timeout=1)}

    first = report_runs.report_due(transports=slow_client)
    fake_cebroker.fake.release.set()
    assert first.failed_batches == 1 and "did not answer" in first.errors[0]

    second = report_runs.report_due(now=later())
    assert second.already == 4 and reported_once(certificates, florida)


def test_a_transport_error_stops_new_batches_for_that_school(course, florida, settings):
    settings.TRACKING_BATCH_SIZE = 2
    bulk_completions(course=course, count=6)
    cebroker_credential(school=course.school, url="http://127.0.0.1:9/roster")

    class Down:
        name = "cebroker_xml"

        def send(self, batch):
            raise TransportError("CE Broker did not answer: ConnectionError")

    summary = report_runs.report_due(transports={"cebroker_xml": Down()})
    assert summary.failed_batches == 1 and ReportBatch.objects.count() == 1


def test_backoff_doubles_up_to_the_cap(settings):
    settings.TRACKING_RETRY_BASE_SECONDS = 300
    settings.TRACKING_RETRY_MAX_SECONDS = 3600
    assert [report_runs.backoff(n).total_seconds() for n in (1, 2, 3, 4, 5)] == [
        300,
        600,
        1200,
        2400,
        3600,
    ]


def test_the_command_reports_what_is_due(course, florida, fake_cebroker):
    from io import StringIO

    from django.core.management import call_command

    certificates = bulk_completions(course=course, count=3)
    cebroker_credential(school=course.school, url=fake_cebroker.url)
    out = StringIO()
    call_command("report_completions", "--school", course.school.slug, stdout=out)
    assert "3 record(s) sent: 3 accepted" in out.getvalue()
    assert reported_once(certificates, florida)


def test_secrets_need_a_key_outside_development(settings):
    from django.core.exceptions import ImproperlyConfigured

    from records import crypto

    token = crypto.encrypt("pw")
    assert token != "pw" and crypto.decrypt(token) == "pw"
    settings.FIELD_ENCRYPTION_KEY = ""
    settings.DEBUG = False
    with pytest.raises(ImproperlyConfigured):
        crypto.encrypt("pw")
