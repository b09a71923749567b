"""A learner's progress through a course: lessons read, and the parts the course page shows."""

from dataclasses import dataclass, field

from django.db.models import (
    IntegerField,
    OuterRef,
    Subquery,
)

from courses.models import (
    CoursePage,
    Enrollment,
    LessonPage,
    LessonVisit,
)
from courses.reading_time import lesson_min_seconds

# --- A learner's progress -----------------------------------------------------------------


@dataclass(frozen=True)
class ProgressPart:
    done: int
    total: int
    summary: str  # "2 of 6 lessons visited"


@dataclass(frozen=True)
class LessonProgress:
    required_ids: list[int]  # live lessons the course requires, in tree order
    visited_ids: set[int]  # every live lesson of the course the student has opened
    # Opened and read for the lesson's minimum reading time (courses.reading_time); every
    # visited lesson when no minimum applies.
    completed_ids: set[int] = field(default_factory=set)

    @property
    def required_completed_ids(self) -> set[int]:
        return self.completed_ids.intersection(self.required_ids)

    @property
    def required_visited_ids(self) -> set[int]:
        return self.required_completed_ids

    @property
    def complete(self) -> bool:
        return len(self.required_completed_ids) == len(self.required_ids)


@dataclass(frozen=True)
class CourseProgress:
    parts: list[ProgressPart]
    visited_lesson_ids: set[int]

    @property
    def done(self) -> int:
        return sum(part.done for part in self.parts)

    @property
    def total(self) -> int:
        return sum(part.total for part in self.parts)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 100

    @property
    def summary(self) -> str:
        return ", ".join(part.summary for part in self.parts)


def lesson_progress(*, course: CoursePage, student_id: int) -> LessonProgress:
    """The course's live lessons, which are required, which the student opened and which they
    completed (opened and read for the lesson's minimum time): one query.

    The lesson half of course completion (completion/services.py adds quizzes and live).
    """
    spent = LessonVisit.objects.filter(lesson=OuterRef("pk"), student_id=student_id).values(
        "seat_seconds"
    )[:1]
    rows = (
        LessonPage.objects.live()
        .descendant_of(course)
        .annotate(spent=Subquery(spent, output_field=IntegerField()))
        .order_by("path")
        .values_list(
            "pk", "required_for_completion", "min_seat_minutes", "reading_seconds", "spent"
        )
    )
    required, visited, completed = [], set(), set()
    for pk, is_required, min_minutes, reading, seconds in rows:
        if is_required:
            required.append(pk)
        if seconds is None:  # never opened
            continue
        visited.add(pk)
        minimum = lesson_min_seconds(
            min_seat_minutes=min_minutes, reading_seconds=reading, required=is_required
        )
        if seconds >= minimum:
            completed.add(pk)
    return LessonProgress(required_ids=required, visited_ids=visited, completed_ids=completed)


def lesson_progress_part(progress: LessonProgress) -> ProgressPart:
    done, total = len(progress.required_visited_ids), len(progress.required_ids)
    noun = "lesson" if total == 1 else "lessons"
    return ProgressPart(done=done, total=total, summary=f"{done} of {total} {noun} completed")


def course_progress(*, enrollment: Enrollment, course: CoursePage) -> CourseProgress:
    """The lesson part of the learner's progress bar: one query. The course page's template
    adds the quizzes passed (completion_tags.course_progress), as completion counts them."""
    lessons = lesson_progress(course=course, student_id=enrollment.student_id)
    parts = [lesson_progress_part(lessons)] if lessons.required_ids else []
    return CourseProgress(parts=parts, visited_lesson_ids=lessons.visited_ids)


def visited_lesson_ids(*, user, course: CoursePage) -> set[int]:
    """The lessons of `course` that `user` has opened, for the outline's ticks: one query."""
    if not user.is_authenticated:
        return set()
    return set(
        LessonVisit.objects.filter(student=user, course=course).values_list("lesson_id", flat=True)
    )
