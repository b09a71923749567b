"""Course completion, computed in one place: every required live lesson visited and every
required live quiz passed, by an active enrolment.

`course_completion` reads the state (two queries whatever the course's size: the lesson half
comes from courses.selectors.lesson_progress). `enrollment_complete_if_done` is the only
writer: it locks the enrolment, and only while `completed_at` is still empty does it set it
and send `course_completed` in the same transaction. So whichever comes last, the final lesson visit
(quizzes/receivers.py) or the final graded attempt (services/attempts.py), and even both at
once, the signal goes out exactly once per enrolment and `completed_at` keeps the first time.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import FilteredRelation, Q
from django.utils import timezone

from courses.models import CoursePage, Enrollment
from courses.selectors import lesson_progress
from live.selectors import LiveProgress, live_progress
from quizzes.models import Attempt, GradingMethod, QuizPage
from quizzes.signals import course_completed


@dataclass(frozen=True)
class CourseCompletion:
    complete: bool
    required_quiz_ids: list[int] = field(default_factory=list)
    passed_quiz_ids: set[int] = field(default_factory=set)
    required_lesson_ids: list[int] = field(default_factory=list)
    visited_lesson_ids: set[int] = field(default_factory=set)  # the required ones visited
    lessons_tracked: bool = True
    # Live sessions attended in full and practical skills signed off (courses/live_selectors).
    live: LiveProgress = field(default_factory=LiveProgress)


@dataclass(frozen=True)
class QuizProgress:
    required_ids: list[int]
    passed_ids: set[int]


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


def quiz_progress(*, course: CoursePage, student_id: int) -> QuizProgress:
    """The course's required live quizzes and which the student has passed: one query.

    One row per submitted attempt, or one empty row for a quiz not yet attempted (the
    attempts are LEFT JOINed through a FilteredRelation on this student).
    """
    rows = (
        QuizPage.objects.live()
        .descendant_of(course)
        .filter(required_for_completion=True)
        .annotate(
            mine=FilteredRelation(
                "attempts",
                condition=Q(
                    attempts__student_id=student_id, attempts__state=Attempt.State.SUBMITTED
                ),
            )
        )
        .order_by("path", "mine__number")
        .values_list("pk", "pass_mark", "grading_method", "mine__number", "mine__fraction")
    )
    quizzes: dict[int, tuple[Decimal, str, list[Decimal]]] = {}
    for pk, pass_mark, method, number, fraction in rows:
        fractions = quizzes.setdefault(pk, (pass_mark, method, []))[2]
        if number is not None:
            fractions.append(fraction or Decimal(0))
    passed = {
        pk
        for pk, (pass_mark, method, fractions) in quizzes.items()
        if (grade := grade_by_method(method, fractions)) is not None and grade * 100 >= pass_mark
    }
    return QuizProgress(required_ids=list(quizzes), passed_ids=passed)


def course_completion(*, enrollment: Enrollment) -> CourseCompletion:
    """Whether the enrolment's course is complete: three queries whatever its size (and one to
    load the course, unless the enrolment was read with it). A course with live sessions or a
    practical-skills checklist also needs full attendance of every session and every skill
    signed off: its Certificate of Completion rests on recorded attendance."""
    course = enrollment.course
    lessons = lesson_progress(course=course, student_id=enrollment.student_id)
    quizzes = quiz_progress(course=course, student_id=enrollment.student_id)
    live = live_progress(course=course, student_id=enrollment.student_id)
    return CourseCompletion(
        complete=(
            enrollment.is_active
            and lessons.complete
            and len(quizzes.passed_ids) == len(quizzes.required_ids)
            and live.complete
        ),
        live=live,
        required_quiz_ids=quizzes.required_ids,
        passed_quiz_ids=quizzes.passed_ids,
        required_lesson_ids=lessons.required_ids,
        visited_lesson_ids=lessons.required_visited_ids,
    )


def enrollment_complete_if_done(*, enrollment: Enrollment) -> bool:
    """Record and announce the enrolment's completion if it is complete now: True if this call
    did. The row lock and the empty `completed_at` make it once only, even when a lesson visit
    and a graded attempt finish the course at the same moment."""
    if enrollment.completed_at is not None:  # never cleared, so no lock needed to trust it
        return False
    with transaction.atomic():
        locked = (
            Enrollment.objects.select_for_update(of=("self",))
            .select_related("course", "student")
            .filter(pk=enrollment.pk, completed_at__isnull=True)
            .first()
        )
        if locked is None or not course_completion(enrollment=locked).complete:
            return False
        locked.completed_at = timezone.now()
        locked.save(update_fields=["completed_at", "updated_at"])
        # Inside the transaction: the pending certificate commits with the completion.
        course_completed.send(sender=Enrollment, enrollment=locked)
    enrollment.completed_at = locked.completed_at
    return True


def _enrollment_for(attempt: Attempt) -> Enrollment | None:
    course = CoursePage.objects.ancestor_of(attempt.quiz).first()
    if course is None:
        return None
    return Enrollment.objects.filter(student_id=attempt.student_id, course=course).first()


def completion_for_attempt(*, attempt: Attempt) -> tuple[Enrollment | None, bool]:
    """Before grading: the attempt's enrolment, and whether its completion is already recorded."""
    enrollment = _enrollment_for(attempt)
    if enrollment is None:
        return None, False
    return enrollment, enrollment.completed_at is not None


def announce_if_completed(*, attempt: Attempt, before: tuple[Enrollment | None, bool]) -> bool:
    """After grading: record the completion and send `course_completed` (in the transaction) if this
    attempt completed the course."""
    enrollment, already_complete = before
    if enrollment is None or already_complete:
        return False
    return enrollment_complete_if_done(enrollment=enrollment)
