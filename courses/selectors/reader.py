"""What the enrolled learner's lesson view (courses/enrolled_lesson/) reads per request: their
active enrolment, whether a prerequisite of the course is still to be completed, and the
lessons of the course they have opened, in one query.

Why raw SQL: building the ORM's two queries cost more CPU than the rest of the page (issue 19).
It must stay equal to what LessonPage.serve reads through lesson_reader() (an *active*
enrolment), lock_facts()' `lock_blocked` (courses/selectors/locks.py: a live required course
without a completed active enrolment) and visited_lesson_ids();
tests/courses/test_enrolled_lesson.py holds them equal.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from django.utils.dateparse import parse_datetime
from wagtail.models import Page

from cms import prepared_sql
from courses.models import CoursePrerequisite, Enrollment, LessonVisit


@dataclass(frozen=True)
class ReaderFacts:
    enrolled_at: datetime
    visited_lesson_ids: frozenset[int]
    # A live prerequisite not completed: the course is locked (Wagtail's path says why, or
    # lets the school's members and staff through).
    prerequisite_missing: bool


# Only the models' table names are formatted in; every value is a parameter.
_SQL = f"""
SELECT 0, e.enrolled_at, EXISTS (
    SELECT 1 FROM {CoursePrerequisite._meta.db_table} link
    JOIN {Page._meta.db_table} required ON required.id = link.required_course_id
    WHERE link.course_id = e.course_id AND required.live = %s
      AND NOT EXISTS (
          SELECT 1 FROM {Enrollment._meta.db_table} done
          WHERE done.student_id = %s AND done.course_id = link.required_course_id
            AND done.status = %s AND done.completed_at IS NOT NULL))
FROM {Enrollment._meta.db_table} e
WHERE e.student_id = %s AND e.course_id = %s AND e.status = %s
UNION ALL
SELECT lesson_id, NULL, NULL FROM {LessonVisit._meta.db_table}
WHERE student_id = %s AND course_id = %s
"""  # noqa: S608


def _aware(value) -> datetime:
    # Through UNION ALL, SQLite hands back the stored text; it is UTC, as Django wrote it.
    if isinstance(value, str):
        value = parse_datetime(value)
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def lesson_reader_facts(*, student_id: int, course_id: int) -> ReaderFacts | None:
    """The student's active enrolment on the course, whether it is locked by a prerequisite,
    and the lessons they opened, or None when they have no active enrolment: one query."""
    active = Enrollment.Status.ACTIVE.value
    params = [True, student_id, active, student_id, course_id, active, student_id, course_id]
    with prepared_sql.cursor() as cursor:
        cursor.execute(_SQL, params)
        rows = cursor.fetchall()
    enrolment = next((row for row in rows if row[0] == 0), None)
    if enrolment is None:
        return None
    visited = frozenset(row[0] for row in rows if row[0])
    return ReaderFacts(
        enrolled_at=_aware(enrolment[1]),
        visited_lesson_ids=visited,
        prerequisite_missing=bool(enrolment[2]),
    )
