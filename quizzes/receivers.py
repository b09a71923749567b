"""Where quizzes plugs into courses, which may not import it: a signal and a Wagtail hook."""

from wagtail import hooks

from courses.models import Enrollment
from courses.selectors import COURSE_PROGRESS_HOOK, ProgressPart
from quizzes.services.completion import enrollment_complete_if_done, quiz_progress


def lesson_first_visited_receiver(sender, visit, **kwargs) -> None:
    """A learner opened a lesson for the first time, or reached its minimum reading time:
    that may be what completes their course.

    Connected in QuizzesConfig.ready() to lesson_first_visited and lesson_reading_met; courses
    sends them once the visit or the heartbeat is committed.
    """
    enrollment = Enrollment.objects.filter(
        student_id=visit.student_id, course_id=visit.course_id, status=Enrollment.Status.ACTIVE
    ).first()
    if enrollment is not None:
        enrollment_complete_if_done(enrollment=enrollment)


def live_progress_recorded_receiver(sender, student_id, course_id, **kwargs) -> None:
    """Attendance or a skill sign-off was recorded: that may complete a live course.

    Connected in QuizzesConfig.ready(); courses sends it once the record is committed.
    """
    enrollment = Enrollment.objects.filter(
        student_id=student_id, course_id=course_id, status=Enrollment.Status.ACTIVE
    ).first()
    if enrollment is not None:
        enrollment_complete_if_done(enrollment=enrollment)


@hooks.register(COURSE_PROGRESS_HOOK)
def quizzes_passed_part(*, enrollment, course) -> ProgressPart:
    """The course page's "K of Q quizzes passed", by the same rule as completion."""
    progress = quiz_progress(course=course, student_id=enrollment.student_id)
    done, total = len(progress.passed_ids), len(progress.required_ids)
    noun = "quiz" if total == 1 else "quizzes"
    return ProgressPart(done=done, total=total, summary=f"{done} of {total} {noun} passed")
