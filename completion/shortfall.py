"""Whether a course surely cannot be complete yet for a learner, in one hand-written query.

Why it exists: every submit of a quiz asks completion whether the course is now complete, and
building the full picture (lessons, quizzes, live sessions: three ORM queries) was about a third
of a submit's time (issue 19), though a learner who is mid-course is nearly always missing a
lesson they never opened or a required quiz they never handed in. What it must stay equal to:
it answers True only when completion.services.course_completion would answer complete=False
(a required live lesson with no visit at all is not read; a required live quiz with no submitted
attempt has no grade, so it is not passed). False means "maybe complete": ask the full rules.
tests/completion/test_shortfall.py holds the two together.
"""

from cms import prepared_sql
from quizzes.models import Attempt

_SURELY_INCOMPLETE = """
SELECT EXISTS (
    SELECT 1 FROM quizzes_quizpage quiz
    JOIN wagtailcore_page page ON page.id = quiz.page_ptr_id
    WHERE page.path LIKE %(descendants)s AND page.depth > %(depth)s AND page.live = %(true)s
      AND quiz.required_for_completion = %(true)s
      AND NOT EXISTS (
          SELECT 1 FROM quizzes_attempt attempt
          WHERE attempt.quiz_id = quiz.page_ptr_id AND attempt.student_id = %(student)s
            AND attempt.state = %(submitted)s)
) OR EXISTS (
    SELECT 1 FROM courses_lessonpage lesson
    JOIN wagtailcore_page page ON page.id = lesson.page_ptr_id
    WHERE page.path LIKE %(descendants)s AND page.depth > %(depth)s AND page.live = %(true)s
      AND lesson.required_for_completion = %(true)s
      AND NOT EXISTS (
          SELECT 1 FROM courses_lessonvisit visit
          WHERE visit.student_id = %(student)s AND visit.lesson_id = lesson.page_ptr_id)
)
"""


def course_surely_incomplete(*, course_path: str, course_depth: int, student_id: int) -> bool:
    """True when the course (by its page's tree path and depth) has a required live quiz the
    learner never handed in or a required live lesson they never opened: one query."""
    params = {
        # Wagtail's paths are digits and capital letters: nothing for LIKE to read as a pattern.
        "descendants": f"{course_path}%",
        "depth": course_depth,
        "true": True,
        "student": student_id,
        "submitted": Attempt.State.SUBMITTED.value,
    }
    with prepared_sql.cursor() as cursor:
        cursor.execute(_SURELY_INCOMPLETE, params)
        return bool(cursor.fetchone()[0])
