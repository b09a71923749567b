"""Reporting completions to tracking systems by itself: nightly and on demand.

For each school with credentials for a tracking system, and each body using that system:

1. Batches that are due again are resent first, unchanged (same records, same key): a worker
   that died mid-batch (its lease ran out) or a receipt that never came.
2. Then the completions still unreported are claimed, TRACKING_BATCH_SIZE at a time, into a new
   batch (one transaction: each completion's ReportItem points at the batch before anything is
   sent), and the batch is sent.
3. The receipt is stored record by record in one transaction: accepted (or already on the
   roster) becomes a CompletionReport with the receipt and record identifiers; rejected keeps
   the message for the school and waits for a correction: of the learner's licence number, or
   of the course's tracking number by the school.

Nobody is reported twice: a completion is in at most one open batch (ReportItem is unique per
completion and body and is claimed only when not in flight), a resent batch carries the same
records, and a licensee the tracking system already has on the roster counts as reported.
A batch that fails (timeout, 5xx, unreadable receipt) is retried after BASE, 2 x BASE, 4 x BASE
seconds... Completions without a licence number wait; they are sent the first run after the
learner enters one, as are rejected ones after the learner changes the number or the school
changes the course's approval number.

Which course and provider numbers are sent: the approval's current ones, not those frozen in the
certificate's snapshot. They name the course's roster and the provider's account at the
tracking system, they do not describe the credit earned: a school changes them to correct a
number the tracking system refused, and a completion is reported within the body's window
(30 days for CE Broker), while the number in force at completion is still in force. Hours,
title and subject areas stay the snapshot's, and the certificate (PDF, verify page) keeps
printing its snapshot: it is the record that was issued. An accepted record is never sent
again, so a later renumbering leaves it alone; an unreported one goes under the new number.
"""

import gc
import logging
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from certificates.models import Certificate
from courses.models import AccreditingBody, CourseApproval, ProviderApproval
from records import crypto, tracking
from records.licences import board_format
from records.models import CompletionReport, ReportBatch, ReportItem, TrackingCredential
from records.reporting import approval_for, provider_number_for, unreported_certificates
from records.tracking.base import (
    Batch,
    Credentials,
    Outcome,
    Receipt,
    RosterRecord,
    SubjectCredit,
    Transport,
    TransportError,
)
from schools.models import School

logger = logging.getLogger(__name__)
ALREADY_NOTE = "Already on the roster: counted as reported."
ITEM_CHUNK = 500


@dataclass
class RunSummary:
    batches: int = 0
    sent: int = 0
    accepted: int = 0
    already: int = 0
    rejected: int = 0
    failed_batches: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: "RunSummary") -> None:
        for name in ("batches", "sent", "accepted", "already", "rejected", "failed_batches"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors.extend(other.errors)


# --- What is due ----------------------------------------------------------------------------


def credentials_for(credential: TrackingCredential) -> Credentials:
    return Credentials(
        provider_id=credential.provider_id,
        username=credential.username,
        secret=crypto.decrypt(credential.secret_encrypted),
        endpoint_url=credential.endpoint_url
        or tracking.default_endpoint(credential.tracking_system),
    )


def bodies_for(credential: TrackingCredential) -> QuerySet[AccreditingBody]:
    """The bodies tracked by the credential's system that approved a course of its school."""
    return AccreditingBody.objects.filter(
        tracking_system__iexact=credential.tracking_system,
        pk__in=CourseApproval.objects.filter(course__school_id=credential.school_id).values(
            "body_id"
        ),
    ).order_by("pk")


def course_number_now(body: AccreditingBody, course: str = "course_id") -> Subquery:
    """The approval number `body` gives the course (the OuterRef `course`) now."""
    approvals = CourseApproval.objects.filter(course_id=OuterRef(course), body=body)
    return Subquery(approvals.values("approval_number")[:1])


def _in_flight_or_waiting(body: AccreditingBody) -> Exists:
    """A ReportItem holds this completion back: in a batch, or rejected with the licence number
    and course number still current. A blank course number was never sent (a licence held back
    at issue, records/licence_recheck.py): only the licence number can release it."""
    items = ReportItem.objects.filter(certificate=OuterRef("pk"), body=body).filter(
        Q(status=ReportItem.Status.CLAIMED)
        | Q(
            Q(course_number="") | Q(course_number=OuterRef("course_number_now")),
            status=ReportItem.Status.REJECTED,
            licence_number=OuterRef("student__licence_number"),
        )
    )
    return Exists(items)


def due_certificates(*, school: School, body: AccreditingBody) -> QuerySet[Certificate]:
    """Unreported completions that can be sent now: the learner has a licence number on file,
    the completion is not in a batch, and it was not rejected for the licence number and course
    number still on file. Each carries `course_number_now`, the number to send."""
    return (
        unreported_certificates(school=school, body=body)
        .exclude(student__licence_number="")
        .annotate(course_number_now=course_number_now(body))
        .filter(~_in_flight_or_waiting(body))
        .order_by("course_id", "pk")
    )


def waiting_for_licence(*, school: School, body: AccreditingBody) -> QuerySet[Certificate]:
    return unreported_certificates(school=school, body=body).filter(student__licence_number="")


# --- Claiming -------------------------------------------------------------------------------


def _lease_until(now: datetime) -> datetime:
    return now + timedelta(seconds=settings.TRACKING_LEASE_SECONDS)


def backoff(attempts: int) -> timedelta:
    """BASE, 2 x BASE, 4 x BASE... after the 1st, 2nd, 3rd failed attempt, at most MAX."""
    seconds = settings.TRACKING_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0)
    return timedelta(seconds=min(seconds, settings.TRACKING_RETRY_MAX_SECONDS))


@transaction.atomic
def batch_claim(
    *,
    credential: TrackingCredential,
    body: AccreditingBody,
    now: datetime,
    requested_by=None,
    size: int | None = None,
) -> ReportBatch | None:
    """Claim up to `size` due completions into a new batch, before anything is sent.

    New completions get a ReportItem (unique per completion and body: a second worker claiming
    the same one fails and rolls back); corrected ones move to the batch by a conditional
    update. Returns None when nothing is due.
    """
    size = size or settings.TRACKING_BATCH_SIZE
    school = credential.school
    due = list(
        due_certificates(school=school, body=body).values_list(
            "pk", "student__licence_number", "course_number_now"
        )[:size]
    )
    if not due:
        return None
    batch = ReportBatch.objects.create(
        school=school,
        body=body,
        transport=credential.transport,
        idempotency_key=uuid.uuid4().hex,
        status=ReportBatch.Status.CLAIMED,
        attempts=0,
        next_attempt_at=_lease_until(now),
        requested_by=requested_by,
        record_count=len(due),
    )
    ids = [pk for pk, _, _ in due]
    of_certificate = Certificate.objects.filter(pk=OuterRef("certificate_id"))
    licence_of = Subquery(of_certificate.values("student__licence_number")[:1])
    course_number_of = Subquery(
        of_certificate.filter(course__approvals__body=body).values(
            "course__approvals__approval_number"
        )[:1]
    )
    again = ReportItem.objects.filter(body=body, certificate_id__in=ids).exclude(
        status__in=[ReportItem.Status.CLAIMED, ReportItem.Status.ACCEPTED]
    )
    existing = set(again.values_list("certificate_id", flat=True))
    again.update(
        batch=batch,
        status=ReportItem.Status.CLAIMED,
        licence_number=licence_of,
        course_number=course_number_of,
        message="",
    )
    ReportItem.objects.bulk_create(
        [
            ReportItem(
                certificate_id=pk,
                body=body,
                batch=batch,
                licence_number=licence,
                course_number=number or "",
            )
            for pk, licence, number in due
            if pk not in existing
        ],
        batch_size=ITEM_CHUNK,
    )
    return batch


def batch_take(*, batch_id: int, now: datetime) -> bool:
    """Take a batch that is due again (its lease ran out, or its retry time came): one UPDATE,
    so of two workers only one gets it."""
    taken = ReportBatch.objects.filter(
        pk=batch_id,
        status__in=[ReportBatch.Status.CLAIMED, ReportBatch.Status.RETRY],
        next_attempt_at__lte=now,
    ).update(status=ReportBatch.Status.CLAIMED, next_attempt_at=_lease_until(now))
    return taken == 1


# --- Sending --------------------------------------------------------------------------------


def _hours(value) -> Decimal:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return Decimal("0")


def _subject_credits(approval: dict, subject_areas: dict) -> tuple[SubjectCredit, ...]:
    """Partial credit when the body's approval lists hours per subject area: its own codes
    ({"subject_areas": [{"code", "hours"}]}, set on the course approval), else per topic
    ({"topic_hours": {...}}) mapped through the board's codes."""
    explicit = approval.get("subject_areas") or ()
    if explicit:
        return tuple(
            SubjectCredit(code=area["code"], hours=_hours(area.get("hours", "0")))
            for area in explicit
            if area.get("code")
        )
    by_topic = approval.get("topic_hours") or {}
    return tuple(
        SubjectCredit(code=subject_areas[slug], hours=_hours(hours))
        for slug, hours in by_topic.items()
        if slug in subject_areas
    )


def provider_number_now(batch: ReportBatch) -> Subquery:
    """The school's provider number with the batch's body now (NULL when it has none): a
    column of the items' query, not a query more per batch."""
    numbers = ProviderApproval.objects.filter(school_id=batch.school_id, body_id=batch.body_id)
    return Subquery(numbers.values("provider_number")[:1])


def batch_records(batch: ReportBatch) -> Iterator[RosterRecord]:
    """The batch's records, read in chunks (memory stays flat), grouped by course.

    The course number is the one claimed with the item (the approval's when claimed), so a
    resent batch carries what was sent and the item says which number a rejection was for; the
    provider number is the school's current one, the snapshot's only when it has none (see the
    module's docstring for why not the snapshot's)."""
    board = board_format(batch.body)
    items = (
        ReportItem.objects.filter(batch=batch, status=ReportItem.Status.CLAIMED)
        .annotate(provider_now=provider_number_now(batch))
        .select_related("certificate__student")
        .only(
            "pk",
            "licence_number",
            "course_number",
            "certificate__completed_at",
            "certificate__course_id",
            "certificate__snapshot",
            "certificate__student__legal_name",
        )
        .order_by("certificate__course_id", "pk")
    )
    abbreviation = batch.body.abbreviation
    for item in items.iterator(chunk_size=ITEM_CHUNK):
        certificate = item.certificate
        snapshot = certificate.snapshot or {}
        approval = approval_for(snapshot, abbreviation)
        name = (certificate.student.legal_name or "").split()
        yield RosterRecord(
            key=f"r{item.pk}",
            licence_number=item.licence_number,
            state=board.state,
            profession=board.profession,
            provider_number=item.provider_now or provider_number_for(snapshot, abbreviation),
            course_number=item.course_number or approval.get("approval_number", ""),
            publishing=approval.get("publishing", ""),
            completed_on=timezone.localdate(certificate.completed_at),
            hours=_hours(approval.get("ce_hours", "0")),
            first_name=name[0] if name else "",
            last_name=name[-1] if len(name) > 1 else "",
            subject_credits=_subject_credits(approval, board.subject_areas),
        )


@transaction.atomic
def receipt_store(*, batch: ReportBatch, receipt: Receipt, now: datetime) -> RunSummary:
    """Each record's result, all or nothing: reported ones get their CompletionReport."""
    summary = RunSummary(batches=1)
    by_pk = {int(r.key[1:]): r for r in receipt.results if r.key[1:].isdigit()}
    reference = (receipt.receipt_id or batch.idempotency_key)[:100]
    for start in range(0, len(by_pk), ITEM_CHUNK):
        chunk = list(by_pk)[start : start + ITEM_CHUNK]
        items = list(
            ReportItem.objects.filter(
                batch=batch, status=ReportItem.Status.CLAIMED, pk__in=chunk
            ).only("pk", "certificate_id", "body_id")
        )
        reports = []
        for item in items:
            result = by_pk[item.pk]
            if result.reported:
                item.status = ReportItem.Status.ACCEPTED
                item.tracking_id = result.identifier[:100]
                item.message = ALREADY_NOTE if result.outcome == Outcome.ALREADY_REPORTED else ""
                reports.append(
                    CompletionReport(
                        certificate_id=item.certificate_id,
                        body_id=item.body_id,
                        reported_at=now,
                        reported_by=batch.requested_by,
                        batch_reference=reference,
                        tracking_id=item.tracking_id,
                    )
                )
                if result.outcome == Outcome.ALREADY_REPORTED:
                    summary.already += 1
                else:
                    summary.accepted += 1
            else:
                item.status = ReportItem.Status.REJECTED
                item.message = (result.message or "Rejected without a message.")[:500]
                summary.rejected += 1
            item.updated_at = now
        ReportItem.objects.bulk_update(
            items, ["status", "tracking_id", "message", "updated_at"], batch_size=ITEM_CHUNK
        )
        # Marked by hand meanwhile: the unique constraint keeps that first report.
        CompletionReport.objects.bulk_create(reports, ignore_conflicts=True)
    summary.sent = batch.record_count
    unanswered = ReportItem.objects.filter(batch=batch, status=ReportItem.Status.CLAIMED).exists()
    batch.receipt_id = reference
    batch.document = receipt.document or batch.document
    batch.document_name = receipt.document_name or batch.document_name
    if unanswered:  # the receipt left some out: those are sent again with the batch
        batch.status = ReportBatch.Status.RETRY
        batch.next_attempt_at = now + backoff(batch.attempts)
        batch.last_error = "The receipt did not answer for every record."
    else:
        batch.status = ReportBatch.Status.DONE
        batch.finished_at = now
        batch.last_error = ""
    batch.save(
        update_fields=[
            "receipt_id",
            "document",
            "document_name",
            "status",
            "next_attempt_at",
            "last_error",
            "finished_at",
        ]
    )
    return summary


def batch_failed(*, batch: ReportBatch, error: str, now: datetime) -> None:
    ReportBatch.objects.filter(pk=batch.pk).update(
        status=ReportBatch.Status.RETRY,
        next_attempt_at=now + backoff(batch.attempts),
        last_error=error[:500],
    )


def batch_send(
    *, batch: ReportBatch, credential: TrackingCredential, transport: Transport, now: datetime
) -> RunSummary:
    ReportBatch.objects.filter(pk=batch.pk).update(attempts=F("attempts") + 1)
    batch.attempts += 1
    message = Batch(
        idempotency_key=batch.idempotency_key,
        credentials=credentials_for(credential),
        records=batch_records(batch),
    )
    try:
        receipt = transport.send(message)
    except TransportError as error:
        logger.warning("Batch %s failed: %s", batch.idempotency_key, error)
        batch_failed(batch=batch, error=str(error), now=now)
        return RunSummary(batches=1, failed_batches=1, errors=[str(error)])
    return receipt_store(batch=batch, receipt=receipt, now=timezone.now())


# --- The run --------------------------------------------------------------------------------


def _transport(credential: TrackingCredential, transports: dict | None) -> Transport:
    if transports and credential.transport in transports:
        return transports[credential.transport]
    return tracking.transport_for(
        name=credential.transport, tracking_system=credential.tracking_system
    )


def report_for_credential(
    *,
    credential: TrackingCredential,
    now: datetime,
    requested_by=None,
    transports: dict | None = None,
) -> RunSummary:
    summary = RunSummary()
    transport = _transport(credential, transports)
    for body in bodies_for(credential):
        due_again = ReportBatch.objects.filter(
            school_id=credential.school_id,
            body=body,
            status__in=[ReportBatch.Status.CLAIMED, ReportBatch.Status.RETRY],
            next_attempt_at__lte=now,
        ).values_list("pk", flat=True)
        failed = False
        for batch_id in list(due_again):
            if not batch_take(batch_id=batch_id, now=now):
                continue
            batch = ReportBatch.objects.select_related("body", "requested_by").get(pk=batch_id)
            result = batch_send(batch=batch, credential=credential, transport=transport, now=now)
            summary.add(result)
            failed = failed or bool(result.failed_batches)
        while not failed:
            batch = batch_claim(
                credential=credential, body=body, now=now, requested_by=requested_by
            )
            if batch is None:
                break
            result = batch_send(batch=batch, credential=credential, transport=transport, now=now)
            summary.add(result)
            failed = bool(result.failed_batches)  # the service is down: the rest waits
            # A batch's ORM objects leave reference cycles; collecting them after each batch
            # keeps the run's memory at one batch's worth however many batches follow.
            gc.collect()
    return summary


def report_due(
    *,
    school: School | None = None,
    now: datetime | None = None,
    requested_by=None,
    transports: dict | None = None,
) -> RunSummary:
    """Report what is due for every school with credentials (or just `school`)."""
    now = now or timezone.now()
    credentials = TrackingCredential.objects.filter(enabled=True).select_related("school")
    if school is not None:
        credentials = credentials.filter(school=school)
    summary = RunSummary()
    for credential in credentials.order_by("school_id", "tracking_system"):
        summary.add(
            report_for_credential(
                credential=credential, now=now, requested_by=requested_by, transports=transports
            )
        )
    return summary


def licence_corrected(*, user) -> int:
    """The learner changed their licence number: completions rejected for the old one are sent
    again on the next run. Returns how many."""
    return (
        ReportItem.objects.filter(certificate__student=user, status=ReportItem.Status.REJECTED)
        .exclude(licence_number=user.licence_number)
        .update(status=ReportItem.Status.CORRECTED, updated_at=timezone.now())
    )
