"""Quiz results of a course: attempts, mean score, who passed, and item-analysis flags.

A learner's grade on a quiz follows the quiz's grading method (highest, first, last or average
of the submitted attempts, quizzes/results.py), computed here for every learner
at once: one grouped query gives each (quiz, learner) pair its best, first, last, sum and count,
and the method picks one. Only learners enrolled on the course are counted.

The flags are the item analysis's own (quizzes/item_analysis.py), over the same attempts as
its report, so the count here matches the report a click away.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Avg, Count, Max, OuterRef, Q, Subquery, Sum

from courses.models import CoursePage
from quizzes import item_analysis as ia
from quizzes.models import Attempt, AttemptSlot, GradingMethod, QuestionVersion, QuizPage
from quizzes.results import quiz_passed
from teaching.dashboard.enrolments import enrolled_on

FLAGS = (ia.TOO_HARD, ia.TOO_EASY, ia.WEAK, ia.WRONG_KEY)
SUBMITTED = Attempt.State.SUBMITTED

QUIZ_COLUMNS = [
    "Quiz",
    "Kind",
    "Required for completion",
    "Pass mark (%)",
    "Grading method",
    "Learners attempted",
    "Learners passed",
    "Pass rate (%)",
    "Submitted attempts",
    "Attempts in progress",
    "Mean score (%)",
    "Questions analysed",
    "Questions flagged",
    *FLAGS,
]


def course_quizzes(*, course: CoursePage) -> list[QuizPage]:
    """The course's live quizzes in the order of the course: one query."""
    return list(
        QuizPage.objects.live()
        .descendant_of(course)
        .order_by("path")
        .only(
            "pk",
            "title",
            "path",
            "depth",
            "kind",
            "pass_mark",
            "grading_method",
            "required_for_completion",
        )
    )


def _grade(method: str, row: dict) -> Decimal:
    """The learner's grade from the pair's aggregates, as `grade_by_method` on the fractions
    (an attempt without a fraction counts as 0 there, and so here)."""
    if method == GradingMethod.FIRST:
        return row["first"] or Decimal(0)
    if method == GradingMethod.LAST:
        return row["last"] or Decimal(0)
    if method == GradingMethod.AVERAGE:
        return (row["total"] or Decimal(0)) / row["n"]
    return row["best"] or Decimal(0)


def learner_grades(
    *, course: CoursePage, quizzes: list[QuizPage], student_ids=None
) -> dict[int, dict[int, Decimal]]:
    """{quiz id: {learner id: grade 0..1}} for every enrolled learner with a submitted attempt
    (only `student_ids`' if given): one query."""
    if not quizzes:
        return {}
    attempts = Attempt.objects.filter(quiz_id__in=[q.pk for q in quizzes], state=SUBMITTED)
    if student_ids is not None:
        attempts = attempts.filter(student_id__in=list(student_ids))
    same_pair = Attempt.objects.filter(
        quiz_id=OuterRef("quiz_id"), student_id=OuterRef("student_id"), state=SUBMITTED
    )
    rows = (
        attempts.filter(enrolled_on(course))
        .values("quiz_id", "student_id")
        .annotate(
            n=Count("pk"),
            best=Max("fraction"),
            total=Sum("fraction"),
            first=Subquery(same_pair.order_by("number").values("fraction")[:1]),
            last=Subquery(same_pair.order_by("-number").values("fraction")[:1]),
        )
        .order_by()
    )
    methods = {quiz.pk: quiz.grading_method for quiz in quizzes}
    grades: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for row in rows:
        grades[row["quiz_id"]][row["student_id"]] = _grade(methods[row["quiz_id"]], row)
    return grades


def passed_by_quiz(
    quizzes: list[QuizPage], grades: dict[int, dict[int, Decimal]]
) -> dict[int, set[int]]:
    """{quiz id: ids of the learners who passed it}."""
    return {
        quiz.pk: {
            student_id
            for student_id, grade in grades.get(quiz.pk, {}).items()
            if quiz_passed(quiz=quiz, grade=grade)
        }
        for quiz in quizzes
    }


@dataclass
class FlagSummary:
    analysed: int = 0  # attempts, each learner's first
    questions: int = 0
    flagged: int = 0
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FLAGS, 0))


def item_flags(*, quizzes: list[QuizPage]) -> dict[int, FlagSummary]:
    """The item analysis of every quiz at once: two queries, however many quizzes."""
    if not quizzes:
        return {}
    raw = list(
        AttemptSlot.objects.filter(
            attempt__quiz_id__in=[q.pk for q in quizzes], attempt__state=SUBMITTED
        )
        .order_by("attempt_id", "order")
        .values_list(
            "attempt__quiz_id",
            "attempt__student_id",
            "attempt__number",
            "attempt_id",
            "question_version__question_id",
            "question_version_id",
            "mark",
            "max_mark",
            "response",
        )
    )
    by_quiz: dict[int, list] = defaultdict(list)
    for row in raw:
        by_quiz[row[0]].append(row)
    version_ids = {row[5] for row in raw}
    versions = {
        pk: (qtype, data)
        for pk, qtype, data in QuestionVersion.objects.filter(pk__in=version_ids).values_list(
            "pk", "qtype", "data"
        )
    }
    summaries = {}
    for quiz in quizzes:
        rows = by_quiz.get(quiz.pk, [])
        analysed = ia.first_attempts({(r[1], r[2], r[3]) for r in rows})
        items = ia.item_statistics(
            [
                ia.Row(
                    attempt_id=r[3],
                    question_id=r[4],
                    version_id=r[5],
                    mark=r[6],
                    max_mark=r[7],
                    response=r[8],
                )
                for r in rows
                if r[3] in analysed
            ],
            versions,
        )
        summary = FlagSummary(analysed=len(analysed), questions=len(items))
        for item in items:
            summary.flagged += bool(item.flags)
            for flag in item.flags:
                summary.counts[flag] = summary.counts.get(flag, 0) + 1
        summaries[quiz.pk] = summary
    return summaries


@dataclass
class QuizResult:
    quiz: QuizPage
    attempted: int
    passed: int
    submitted: int
    in_progress: int
    mean: Decimal | None  # percent, over the submitted attempts
    flags: FlagSummary

    @property
    def pass_rate(self) -> int | None:
        return round(100 * self.passed / self.attempted) if self.attempted else None


def quiz_results(
    *,
    course: CoursePage,
    quizzes: list[QuizPage],
    grades: dict[int, dict[int, Decimal]],
    passed: dict[int, set[int]],
) -> list[QuizResult]:
    """One row per quiz: three queries (the attempt counts, and the item analysis's two)."""
    if not quizzes:
        return []
    counts = {
        row["quiz_id"]: row
        for row in Attempt.objects.filter(quiz_id__in=[q.pk for q in quizzes])
        .filter(enrolled_on(course))
        .values("quiz_id")
        .annotate(
            submitted=Count("pk", filter=Q(state=SUBMITTED)),
            in_progress=Count("pk", filter=Q(state=Attempt.State.IN_PROGRESS)),
            mean=Avg("fraction", filter=Q(state=SUBMITTED)),
        )
        .order_by()
    }
    flags = item_flags(quizzes=quizzes)
    results = []
    for quiz in quizzes:
        row = counts.get(quiz.pk, {})
        mean = row.get("mean")
        results.append(
            QuizResult(
                quiz=quiz,
                attempted=len(grades.get(quiz.pk, {})),
                passed=len(passed.get(quiz.pk, ())),
                submitted=row.get("submitted", 0),
                in_progress=row.get("in_progress", 0),
                mean=None if mean is None else (Decimal(str(mean)) * 100).quantize(Decimal("0.1")),
                flags=flags[quiz.pk],
            )
        )
    return results


def quiz_rows(results: list[QuizResult]):
    for result in results:
        quiz = result.quiz
        yield [
            quiz.title,
            quiz.get_kind_display(),
            "yes" if quiz.required_for_completion else "no",
            quiz.pass_mark,
            quiz.get_grading_method_display(),
            result.attempted,
            result.passed,
            "" if result.pass_rate is None else result.pass_rate,
            result.submitted,
            result.in_progress,
            "" if result.mean is None else result.mean,
            result.flags.questions,
            result.flags.flagged,
            *(result.flags.counts.get(flag, 0) for flag in FLAGS),
        ]
