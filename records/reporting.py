"""Reporting completions to state tracking systems (CE Broker...) within each body's deadline.

A completion is due to a body that tracks CE when the course was approved by that body: the
provider reports it within the body's `reporting_days` (30 for CE Broker) of the completion
date. Reads (what is still to report, how many days are left) and the one write (marking
completions reported, with who and when) live here. Every printed value comes from the
certificate's snapshot, as on the certificate.

Days left count calendar days in the site's time zone: a course completed today has the full
30 days left, on day 30 it is due today (0 left), and from day 31 it is overdue.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from certificates.models import Certificate
from courses.models import AccreditingBody, CourseApproval
from records.models import CompletionReport
from records.selectors import board_body
from schools.models import School

DUE_SOON_DAYS = 7
PENDING_SHOWN = 200
NOTHING_CHOSEN = "Tick the completions to mark, or mark the whole downloaded roster."
NOT_REPORTABLE = (
    "Some of these certificates are not this school's issued completions of a course the body "
    "approved: nothing was marked."
)

ROSTER_COLUMNS = [
    "Licensee name",
    "Licence number",
    "Licence state/board",
    "Provider number",
    "Course approval number",
    "Approved course title",
    "CE hours",
    "Completion date",
    "Certificate number",
    "Days left to report",
]


# --- Dates ----------------------------------------------------------------------------------


def _midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def days_left(*, completed_on: date, today: date, reporting_days: int) -> int:
    """Days left to report a completion: negative once overdue."""
    return reporting_days - (today - completed_on).days


def overdue_before(*, body: AccreditingBody, today: date) -> datetime:
    """Completions before this moment are overdue (fewer than 0 days left)."""
    return _midnight(today - timedelta(days=body.reporting_days))


def due_soon_before(*, body: AccreditingBody, today: date) -> datetime:
    """Completions before this moment have DUE_SOON_DAYS days left or fewer."""
    return _midnight(today - timedelta(days=body.reporting_days - DUE_SOON_DAYS - 1))


# --- What is still to report ----------------------------------------------------------------


@dataclass(frozen=True)
class BodyDeadlines:
    body: AccreditingBody
    unreported: int
    overdue: int
    due_soon: int  # DUE_SOON_DAYS days left or fewer, not yet overdue


@dataclass(frozen=True)
class PendingCompletion:
    certificate: Certificate
    completed_on: date
    days_left: int
    row: list
    board_matches: bool

    @property
    def is_overdue(self) -> bool:
        return self.days_left < 0

    @property
    def overdue_days(self) -> int:
        return max(-self.days_left, 0)


def tracking_bodies(*, school: School) -> list[AccreditingBody]:
    """Bodies with a tracking system that approved at least one of the school's courses."""
    approved = CourseApproval.objects.filter(course__school=school).values("body_id")
    return list(
        AccreditingBody.objects.exclude(tracking_system="")
        .filter(pk__in=approved)
        .order_by("tracking_system", "name")
    )


def reportable_certificates(*, school: School, body: AccreditingBody) -> QuerySet[Certificate]:
    """The school's issued certificates of courses `body` approved, reported or not, that
    claim its credit: not those whose learner chose other boards or has not met this body's
    own rules yet (WithheldCredit, certificates/board_rules.py)."""
    return Certificate.objects.filter(
        school=school, status=Certificate.Status.ISSUED, course__approvals__body=body
    ).exclude(withheld_credits__body=body)


def unreported_certificates(
    *, school: School, body: AccreditingBody, as_of: datetime | None = None
) -> QuerySet[Certificate]:
    """Completions not yet reported to `body`, oldest (most urgent) first.

    `as_of` leaves out certificates issued after it: a roster downloaded at that moment and
    the batch marked from it hold the same completions.
    """
    reported = CompletionReport.objects.filter(certificate=OuterRef("pk"), body=body)
    certificates = reportable_certificates(school=school, body=body).filter(~Exists(reported))
    if as_of is not None:
        certificates = certificates.filter(issued_at__lte=as_of)
    return certificates.order_by("completed_at", "pk")


def body_deadlines(
    *, school: School, bodies: list[AccreditingBody], today: date
) -> list[BodyDeadlines]:
    """Counts per body: one query each, whatever the number of completions."""
    summaries = []
    for body in bodies:
        overdue_cut = overdue_before(body=body, today=today)
        counts = unreported_certificates(school=school, body=body).aggregate(
            unreported=Count("pk"),
            overdue=Count("pk", filter=Q(completed_at__lt=overdue_cut)),
            due_soon=Count(
                "pk",
                filter=Q(
                    completed_at__gte=overdue_cut,
                    completed_at__lt=due_soon_before(body=body, today=today),
                ),
            ),
        )
        summaries.append(BodyDeadlines(body=body, **counts))
    return summaries


def approval_for(snapshot: dict, abbreviation: str) -> dict:
    wanted = abbreviation.casefold()
    return next(
        (a for a in snapshot.get("approvals") or () if str(a.get("body", "")).casefold() == wanted),
        {},
    )


def provider_number_for(snapshot: dict, abbreviation: str) -> str:
    wanted = abbreviation.casefold()
    for approval in (snapshot.get("provider") or {}).get("approvals") or ():
        if str(approval.get("body", "")).casefold() == wanted:
            return approval.get("provider_number", "")
    return ""


def pending_completion(
    certificate: Certificate, *, body: AccreditingBody, today: date
) -> PendingCompletion:
    snapshot = certificate.snapshot or {}
    learner = snapshot.get("learner") or {}
    approval = approval_for(snapshot, body.abbreviation)
    completed_on = timezone.localdate(certificate.completed_at)
    left = days_left(completed_on=completed_on, today=today, reporting_days=body.reporting_days)
    row = [
        learner.get("name", ""),
        learner.get("licence_number", ""),
        learner.get("licensing_board", ""),
        provider_number_for(snapshot, body.abbreviation),
        approval.get("approval_number", ""),
        approval.get("approved_title", ""),
        approval.get("ce_hours", ""),
        completed_on.isoformat(),
        certificate.number,
        left,
    ]
    board = learner.get("licensing_board", "")
    return PendingCompletion(
        certificate=certificate,
        completed_on=completed_on,
        days_left=left,
        row=row,
        board_matches=board_body(board=board, bodies=[body]) is not None,
    )


def pending_completions(
    *, school: School, body: AccreditingBody, today: date, limit: int = PENDING_SHOWN
) -> list[PendingCompletion]:
    certificates = unreported_certificates(school=school, body=body).only(
        "number", "snapshot", "completed_at"
    )[:limit]
    return [pending_completion(c, body=body, today=today) for c in certificates]


def roster_rows(
    *, school: School, body: AccreditingBody, as_of: datetime, today: date
) -> Iterator[list]:
    """ROSTER_COLUMNS for every unreported completion, fetched in chunks: memory stays flat."""
    certificates = unreported_certificates(school=school, body=body, as_of=as_of).only(
        "number", "snapshot", "completed_at"
    )
    for certificate in certificates.iterator(chunk_size=500):
        yield pending_completion(certificate, body=body, today=today).row


# --- Marking reported -----------------------------------------------------------------------


@transaction.atomic
def completions_mark_reported(
    *,
    school: School,
    body: AccreditingBody,
    reported_by,
    certificate_ids: list[int] | None = None,
    as_of: datetime | None = None,
    batch_reference: str = "",
) -> int:
    """Record that these completions were reported to `body`: the ticked `certificate_ids`, or
    every one still unreported that was issued by `as_of` (a downloaded roster). Marking one
    already marked changes nothing. Returns how many were newly marked."""
    if certificate_ids:
        wanted = set(certificate_ids)
        found = set(
            reportable_certificates(school=school, body=body)
            .filter(pk__in=wanted)
            .values_list("pk", flat=True)
        )
        if found != wanted:
            raise ValidationError(NOT_REPORTABLE)
        already = set(
            CompletionReport.objects.filter(body=body, certificate_id__in=wanted).values_list(
                "certificate_id", flat=True
            )
        )
        ids = sorted(wanted - already)
    elif as_of is not None:
        ids = list(
            unreported_certificates(school=school, body=body, as_of=as_of).values_list(
                "pk", flat=True
            )
        )
    else:
        raise ValidationError(NOTHING_CHOSEN)
    now = timezone.now()
    reference = " ".join((batch_reference or "").split())[:100]
    reports = [
        CompletionReport(
            certificate_id=pk,
            body=body,
            reported_at=now,
            reported_by=reported_by,
            batch_reference=reference,
        )
        for pk in ids
    ]
    # A second click racing this one: the unique constraint keeps the first report.
    created = CompletionReport.objects.bulk_create(reports, ignore_conflicts=True, batch_size=500)
    return len(created)
