"""The facts that may complete a course, as the apps that own them announce them: each
receiver finds the learner's active enrolment and asks completion/services.py.

Connected in CompletionConfig.ready(). A lesson read and live attendance arrive after their
own commit; a graded attempt arrives inside the submit's transaction, so the completion and
its certificate commit with the grade."""

from django.db import connection

from certificates.services import certificate_credit_follow
from cms import prepared_sql
from completion.services import course_completion_check
from courses.models import Enrollment
from quizzes.db_rows import converted


def _check(*, student_id: int, course_id: int) -> None:
    enrollment = Enrollment.objects.filter(
        student_id=student_id, course_id=course_id, status=Enrollment.Status.ACTIVE
    ).first()
    if enrollment is not None:
        course_completion_check(enrollment=enrollment)


def lesson_read_receiver(sender, visit, **kwargs) -> None:
    """A learner opened a lesson for the first time, or reached its minimum reading time."""
    _check(student_id=visit.student_id, course_id=visit.course_id)


def live_progress_receiver(sender, student_id, course_id, **kwargs) -> None:
    """Attendance or a skill sign-off was recorded: that may complete a live course."""
    _check(student_id=student_id, course_id=course_id)


# The learner's enrolment on the course holding a quiz, found by the quiz's ancestors' paths;
# only what the receiver reads (its id and completed_at). Hand-written and read by a plain
# cursor: building the same query with the ORM, or even its instance through raw(), cost more
# than the rest of a mid-course submit's completion check (issue 19).
_ENROLLMENT_ON_QUIZ_COURSE = """
SELECT e.id, e.completed_at FROM courses_enrollment e
JOIN wagtailcore_page course ON course.id = e.course_id
WHERE e.student_id = %s AND course.path IN ({paths})
ORDER BY e.id
LIMIT 1
"""


_ENROLLMENT_FIELDS = (Enrollment._meta.pk, Enrollment._meta.get_field("completed_at"))


def _enrollment_on_quiz_course(*, student_id: int, quiz) -> Enrollment | None:
    paths = [quiz.path[: n * quiz.steplen] for n in range(1, quiz.depth)]
    if not paths:
        return None
    query = _ENROLLMENT_ON_QUIZ_COURSE.format(paths=", ".join("%s" for _ in paths))
    with prepared_sql.cursor() as cursor:
        cursor.execute(query, [student_id, *paths])
        row = cursor.fetchone()
    if row is None:
        return None
    values = converted(row, _ENROLLMENT_FIELDS)
    return Enrollment.from_db(connection.alias, ["id", "completed_at"], values)


def attempt_graded_receiver(sender, attempt, **kwargs) -> None:
    """An attempt was submitted or its mark overridden: a pass may complete the course, or,
    on a course already finished, earn a board whose own pass mark or post-test was missed.
    The enrolment is found without reading the course's page (every submit runs this)."""
    enrollment = _enrollment_on_quiz_course(student_id=attempt.student_id, quiz=attempt.quiz)
    if enrollment is None:
        return
    if enrollment.completed_at is not None:
        certificate_credit_follow(enrollment=enrollment)
    else:
        course_completion_check(enrollment=enrollment)
