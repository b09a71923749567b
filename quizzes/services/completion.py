"""Course completion, computed in one place: every required live quiz passed.

Lesson visits are not tracked yet, so "all required lessons visited" is not part of the rule;
when they are, `course_completion` is the one function to change.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction

from courses.models import CoursePage, Enrollment
from quizzes.models import Attempt, GradingMethod, QuizPage
from quizzes.signals import course_completed


@dataclass(frozen=True)
class CourseCompletion:
    complete: bool
    required_quiz_ids: list[int] = field(default_factory=list)
    passed_quiz_ids: set[int] = field(default_factory=set)
    lessons_tracked: bool = False


def grade_by_method(method: str, fractions: list[Decimal]) -> Decimal | None:
    """The quiz grade from submitted attempts' fractions, in attempt order."""
    if not fractions:
        return None
    if method == GradingMethod.FIRST:
        return fractions[0]
    if method == GradingMethod.LAST:
        return fractions[-1]
    if method == GradingMethod.AVERAGE:
        return sum(fractions, Decimal(0)) / len(fractions)
    return max(fractions)


def _fractions(quiz_ids, user_id) -> dict[int, list[Decimal]]:
    rows = (
        Attempt.objects.filter(
            quiz_id__in=quiz_ids, student_id=user_id, state=Attempt.State.SUBMITTED
        )
        .order_by("number")
        .values_list("quiz_id", "fraction")
    )
    by_quiz: dict[int, list[Decimal]] = {}
    for quiz_id, fraction in rows:
        by_quiz.setdefault(quiz_id, []).append(fraction or Decimal(0))
    return by_quiz


def quiz_grade_for(*, quiz: QuizPage, user) -> Decimal | None:
    """The student's grade for the quiz (0..1) by its grading method; None before any submit."""
    fractions = _fractions([quiz.pk], user.pk).get(quiz.pk, [])
    return grade_by_method(quiz.grading_method, fractions)


def quiz_passed(*, quiz: QuizPage, grade: Decimal | None) -> bool:
    return grade is not None and grade * 100 >= quiz.pass_mark


def course_completion(*, enrollment: Enrollment) -> CourseCompletion:
    """Whether the enrolment's course is complete: two queries whatever its size."""
    quizzes = list(
        QuizPage.objects.live()
        .descendant_of(enrollment.course)
        .filter(required_for_completion=True)
        .only("pk", "pass_mark", "grading_method")
    )
    by_quiz = _fractions([quiz.pk for quiz in quizzes], enrollment.student_id)
    passed = {
        quiz.pk
        for quiz in quizzes
        if quiz_passed(
            quiz=quiz, grade=grade_by_method(quiz.grading_method, by_quiz.get(quiz.pk, []))
        )
    }
    return CourseCompletion(
        complete=enrollment.is_active and len(passed) == len(quizzes),
        required_quiz_ids=[quiz.pk for quiz in quizzes],
        passed_quiz_ids=passed,
    )


def _enrollment_for(attempt: Attempt) -> Enrollment | None:
    course = CoursePage.objects.ancestor_of(attempt.quiz).first()
    if course is None:
        return None
    return Enrollment.objects.filter(student_id=attempt.student_id, course=course).first()


def completion_for_attempt(*, attempt: Attempt) -> tuple[Enrollment | None, bool]:
    enrollment = _enrollment_for(attempt)
    if enrollment is None:
        return None, False
    return enrollment, course_completion(enrollment=enrollment).complete


def announce_if_completed(*, attempt: Attempt, before: tuple[Enrollment | None, bool]) -> bool:
    """Send `course_completed` (after commit) when this grading completed the course."""
    enrollment, was_complete = before
    if enrollment is None or was_complete:
        return False
    if not course_completion(enrollment=enrollment).complete:
        return False
    transaction.on_commit(lambda: course_completed.send(sender=Enrollment, enrollment=enrollment))
    return True
