"""Enrolments of a course: over time, by status and source, and the seats bought or granted."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q, Sum

from certificates.models import Certificate
from commerce.models import EnrollmentCode, SeatPool
from courses.models import CoursePage, Enrollment
from teaching.dashboard import periods


def enrolled_on(course: CoursePage, student_field: str = "student_id") -> Exists:
    """A condition true for rows whose learner has an enrolment on `course` (any status)."""
    return Exists(Enrollment.objects.filter(course=course, student_id=OuterRef(student_field)))


TIMELINE_COLUMNS = ["Period start", "Enrolments", "Completions", "Certificates issued"]


@dataclass(frozen=True)
class Bucket:
    start: date
    enrolled: int
    completed: int
    certified: int


def _counts(queryset, *, field: str, period: str) -> dict[date, int]:
    rows = (
        queryset.annotate(bucket=periods.trunc(period, field))
        .values("bucket")
        .annotate(n=Count("pk"))
        .order_by("bucket")
    )
    return {row["bucket"]: row["n"] for row in rows}


def enrolment_timeline(*, course: CoursePage, period: str) -> list[Bucket]:
    """New enrolments, completions and certificates issued per bucket, gaps as 0: three queries."""
    enrollments = Enrollment.objects.filter(course=course)
    enrolled = _counts(enrollments, field="enrolled_at", period=period)
    completed = _counts(
        enrollments.filter(completed_at__isnull=False), field="completed_at", period=period
    )
    certified = _counts(
        Certificate.objects.filter(
            course=course, status=Certificate.Status.ISSUED, issued_at__isnull=False
        ),
        field="issued_at",
        period=period,
    )
    seen = [*enrolled, *completed, *certified]
    return [
        Bucket(
            start=start,
            enrolled=enrolled.get(start, 0),
            completed=completed.get(start, 0),
            certified=certified.get(start, 0),
        )
        for start in periods.buckets(period, seen=seen)
    ]


def timeline_rows(timeline: list[Bucket], *, period: str):
    for bucket in timeline:
        yield [
            periods.csv_label(period, bucket.start),
            bucket.enrolled,
            bucket.completed,
            bucket.certified,
        ]


@dataclass(frozen=True)
class SourceRow:
    source: str
    label: str
    by_status: list[int]  # in Enrollment.Status order
    total: int
    completed: int


@dataclass(frozen=True)
class EnrolmentCounts:
    statuses: list[tuple[str, str]]
    rows: list[SourceRow]  # one per source that has enrolments
    status_totals: list[int]
    total: int
    completed: int

    @property
    def active(self) -> int:
        return self.status_totals[0]

    @property
    def completion_rate(self) -> int | None:
        return round(100 * self.completed / self.total) if self.total else None


def enrolment_counts(*, course: CoursePage) -> EnrolmentCounts:
    """Enrolments by source and status, and how many completed: one query."""
    cells = (
        Enrollment.objects.filter(course=course)
        .values("source", "status")
        .annotate(n=Count("pk"), done=Count("pk", filter=Q(completed_at__isnull=False)))
        .order_by()
    )
    statuses = list(Enrollment.Status.choices)
    table: dict[str, dict[str, int]] = {}
    done: dict[str, int] = {}
    for cell in cells:
        table.setdefault(cell["source"], {})[cell["status"]] = cell["n"]
        done[cell["source"]] = done.get(cell["source"], 0) + cell["done"]
    labels = dict(Enrollment.Source.choices)
    rows = [
        SourceRow(
            source=source,
            label=labels.get(source, source),
            by_status=[table[source].get(status, 0) for status, _ in statuses],
            total=sum(table[source].values()),
            completed=done[source],
        )
        for source in [*labels, *sorted(set(table) - set(labels))]
        if source in table
    ]
    status_totals = [sum(row.by_status[i] for row in rows) for i in range(len(statuses))]
    return EnrolmentCounts(
        statuses=statuses,
        rows=rows,
        status_totals=status_totals,
        total=sum(status_totals),
        completed=sum(row.completed for row in rows),
    )


@dataclass(frozen=True)
class Seats:
    pools: int
    seats: int
    purchased: int
    granted: int
    used: int
    invited: int  # sent to someone by email, not used yet

    @property
    def unused(self) -> int:
        """A revoked code is replaced by a fresh one, so every seat not used is still free."""
        return self.seats - self.used


def course_seats(*, course: CoursePage) -> Seats:
    """Seats bought or granted in bulk for the course, and how many were used: two queries."""
    pools = SeatPool.objects.filter(course=course).aggregate(
        pool_count=Count("pk"),
        seat_count=Sum("seats"),
        purchased_count=Sum("seats", filter=Q(source=SeatPool.Source.PURCHASED)),
    )
    codes = EnrollmentCode.objects.filter(pool__course=course).aggregate(
        used=Count("pk", filter=Q(redeemed_at__isnull=False)),
        invited=Count(
            "pk",
            filter=Q(redeemed_at__isnull=True, revoked_at__isnull=True) & ~Q(email=""),
        ),
    )
    seats, purchased = pools["seat_count"] or 0, pools["purchased_count"] or 0
    return Seats(
        pools=pools["pool_count"],
        seats=seats,
        purchased=purchased,
        granted=seats - purchased,
        used=codes["used"],
        invited=codes["invited"],
    )
