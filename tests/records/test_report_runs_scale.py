"""The nightly run at scale: its queries are a constant per batch (whatever the batch holds, up
to TRACKING_BATCH_SIZE) and its memory peak is bounded by one batch, not by the completions."""

import gc
import re
import tracemalloc

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from records import report_runs
from records.models import CompletionReport, TrackingCredential
from records.tracking.base import Outcome, Receipt, RecordResult
from records.tracking.cebroker_xml import message_bytes
from tests.factories import SchoolFactory
from tests.records.tracking_helpers import bulk_completions, cebroker_credential, florida_course
from tests.records.transcript_helpers import florida_board

pytestmark = pytest.mark.django_db
BATCH = 50


class AcceptAll:
    """Builds the real XML message, then accepts every record: a fake that keeps no state, so
    the memory measured is the run's own."""

    name = "cebroker_xml"

    def send(self, batch):
        keys = re.findall(rb' key="(r\d+)"', message_bytes(batch))
        results = [RecordResult(k.decode(), Outcome.ACCEPTED, f"A{k.decode()}") for k in keys]
        return Receipt(receipt_id="RCPT-1", results=results)


XML = TrackingCredential.Transport.CEBROKER_XML
XLS = TrackingCredential.Transport.ROSTER_SPREADSHEET


def completions_of_a_new_school(*, catalog, body, count: int, transport=XML):
    school = SchoolFactory()
    course = florida_course(catalog=catalog, school=school, body=body, number=f"20-{count}")
    bulk_completions(course=course, count=count, licence=lambda i: f"MA{count}{i:04d}")
    cebroker_credential(school=school, url="http://127.0.0.1:9/unused", transport=transport)
    return school


def report(school, count):
    # The spreadsheet transport is the real one: it writes each batch's .xls, calling nobody.
    summary = report_runs.report_due(school=school, transports={XML: AcceptAll()})
    assert summary.accepted == count
    assert CompletionReport.objects.filter(certificate__school=school).count() == count
    return summary.batches


def queries_of_a_run(*, catalog, body, count: int, transport=XML) -> tuple[int, int]:
    school = completions_of_a_new_school(
        catalog=catalog, body=body, count=count, transport=transport
    )
    with CaptureQueriesContext(connection) as queries:
        batches = report(school, count)
    return batches, len(queries)


def memory_peak_of_a_run(*, catalog, body, count: int, transport=XML) -> int:
    school = completions_of_a_new_school(
        catalog=catalog, body=body, count=count, transport=transport
    )
    gc.collect()
    tracemalloc.start()
    try:
        report(school, count)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak


# Outside a test transaction, as in production: each batch's savepoint names would otherwise be
# new SQL text for SQLite's statement cache (128 statements) and blur the memory measurement.
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("transport", [XML, XLS])
def test_queries_per_batch_and_memory_stay_flat_as_completions_grow(catalog, settings, transport):
    settings.TRACKING_BATCH_SIZE = BATCH
    body = florida_board()
    run = {"catalog": catalog, "body": body, "transport": transport}
    queries_of_a_run(**run, count=BATCH)  # warm caches (content types...)

    small_batches, small_queries = queries_of_a_run(**run, count=100)
    big_batches, big_queries = queries_of_a_run(**run, count=800)
    assert (small_batches, big_batches) == (2, 16)
    # A batch costs 16 queries whatever it holds (up to TRACKING_BATCH_SIZE): claim 4, send 2,
    # receipt 6, and its two transactions. The run adds 7: credentials, bodies, batches due
    # again, the last claim that finds nothing.
    assert small_queries - 16 * small_batches == big_queries - 16 * big_batches == 7

    small_peak = memory_peak_of_a_run(**run, count=100)
    big_peak = memory_peak_of_a_run(**run, count=800)
    # Eight times the completions: the peak is still one batch's worth.
    assert big_peak < small_peak * 1.3, (small_peak, big_peak)
