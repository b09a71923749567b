"""An enrolment not yet completed, locked, with the facts completion decides on first: one
hand-written query.

Why it exists: course_completion_check takes this lock on every submit of a quiz, and the ORM
spent more building the query (the course's page joined through CoursePage) than the rest of
a mid-course learner's check (issue 19). What it must stay equal to:
`Enrollment.objects.select_for_update(of=("self",)).filter(pk=..., completed_at__isnull=True)
.values_list("status", "student_id", "course__path", "course__depth").first()`, which
tests/completion/test_locked_facts.py holds it to.
"""

from django.db import connection

from cms import prepared_sql

_FACTS = """
SELECT e.status, e.student_id, course.path, course.depth
FROM courses_enrollment e
JOIN wagtailcore_page course ON course.id = e.course_id
WHERE e.id = %s AND e.completed_at IS NULL{for_update}
"""


def enrollment_facts_locked(*, enrollment_id: int) -> tuple | None:
    """(status, student id, course path, course depth) of the enrolment, its row locked until the
    transaction ends where the database locks rows (SQLite serialises writing transactions
    instead); None when it is completed or gone."""
    for_update = ""
    if connection.features.has_select_for_update:
        of = ("e",) if connection.features.has_select_for_update_of else ()
        for_update = f" {connection.ops.for_update_sql(of=of)}"
    with prepared_sql.cursor() as cursor:
        cursor.execute(_FACTS.format(for_update=for_update), [enrollment_id])
        return cursor.fetchone()
