"""The learner's progress bar on the course page, by the same rules as completion: courses
counts the lessons read (courses.selectors.course_progress), the hub adds the quizzes passed."""

from courses.models import CoursePage, Enrollment
from courses.selectors import CourseProgress, ProgressPart
from quizzes.results import quiz_progress


def quizzes_passed_part(*, enrollment: Enrollment, course: CoursePage) -> ProgressPart:
    """ "K of Q quizzes passed": one query."""
    progress = quiz_progress(course=course, student_id=enrollment.student_id)
    done, total = len(progress.passed_ids), len(progress.required_ids)
    noun = "quiz" if total == 1 else "quizzes"
    return ProgressPart(done=done, total=total, summary=f"{done} of {total} {noun} passed")


def course_progress_with_quizzes(
    *, lessons: CourseProgress, enrollment: Enrollment, course: CoursePage
) -> CourseProgress:
    quizzes = quizzes_passed_part(enrollment=enrollment, course=course)
    parts = [*lessons.parts, quizzes] if quizzes.total else lessons.parts
    return CourseProgress(parts=parts, visited_lesson_ids=lessons.visited_lesson_ids)
