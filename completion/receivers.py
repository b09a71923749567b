"""The facts that may complete a course, as the apps that own them announce them: each
receiver finds the learner's active enrolment and asks completion/services.py.

Connected in CompletionConfig.ready(). A lesson read and live attendance arrive after their
own commit; a graded attempt arrives inside the submit's transaction, so the completion and
its certificate commit with the grade."""

from certificates.services import certificate_credit_follow
from completion.services import course_completion_check
from courses.models import Enrollment


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


def attempt_graded_receiver(sender, attempt, **kwargs) -> None:
    """An attempt was submitted or its mark overridden: a pass may complete the course, or,
    on a course already finished, earn a board whose own pass mark or post-test was missed.
    The enrolment is found by the quiz's ancestors' paths, without reading the course's page
    (every submit runs this)."""
    quiz = attempt.quiz
    ancestor_paths = [quiz.path[: n * quiz.steplen] for n in range(1, quiz.depth)]
    enrollment = Enrollment.objects.filter(
        student_id=attempt.student_id, course__path__in=ancestor_paths
    ).first()
    if enrollment is None:
        return
    if enrollment.completed_at is not None:
        certificate_credit_follow(enrollment=enrollment)
    else:
        course_completion_check(enrollment=enrollment)
