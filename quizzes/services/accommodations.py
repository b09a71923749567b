"""Extra time on timed quizzes, granted by a school to one learner (WCAG 2.2.1).

A grant covers every timed quiz of a course (attempts started from then on, and any attempt
of that course still open, whose deadline moves later, never earlier) or one open attempt.
The deadline is the server's: saves after the quiz's own limit are accepted while the
extended deadline holds. Who may grant is decided in schools/rules.py (the view asks).
"""

from datetime import timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from courses.models import CoursePage, Enrollment
from quizzes.models import Accommodation, Attempt, QuizPage

NOT_ENROLLED = "%(student)s is not enrolled on this course."
ATTEMPT_NOT_OPEN = "That attempt is no longer in progress."
ATTEMPT_ELSEWHERE = "That attempt belongs to another learner or course."
NO_EXTRA_TIME = "Give a time factor above 1 or some extra minutes."
REASON_REQUIRED = "Say why the extra time is granted."


def _course_of(quiz: QuizPage) -> CoursePage | None:
    return CoursePage.objects.ancestor_of(quiz).first()


def _extend(attempt: Attempt, accommodation: Accommodation) -> None:
    limit = attempt.quiz.time_limit_minutes
    if not limit or not attempt.is_open:
        return
    deadline = attempt.started_at + timedelta(minutes=accommodation.minutes_for(limit))
    if attempt.deadline is None or deadline > attempt.deadline:
        attempt.deadline = deadline
        attempt.accommodation = accommodation
        attempt.save(update_fields=["deadline", "accommodation"])


@transaction.atomic
def accommodation_grant(
    *,
    student,
    course: CoursePage,
    granted_by,
    reason: str,
    time_factor: Decimal = Decimal(1),
    extra_minutes: int = 0,
    attempt: Attempt | None = None,
) -> Accommodation:
    """Record the grant and extend the learner's open timed attempts it covers."""
    if not Enrollment.objects.filter(student=student, course=course).exists():
        raise ValidationError(NOT_ENROLLED, params={"student": student}, code="not_enrolled")
    if not reason.strip():
        raise ValidationError({"reason": ValidationError(REASON_REQUIRED, code="required")})
    if Decimal(time_factor) <= 1 and not extra_minutes:
        raise ValidationError(NO_EXTRA_TIME, code="no_extra_time")
    open_attempts = Attempt.objects.select_for_update().select_related("quiz")
    if attempt is not None:
        attempt = open_attempts.filter(pk=attempt.pk).first()
        if attempt is None or attempt.student_id != student.pk:
            raise ValidationError(ATTEMPT_ELSEWHERE, code="attempt_elsewhere")
        quiz_course = _course_of(attempt.quiz)
        if quiz_course is None or quiz_course.pk != course.pk:
            raise ValidationError(ATTEMPT_ELSEWHERE, code="attempt_elsewhere")
        if not attempt.is_open:
            raise ValidationError(ATTEMPT_NOT_OPEN, code="attempt_not_open")
    accommodation = Accommodation(
        student=student,
        course=course,
        attempt=attempt,
        time_factor=Decimal(time_factor),
        extra_minutes=int(extra_minutes),
        reason=reason.strip(),
        granted_by=granted_by,
        granted_at=timezone.now(),
    )
    accommodation.full_clean()
    accommodation.save()
    if attempt is not None:
        covered = [attempt]
    else:
        quizzes = QuizPage.objects.descendant_of(course).values("pk")
        covered = open_attempts.filter(
            student=student, state=Attempt.State.IN_PROGRESS, quiz__in=quizzes
        )
    for open_attempt in covered:
        _extend(open_attempt, accommodation)
    return accommodation
