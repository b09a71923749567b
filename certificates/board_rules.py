"""Which of the learner's boards a completed course earns credit with: each approval's own rules.

An approval may ask for more than the course does: a higher pass mark on the final assessment,
its own post-test, the course evaluation. The course is complete by the course's rules
(completion/services.py); each board's credit is earned only when that board's rules are met
too, and the credit of the other boards does not wait for it.

The rule lives here, in certificates, because this is the lowest app that sees both the quiz
grades (quizzes) and the evaluation (certificates), and the certificate's snapshot, the
transcript and the tracking-system reports (records) all read what the certificate claims:
one rule, read by everyone above.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from certificates.models import CourseEvaluation
from courses.models import CourseApproval, Enrollment
from courses.selectors import credit_approvals_for
from quizzes.models import QuizKind, QuizPage
from quizzes.results import grade_by_method, submitted_fractions

SCORE_TOO_LOW = "score at least {mark} % on “{quiz}” (your grade so far: {grade})"
POST_TEST_MISSED = "pass the board's post-test “{quiz}” ({mark} %; your grade so far: {grade})"
EVALUATION_MISSING = "fill in the course evaluation"
NO_GRADE = "none yet"
FINAL = "final"


@dataclass(frozen=True)
class ApprovalStanding:
    """One chosen approval: earned, or what the learner still has to do for it."""

    approval: CourseApproval
    missing: list[str] = field(default_factory=list)

    @property
    def earned(self) -> bool:
        return not self.missing

    @property
    def body(self):
        return self.approval.body


def _percent(value: Decimal) -> str:
    return f"{value.normalize():f}" if value == value.to_integral() else f"{value:.1f}"


def _grade_label(grade: Decimal | None) -> str:
    return NO_GRADE if grade is None else f"{_percent(grade * 100)} %"


def _quizzes(enrollment: Enrollment, approvals: list[CourseApproval]) -> dict:
    """The quizzes the approvals' rules are about, by pk, and the course's final assessment
    (key FINAL): one query, none when no approval has a rule on a quiz."""
    post_test_ids = {a.post_test_id for a in approvals if a.post_test_id}
    wants_final = any(a.pass_mark is not None and not a.post_test_id for a in approvals)
    if not post_test_ids and not wants_final:
        return {}
    wanted = Q(pk__in=post_test_ids)
    if wants_final:
        wanted |= Q(kind=QuizKind.FINAL_ASSESSMENT)
    quizzes = QuizPage.objects.live().descendant_of(enrollment.course).filter(wanted)
    found: dict = {}
    for quiz in quizzes.order_by("path"):
        if quiz.pk in post_test_ids:
            found[quiz.pk] = quiz
        if quiz.kind == QuizKind.FINAL_ASSESSMENT:
            found.setdefault(FINAL, quiz)
    return found


def _missed(quiz: QuizPage, mark: Decimal, fractions: dict, message: str) -> list[str]:
    grade = grade_by_method(quiz.grading_method, fractions.get(quiz.pk, []))
    if grade is not None and grade * 100 >= mark:
        return []
    return [message.format(quiz=quiz.title, mark=_percent(mark), grade=_grade_label(grade))]


def _standing(approval: CourseApproval, quizzes: dict, fractions: dict, evaluated) -> list[str]:
    missing = []
    post_test = quizzes.get(approval.post_test_id) if approval.post_test_id else None
    final = None if approval.post_test_id else quizzes.get(FINAL)
    if post_test is not None:
        mark = post_test.pass_mark if approval.pass_mark is None else Decimal(approval.pass_mark)
        missing += _missed(post_test, mark, fractions, POST_TEST_MISSED)
    elif approval.pass_mark is not None and final is not None:
        missing += _missed(final, Decimal(approval.pass_mark), fractions, SCORE_TOO_LOW)
    if approval.requires_evaluation and not evaluated:
        missing.append(EVALUATION_MISSING)
    return missing


def approval_standings(*, enrollment: Enrollment, on: date | None = None) -> list[ApprovalStanding]:
    """For each approval the learner earns this course's credit with (their chosen boards, in
    force on `on`, the completion day by default), whether its own rules are met. At most
    seven queries, whatever the number of approvals: approvals (four), quizzes, grades,
    evaluation, each only when some approval asks for it. `enrollment` is read with its
    course."""
    if on is None:
        on = timezone.localdate(enrollment.completed_at or timezone.now())
    return _standings(enrollment, credit_approvals_for(enrollment=enrollment, on=on))


@dataclass(frozen=True)
class BoardCredit:
    standings: list[ApprovalStanding]
    chosen: bool  # the learner chose their boards (else every current approval counts)


def board_credit(*, enrollment: Enrollment, offered: list[CourseApproval]) -> BoardCredit:
    """The learner's standing with each of the course's current approvals (`offered`, read by
    the page with their bodies) that they earn credit with: one query (their choice), plus
    the quizzes, grades and evaluation when an approval has rules of its own."""
    chosen = set(enrollment.credit_approvals.values_list("pk", flat=True))
    approvals = [a for a in offered if not chosen or a.pk in chosen]
    return BoardCredit(standings=_standings(enrollment, approvals), chosen=bool(chosen))


def _standings(enrollment: Enrollment, approvals: list[CourseApproval]) -> list[ApprovalStanding]:
    quizzes = _quizzes(enrollment, approvals)
    fractions = (
        submitted_fractions(
            quiz_ids=[quiz.pk for quiz in quizzes.values()], student_id=enrollment.student_id
        )
        if quizzes
        else {}
    )
    evaluated = None
    if any(a.requires_evaluation for a in approvals):
        evaluated = CourseEvaluation.objects.filter(enrollment_id=enrollment.pk).exists()
    return [
        ApprovalStanding(approval=a, missing=_standing(a, quizzes, fractions, evaluated))
        for a in approvals
    ]


def approvals_earned(*, enrollment: Enrollment, on: date | None = None) -> list[CourseApproval]:
    """The approvals whose credit the learner has earned: what the certificate claims."""
    return [s.approval for s in approval_standings(enrollment=enrollment, on=on) if s.earned]


def board_requires_evaluation(*, enrollment: Enrollment) -> bool:
    """Whether one of the learner's chosen boards (every approval, when they chose none) asks
    for the course evaluation: two queries."""
    chosen = enrollment.credit_approvals.all()
    if not chosen.exists():
        chosen = CourseApproval.objects.filter(course_id=enrollment.course_id)
    return chosen.filter(requires_evaluation=True).exists()
