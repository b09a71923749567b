"""Who is due which reminder or alert today. Each read costs a fixed number of queries
whatever the number of learners (pinned in tests/notifications/test_reminder_selectors.py);
what is due is decided here, and reminders.py queues it under a key that makes it once only.

Stages: a deadline is announced at each of its stages (e.g. 60 and 14 days before); a scan on
any day sends the stage the deadline is in now, so a scan missed on the exact day still warns,
and a deadline first seen 10 days before gets only the 14-day message, not both.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import (
    DateTimeField,
    Exists,
    F,
    Max,
    OuterRef,
    Q,
    Subquery,
)
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from certificates.models import Certificate
from courses.models import (
    AccreditingBody,
    CourseApproval,
    Enrollment,
    LessonVisit,
    ProviderApproval,
)
from records.cycles import default_cycle_end
from records.external_credit.models import ExternalCredit
from records.external_credit.transcript import external_entry
from records.models import CompletionReport
from records.selectors import accrediting_bodies, board_body, body_progress, transcript_entry
from schools.models import School, SchoolMembership


def stage_for(days_left: int, stages: tuple[int, ...]) -> int | None:
    """The smallest stage still ahead of `days_left` (None: too early, or already past)."""
    if days_left < 0:
        return None
    ahead = [stage for stage in stages if days_left <= stage]
    return min(ahead) if ahead else None


def _midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


# --- School recipients ----------------------------------------------------------------------


def school_recipients(*, school_ids) -> dict[int, list[tuple]]:
    """Who hears a school's alerts: its active admins, each as (user, ""), or the school's own
    address as (None, email) when it has no admin. Two queries for any number of schools."""
    found: dict[int, list[tuple]] = defaultdict(list)
    admins = SchoolMembership.objects.filter(
        school_id__in=list(school_ids),
        role=SchoolMembership.Role.ADMIN,
        user__is_active=True,
    ).select_related("user")
    for membership in admins.order_by("school_id", "user_id"):
        found[membership.school_id].append((membership.user, ""))
    missing = [pk for pk in school_ids if pk not in found]
    if missing:
        for school in School.objects.filter(pk__in=missing).exclude(email=""):
            found[school.pk].append((None, school.email))
    return dict(found)


# --- Learners: a course left halfway --------------------------------------------------------


def inactive_enrollments(*, now: datetime, days: int) -> list[Enrollment]:
    """Active, unfinished enrolments of active learners with no activity (enrolling, a lesson
    opened, reading time) for `days` days, each annotated with `last_activity`: one query.
    Learners who turned course reminders off are left out."""
    last_visit = (
        LessonVisit.objects.filter(
            student_id=OuterRef("student_id"), course_id=OuterRef("course_id")
        )
        .values("student_id")
        .annotate(last=Max("last_visited_at"))
        .values("last")
    )
    enrolled = F("enrolled_at")
    return list(
        Enrollment.objects.filter(
            status=Enrollment.Status.ACTIVE,
            completed_at__isnull=True,
            student__is_active=True,
            course__live=True,
        )
        .exclude(student__notification_preference__course_reminders=False)
        .annotate(
            last_activity=Greatest(
                enrolled,
                Coalesce("seat_heartbeat_at", enrolled),
                Coalesce(Subquery(last_visit, output_field=DateTimeField()), enrolled),
            )
        )
        .filter(last_activity__lt=now - timedelta(days=days))
        .select_related("student", "course", "course__school")
        .order_by("pk")
    )


# --- Learners: renewal with hours missing ---------------------------------------------------


@dataclass(frozen=True)
class RenewalDue:
    user: object
    body: AccreditingBody
    cycle_end: date
    days_left: int
    stage: int
    done: Decimal
    required: Decimal
    missing: Decimal
    topics_missing: list[tuple[str, Decimal]] = field(default_factory=list)


def renewals_due(*, today: date, stages: tuple[int, ...]) -> list[RenewalDue]:
    """Learners whose licensing board is a body we know, whose current cycle ends within a
    stage, and who still miss hours or required topics in it: five queries (learners, bodies
    with their topic requirements, certificates, accepted credit from elsewhere; a sixth for
    that credit's topics when there is any). Only learners who took a course with us;
    those who turned renewal reminders off are left out. The cycle is the calendar-aligned
    one the transcript uses when the learner gives no renewal date (records/cycles.py)."""
    bodies = accrediting_bodies()
    learners = list(
        get_user_model()
        .objects.filter(is_active=True)
        .exclude(licensing_board="")
        .exclude(notification_preference__renewal_reminders=False)
        .filter(Exists(Enrollment.objects.filter(student_id=OuterRef("pk"))))
        .order_by("pk")
    )
    candidates = {}
    for learner in learners:
        body = board_body(board=learner.licensing_board, bodies=bodies)
        if body is None:
            continue
        cycle_end = default_cycle_end(today=today, months=body.renewal_cycle_months)
        days_left = (cycle_end - today).days
        stage = stage_for(days_left, stages)
        if stage is not None:
            candidates[learner.pk] = (learner, body, cycle_end, days_left, stage)
    if not candidates:
        return []
    certificates = defaultdict(list)
    issued = Certificate.objects.filter(
        student__in=get_user_model().objects.filter(is_active=True).exclude(licensing_board=""),
        status__in=[Certificate.Status.ISSUED, Certificate.Status.REVOKED],
    ).only(
        "pk",
        "student_id",
        "status",
        "number",
        "verify_code",
        "snapshot",
        "completed_at",
        "ce_hours",
    )
    for certificate in issued:
        if certificate.student_id in candidates:
            certificates[certificate.student_id].append(certificate)
    # Accepted credit from elsewhere counts as on the transcript: nobody is told to earn
    # hours a reviewer already accepted.
    external = defaultdict(list)
    accepted = ExternalCredit.objects.filter(
        learner_id__in=list(candidates), status=ExternalCredit.Status.ACCEPTED
    )
    for credit in accepted.select_related("body").prefetch_related("topics"):
        external[credit.learner_id].append(external_entry(credit))
    due = []
    for pk, (learner, body, cycle_end, days_left, stage) in candidates.items():
        entries = [transcript_entry(c, body=body.abbreviation) for c in certificates[pk]]
        progress = body_progress(
            abbreviation=body.abbreviation,
            known=body,
            entries=entries,
            cycle_end=cycle_end,
            external=tuple(external[pk]),
        )
        if progress.is_complete:
            continue
        due.append(
            RenewalDue(
                user=learner,
                body=body,
                cycle_end=cycle_end,
                days_left=days_left,
                stage=stage,
                done=progress.done,
                required=progress.required,
                missing=progress.missing,
                topics_missing=[(t.category, t.missing) for t in progress.topics if not t.is_met],
            )
        )
    return due


# --- Schools: completions to report ---------------------------------------------------------


@dataclass(frozen=True)
class ReportsDue:
    school_id: int
    body: AccreditingBody
    due_on: date
    days_left: int
    stage: int
    count: int


def reports_due(*, today: date, stages: tuple[int, ...]) -> list[ReportsDue]:
    """Issued completions not yet reported to a body with a tracking system (CE Broker...)
    whose reporting deadline falls within the largest stage, grouped by school, body and due
    date: one query per such body (a handful), whatever the number of learners."""
    widest = max(stages)
    due = []
    for body in AccreditingBody.objects.exclude(tracking_system="").order_by("pk"):
        earliest = today - timedelta(days=body.reporting_days)  # due today
        reported = CompletionReport.objects.filter(certificate=OuterRef("pk"), body=body)
        rows = (
            Certificate.objects.filter(
                status=Certificate.Status.ISSUED,
                school__isnull=False,
                completed_at__gte=_midnight(earliest),
                completed_at__lt=_midnight(earliest + timedelta(days=widest + 1)),
            )
            .filter(
                Exists(CourseApproval.objects.filter(course_id=OuterRef("course_id"), body=body))
            )
            .filter(~Exists(reported))
            .values_list("school_id", "completed_at")
        )
        groups: dict[tuple[int, date], int] = defaultdict(int)
        for school_id, completed_at in rows:
            due_on = timezone.localdate(completed_at) + timedelta(days=body.reporting_days)
            groups[(school_id, due_on)] += 1
        for (school_id, due_on), count in sorted(groups.items()):
            days_left = (due_on - today).days
            stage = stage_for(days_left, stages)
            if stage is not None:
                due.append(ReportsDue(school_id, body, due_on, days_left, stage, count))
    return due


# --- Schools: approvals about to lapse ------------------------------------------------------


@dataclass(frozen=True)
class ApprovalExpiring:
    school_id: int
    kind: str  # "provider" or "course"
    approval_id: int
    body: AccreditingBody
    number: str
    title: str  # the course's approved title, or the school's name
    expires_on: date
    days_left: int
    stage: int


def approvals_expiring(*, today: date, stages: tuple[int, ...]) -> list[ApprovalExpiring]:
    """Provider and course approvals that expire within the largest stage: two queries."""
    window = Q(expires_on__gte=today, expires_on__lte=today + timedelta(days=max(stages)))
    found = []
    for approval in ProviderApproval.objects.filter(window).select_related("body", "school"):
        days_left = (approval.expires_on - today).days
        found.append(
            ApprovalExpiring(
                approval.school_id,
                "provider",
                approval.pk,
                approval.body,
                approval.provider_number,
                approval.school.name,
                approval.expires_on,
                days_left,
                stage_for(days_left, stages),
            )
        )
    courses = CourseApproval.objects.filter(window, course__school__isnull=False)
    for approval in courses.select_related("body", "course"):
        days_left = (approval.expires_on - today).days
        found.append(
            ApprovalExpiring(
                approval.course.school_id,
                "course",
                approval.pk,
                approval.body,
                approval.approval_number,
                approval.approved_title,
                approval.expires_on,
                days_left,
                stage_for(days_left, stages),
            )
        )
    return found
