"""What the enrolled learner's lesson view (courses/enrolled_lesson/) reads per request: their
active enrolment and the lessons of the course they have opened, in one query.

Why raw SQL: building the ORM's two queries cost more CPU than the rest of the page (issue 19).
It must stay equal to what LessonPage.serve reads through lesson_reader() (an *active*
enrolment) and visited_lesson_ids(); tests/courses/test_enrolled_lesson.py holds them equal.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from django.db import connection
from django.utils.dateparse import parse_datetime

from courses.models import Enrollment, LessonVisit


@dataclass(frozen=True)
class ReaderFacts:
    enrolled_at: datetime
    visited_lesson_ids: frozenset[int]


def _aware(value) -> datetime:
    # Through UNION ALL, SQLite hands back the stored text; it is UTC, as Django wrote it.
    if isinstance(value, str):
        value = parse_datetime(value)
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def lesson_reader_facts(*, student_id: int, course_id: int) -> ReaderFacts | None:
    """The student's active enrolment on the course and the lessons they opened, or None when
    they have no active enrolment: one query."""
    enrollments, visits = Enrollment._meta.db_table, LessonVisit._meta.db_table
    # Only the models' table names are formatted in; every value is a parameter.
    sql = (
        f"SELECT 0, enrolled_at FROM {enrollments} "  # noqa: S608
        "WHERE student_id = %s AND course_id = %s AND status = %s "
        f"UNION ALL SELECT lesson_id, NULL FROM {visits} WHERE student_id = %s AND course_id = %s"
    )
    params = [student_id, course_id, Enrollment.Status.ACTIVE.value, student_id, course_id]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    enrolled_at = next((when for lesson_id, when in rows if lesson_id == 0), None)
    if enrolled_at is None:
        return None
    visited = frozenset(lesson_id for lesson_id, _ in rows if lesson_id)
    return ReaderFacts(enrolled_at=_aware(enrolled_at), visited_lesson_ids=visited)
