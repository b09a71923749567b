"""A course's outline (modules, lessons, quizzes) and the data its page shows."""

from dataclasses import dataclass, field
from typing import Any

from wagtail.models import Page

from cms.text import reading_minutes
from courses.models import (
    CoursePage,
    LessonPage,
    ModulePage,
)
from courses.reading_time import lesson_min_seconds_of, seat_time_status
from courses.selectors.access import enrollment_for
from courses.selectors.approvals import course_approvals, course_versions
from courses.selectors.locks import outline_locks, prerequisite_lock
from courses.selectors.progress import course_progress


@dataclass
class OutlineModule:
    page: ModulePage
    number: int
    lessons: list[LessonPage] = field(default_factory=list)
    # Live pages other than lessons (quizzes), as plain wagtail Pages: title and URL only.
    activities: list[Page] = field(default_factory=list)
    lock: Any = None  # a Lock (courses.selectors.locks) while the module is not released


class CourseOutline(list):
    """The course's modules; `activities` are the pages placed after the last module, shut by
    `final_lock` until the last module opens."""

    activities: list[Page]
    final_lock: Any = None


def course_outline(*, course: CoursePage) -> CourseOutline:
    """Live modules, lessons and activities in tree order, in three queries whatever the size.

    Activities (quizzes) are read as plain wagtail Pages so courses need not import quizzes.
    """
    outline = CourseOutline(
        OutlineModule(page=module, number=number)
        for number, module in enumerate(
            ModulePage.objects.live().child_of(course).order_by("path"), start=1
        )
    )
    outline.activities = []
    by_path = {m.page.path: m for m in outline}
    lessons = LessonPage.objects.live().descendant_of(course).defer_streamfields().order_by("path")
    for lesson in lessons:
        parent = by_path.get(lesson.path[: -lesson.steplen])
        if parent is not None:
            parent.lessons.append(lesson)
    activities = (
        Page.objects.live().descendant_of(course).not_type(ModulePage, LessonPage).order_by("path")
    )
    for activity in activities:
        parent_path = activity.path[: -activity.steplen]
        if parent_path == course.path:
            outline.activities.append(activity)
        elif parent_path in by_path:
            by_path[parent_path].activities.append(activity)
    return outline


def course_lessons(outline: CourseOutline) -> list[LessonPage]:
    return [lesson for module in outline for lesson in module.lessons]


def outline_with_locks(*, outline: CourseOutline, user, course: CoursePage, enrollment) -> None:
    """Mark the outline's modules (and its final) not yet released for `user` (no query but
    the user's school roles, and only on a course with a dripped module)."""
    locks = outline_locks(
        user=user,
        course=course,
        outline=outline,
        enrollment=enrollment if enrollment is not None and enrollment.is_active else None,
    )
    for module in outline:
        module.lock = locks.get(module.page.pk)
    outline.final_lock = locks.get("final")


def course_page_data(*, course: CoursePage, user) -> dict:
    outline = course_outline(course=course)
    lessons = course_lessons(outline)
    bodies = LessonPage.objects.live().descendant_of(course).values_list("body", flat=True)
    enrollment = enrollment_for(user=user, course=course)
    outline_with_locks(outline=outline, user=user, course=course, enrollment=enrollment)
    progress = (
        course_progress(enrollment=enrollment, course=course)
        if enrollment is not None and enrollment.is_active
        else None
    )
    # Seat time costs a query only on a course that asks for reading time.
    seat_time = (
        seat_time_status(enrollment=enrollment, course=course)
        if progress is not None
        and (course.min_seat_minutes or any(lesson_min_seconds_of(lesson) for lesson in lessons))
        else None
    )
    return {
        "approvals": course_approvals(course=course),
        "outline": outline,
        "lesson_count": len(lessons),
        "first_lesson": lessons[0] if lessons else None,
        "total_minutes": sum(reading_minutes(body.raw_data) for body in bodies),
        "objectives": list(course.objectives.all()),
        "instructors": list(course.instructors.select_related("photo")),
        "topics": list(course.topics.all()),
        "enrollment": enrollment,
        "versions": course_versions(course=course),
        "progress": progress,
        "visited_lesson_ids": progress.visited_lesson_ids if progress else set(),
        "seat_time": seat_time,
        # Self-enrolment is refused until these are complete; an enrolled learner's lessons
        # stay shut (courses.selectors.page_lock).
        "prerequisite_lock": prerequisite_lock(user=user, course=course),
    }
