"""What accrediting bodies approved, and the versions a course was published in."""

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
    LessonPage,
)


def course_approvals(*, course: CoursePage) -> list[CourseApproval]:
    """Who approves the course for CE, with the number, hours and expiry each approved, for a
    practitioner to check before paying: one query."""
    return list(
        CourseApproval.objects.filter(course=course)
        .select_related("body")
        .order_by("sort_order", "pk")
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
    today = timezone.localdate()
    return approvals.filter(Q(expires_on__isnull=True) | Q(expires_on__gte=today))


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
