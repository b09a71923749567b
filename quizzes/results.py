"""A learner's result on a quiz: the grade by the quiz's grading method, whether it passes,
and which of a course's required quizzes they have passed.

Quizzes' own pages, the gradebook, certificates, the instructor dashboard and course
completion all ask these rules, so a pass means the same thing everywhere.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import FilteredRelation, Q

from courses.models import CoursePage
from quizzes.models import Attempt, GradingMethod, QuizPage


@dataclass(frozen=True)
class QuizProgress:
    required_ids: list[int]
    passed_ids: set[int]

    @property
    def complete(self) -> bool:
        return len(self.passed_ids) == len(self.required_ids)


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


def submitted_fractions(*, quiz_ids, student_id: int) -> dict[int, list[Decimal]]:
    """{quiz id: the student's submitted attempts' fractions, in attempt order}: one query."""
    return _fractions(quiz_ids, student_id)


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


def quiz_results(*, quizzes, student_id: int) -> tuple[set[int], set[int]]:
    """(attempted ids, passed ids) among `quizzes` (QuizPage-like objects with pk, pass_mark
    and grading_method) for one student, by the same rule as quiz_progress: one query."""
    by_pk = {quiz.pk: quiz for quiz in quizzes}
    if not by_pk:  # no query
        return set(), set()
    fractions = _fractions(list(by_pk), student_id)
    passed = {
        pk
        for pk, marks in fractions.items()
        if quiz_passed(quiz=by_pk[pk], grade=grade_by_method(by_pk[pk].grading_method, marks))
    }
    return set(fractions), passed
