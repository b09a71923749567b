"""Reads about automatic reporting: where each completion stands with a tracking system, for the
school's reporting dashboard and for the deadline reminders (reports_nearing_deadline)."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.utils import timezone

from certificates.models import Certificate
from courses.models import AccreditingBody
from records.models import (
    CompletionReport,
    ReportBatch,
    ReportItem,
    TrackingCredential,
)
from records.report_runs import course_number_now, waiting_for_licence
from records.reporting import days_left, overdue_before
from schools.models import School

SHOWN = 100


@dataclass(frozen=True)
class NearingDeadline:
    """A completion still unreported whose deadline is `days_left` days away (0: today)."""

    school: School | None
    body: AccreditingBody
    certificate: Certificate
    due_on: date
    days_left: int
    reason: str  # why it is not reported yet, in the school's words


WAITING_LICENCE = "The learner has no licence number on file."
WAITING_CORRECTION = "Rejected: {message}"
IN_BATCH = "Sent; waiting for the receipt."
NOT_SENT = "Not sent yet."


def _reason(certificate: Certificate) -> str:
    if not certificate.student.licence_number:
        return WAITING_LICENCE
    status = getattr(certificate, "report_status", None)
    if status == ReportItem.Status.REJECTED:
        return WAITING_CORRECTION.format(message=certificate.report_message)
    if status == ReportItem.Status.CLAIMED:
        return IN_BATCH
    return NOT_SENT


def _midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _window(*, today: date, days: int, body: AccreditingBody) -> tuple[datetime, datetime]:
    """Completions in [start, end) have between 0 and `days` days left to report."""
    end = _midnight(today - timedelta(days=body.reporting_days - days - 1))
    return overdue_before(body=body, today=today), end


def reports_nearing_deadline(
    *, days: int, today: date | None = None, school: School | None = None
) -> list[NearingDeadline]:
    """Unreported completions due within `days` days (today included), across schools (or for
    `school`), most urgent first: one query per tracking body, whatever the number of rows.

    For the deadline reminders (notifications) and the dashboard's "due soon" list.
    """
    today = today or timezone.localdate()
    found: list[NearingDeadline] = []
    for body in AccreditingBody.objects.exclude(tracking_system="").order_by("pk"):
        start, end = _window(today=today, days=days, body=body)
        item = ReportItem.objects.filter(certificate=OuterRef("pk"), body=body)
        certificates = (
            Certificate.objects.filter(
                status=Certificate.Status.ISSUED,
                course__approvals__body=body,
                completed_at__gte=start,
                completed_at__lt=end,
            )
            .filter(~Exists(CompletionReport.objects.filter(certificate=OuterRef("pk"), body=body)))
            .annotate(
                report_status=Subquery(item.values("status")[:1]),
                report_message=Subquery(item.values("message")[:1]),
            )
            .select_related("school", "student")
            .only(
                "number",
                "completed_at",
                "school__name",
                "school__slug",
                "student__email",
                "student__legal_name",
                "student__licence_number",
            )
            .order_by("completed_at", "pk")
        )
        if school is not None:
            certificates = certificates.filter(school=school)
        for certificate in certificates:
            completed_on = timezone.localdate(certificate.completed_at)
            left = days_left(
                completed_on=completed_on, today=today, reporting_days=body.reporting_days
            )
            found.append(
                NearingDeadline(
                    school=certificate.school,
                    body=body,
                    certificate=certificate,
                    due_on=completed_on + timedelta(days=body.reporting_days),
                    days_left=left,
                    reason=_reason(certificate),
                )
            )
    found.sort(key=lambda n: (n.days_left, n.certificate.completed_at, n.certificate.pk))
    return found


# --- The school's dashboard -----------------------------------------------------------------


def credential_for(*, school: School, tracking_system: str) -> TrackingCredential | None:
    return TrackingCredential.objects.filter(
        school=school, tracking_system__iexact=tracking_system
    ).first()


def rejected_items(*, school: School, body: AccreditingBody) -> QuerySet[ReportItem]:
    """Rejected records with the tracking system's message, waiting for a correction; each with
    `course_number_now`, the approval's number now, to compare with the one sent."""
    return (
        ReportItem.objects.filter(
            certificate__school=school,
            body=body,
            status__in=[ReportItem.Status.REJECTED, ReportItem.Status.CORRECTED],
        )
        .annotate(course_number_now=course_number_now(body, course="certificate__course_id"))
        .select_related("certificate__student", "certificate__course", "batch")
        .order_by("certificate__completed_at", "pk")
    )


def accepted_reports(*, school: School, body: AccreditingBody) -> QuerySet[CompletionReport]:
    return (
        CompletionReport.objects.filter(certificate__school=school, body=body)
        .select_related("certificate__student", "reported_by")
        .order_by("-reported_at", "-pk")
    )


def recent_batches(*, school: School, body: AccreditingBody) -> QuerySet[ReportBatch]:
    return ReportBatch.objects.filter(school=school, body=body).defer("document")


def licence_missing(*, school: School, body: AccreditingBody) -> QuerySet[Certificate]:
    return (
        waiting_for_licence(school=school, body=body)
        .select_related("student")
        .order_by("completed_at", "pk")
    )


# --- Staff: every school's accounts ---------------------------------------------------------


def tracking_accounts_for_admin() -> QuerySet[TrackingCredential]:
    """Every school's tracking-system accounts with their last successful batch and the error of
    the latest batch still waiting to retry: one query however many accounts and batches."""
    batches = ReportBatch.objects.filter(
        school_id=OuterRef("school_id"), body__tracking_system__iexact=OuterRef("tracking_system")
    )
    done = batches.filter(status=ReportBatch.Status.DONE).order_by("-finished_at", "-pk")
    failing = batches.filter(status=ReportBatch.Status.RETRY).exclude(last_error="")
    return (
        TrackingCredential.objects.select_related("school")
        .defer("secret_encrypted")
        .annotate(
            secret_set=ExpressionWrapper(~Q(secret_encrypted=""), output_field=BooleanField()),
            last_success=Subquery(done.values("finished_at")[:1]),
            last_error=Subquery(failing.order_by("-created_at", "-pk").values("last_error")[:1]),
        )
        .order_by("school__name", "tracking_system")
    )
