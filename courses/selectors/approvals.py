"""What accrediting bodies approved, and the versions a course was published in."""

from datetime import date, timedelta

from django.db.models import (
    Exists,
    OuterRef,
    Q,
    QuerySet,
)
from django.utils import timezone
from wagtail.models import PageLogEntry

from courses.models import (
    AccreditingBody,
    CourseApproval,
    CoursePage,
    CourseVersion,
    Enrollment,
    LearnerBoard,
    LessonPage,
)

EXPIRY_WARNING_DAYS = 90


def learner_boards(*, user) -> QuerySet[AccreditingBody]:
    """The boards `user` usually needs (pre-chosen on their new enrolments), by name: one
    query."""
    return AccreditingBody.objects.filter(
        pk__in=LearnerBoard.objects.filter(user=user).values("body_id")
    ).order_by("name")


def course_approvals(*, course: CoursePage) -> list[CourseApproval]:
    """Who approves the course for CE now, with the number, hours and expiry each approved, for a
    practitioner to check before paying: one query. Expired approvals are left out: a learner
    must never be told a course carries credit it no longer does."""
    return list(
        current_approvals(CourseApproval.objects.filter(course=course))
        .select_related("body")
        .order_by("sort_order", "pk")
    )


def approvals_nearing_expiry(*, school, within_days: int = EXPIRY_WARNING_DAYS) -> list:
    """The school's course approvals that expire within `within_days` (or expired in the last
    `within_days`), soonest first, for its records page: one query."""
    today = timezone.localdate()
    window = timedelta(days=within_days)
    return list(
        CourseApproval.objects.filter(
            course__school=school,
            expires_on__isnull=False,
            expires_on__gte=today - window,
            expires_on__lte=today + window,
        )
        .select_related("body", "course")
        .order_by("expires_on", "pk")
    )


def catalog_bodies(*, catalog) -> list[AccreditingBody]:
    """The bodies with a current approval of a live course below `catalog`: one query."""
    approved = current_approvals(
        CourseApproval.objects.filter(
            course__in=CoursePage.objects.live().descendant_of(catalog), body=OuterRef("pk")
        )
    )
    return list(AccreditingBody.objects.filter(Exists(approved)).order_by("abbreviation"))


def current_approvals(approvals: QuerySet[CourseApproval]) -> QuerySet[CourseApproval]:
    """The approvals in force today."""
    return approvals_in_force(approvals, on=timezone.localdate())


def approvals_in_force(
    approvals: QuerySet[CourseApproval], *, on: date
) -> QuerySet[CourseApproval]:
    """The approvals valid on day `on`: not expired before it and not granted after it."""
    return approvals.filter(Q(expires_on__isnull=True) | Q(expires_on__gte=on)).filter(
        Q(approved_on__isnull=True) | Q(approved_on__lte=on)
    )


def course_version_current(*, course: CoursePage) -> CourseVersion | None:
    """The version a learner enrols in now: the newest recorded one."""
    return CourseVersion.objects.filter(course=course).order_by("-number").first()


def course_versions(*, course: CoursePage, limit: int = 20) -> list[CourseVersion]:
    """The course's changelog, newest first."""
    return list(CourseVersion.objects.filter(course=course).order_by("-number")[:limit])


def lesson_changed_since(*, lesson: LessonPage, enrollment: Enrollment) -> bool:
    """Whether `lesson` was republished after the learner enrolled (no query)."""
    first, last = lesson.first_published_at, lesson.last_published_at
    return bool(first and last and first < enrollment.enrolled_at < last)


def lesson_as_published_at(*, lesson: LessonPage, when) -> LessonPage | None:
    """`lesson` as it was live at `when`: the last revision published by then, or None."""
    entry = (
        PageLogEntry.objects.filter(
            page=lesson,
            action__in=("wagtail.publish", "wagtail.publish.scheduled"),
            timestamp__lte=when,
            revision__isnull=False,
        )
        .select_related("revision")
        .order_by("-timestamp", "-pk")
        .first()
    )
    if entry is None:
        return None
    old = entry.revision.as_object()
    old.last_published_at = entry.timestamp
    return old


def _matches_licence(approval: CourseApproval, board: str) -> bool:
    board = board.strip().casefold()
    body = approval.body
    return bool(board) and board in {
        body.name.casefold(),
        body.abbreviation.casefold(),
        (body.region or "").casefold() or None,
    }


def credit_approvals_for(*, enrollment: Enrollment, on: date) -> list[CourseApproval]:
    """The approvals the learner earns this course's credit with, in force on `on`: the ones
    they chose, or every one in force when they chose none; the body of their licence first
    (its values head the certificate). Two queries (approvals, chosen ids)."""
    approvals = list(
        approvals_in_force(CourseApproval.objects.filter(course_id=enrollment.course_id), on=on)
        .select_related("body")
        .prefetch_related("categories", "subject_areas")
        .order_by("body__name", "pk")
    )
    chosen = set(enrollment.credit_approvals.values_list("pk", flat=True))
    if chosen:
        approvals = [a for a in approvals if a.pk in chosen]
    board = enrollment.student.licensing_board or ""
    return sorted(approvals, key=lambda a: not _matches_licence(a, board))
