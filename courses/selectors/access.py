"""Who may read a lesson, and the choices an editor is offered (their schools' only)."""

from django.db.models import (
    Q,
    QuerySet,
)

from courses.models import (
    CoursePage,
    Enrollment,
    LessonPage,
)
from courses.selectors.locks import lock_facts
from schools import rules
from schools.models import Instructor, School


def instructors_for_editor(user, *, keep=()) -> QuerySet[Instructor]:
    """Instructors `user` may credit on a course: their schools' (all for staff), plus `keep`
    (those the course credits already, so saving the form does not drop them)."""
    schools = rules.school_scope(user)
    instructors = Instructor.objects.all()
    if schools is None:
        return instructors
    return instructors.filter(Q(school_id__in=schools) | Q(pk__in=list(keep)))


def schools_for_editor(user) -> QuerySet[School]:
    schools = rules.school_scope(user)
    return School.objects.all() if schools is None else School.objects.filter(pk__in=schools)


def enrollment_for(*, user, course: CoursePage) -> Enrollment | None:
    if not user.is_authenticated:
        return None
    enrollments = Enrollment.objects.filter(student=user, course=course)
    return enrollments.select_related("course_version").first()


class LessonAccess:
    PREVIEW = "preview"
    ENROLLED = "enrolled"
    SCHOOL = "school"
    STAFF = "staff"
    AUTHOR_PREVIEW = "author-preview"


def lesson_access(*, user, lesson: LessonPage, course: CoursePage) -> str | None:
    """Why `user` may read `lesson`, or None: the one rule every lesson view applies."""
    return lesson_reader(user=user, lesson=lesson, course=course)[0]


def lesson_reader(
    *, user, lesson: LessonPage, course: CoursePage
) -> tuple[str | None, Enrollment | None]:
    """(why `user` may read `lesson` or None, their active enrolment if that is the reason).

    An active enrolment is asked about first, even on a free preview or for staff, because
    it is what makes a visit count towards completing the course.
    """
    # Read with what the drip and prerequisite rules need (courses.selectors.locks), so the
    # lesson's lock costs no query of its own.
    enrollment = (
        Enrollment.objects.filter(student=user, course=course, status=Enrollment.Status.ACTIVE)
        .annotate(**lock_facts(user=user, page=lesson))
        .first()
        if user.is_authenticated
        else None
    )
    if enrollment is not None:
        return LessonAccess.ENROLLED, enrollment
    return _lesson_access_without_enrolment(user=user, lesson=lesson, course=course), None


def _lesson_access_without_enrolment(*, user, lesson: LessonPage, course: CoursePage):
    if lesson.free_preview:
        return LessonAccess.PREVIEW
    if not user.is_authenticated:
        return None
    role = rules.role_in_school(user, school_id=course.school_id)
    if role == rules.STAFF:
        return LessonAccess.STAFF
    return LessonAccess.SCHOOL if role else None
