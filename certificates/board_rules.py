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
from courses.selectors import credit_approvals_for, current_approvals
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


def _quizzes_by_course(wanted_by: list[tuple]) -> dict[int, dict]:
    """For each (course, approvals): the quizzes the approvals' rules are about, by pk, and
    the course's final assessment (key FINAL), by course pk: one query for all the courses,
    none when no approval has a rule on a quiz."""
    post_test_ids = {a.post_test_id for _, approvals in wanted_by for a in approvals}
    post_test_ids.discard(None)
    final_paths = [
        course.path
        for course, approvals in wanted_by
        if any(a.pass_mark is not None and not a.post_test_id for a in approvals)
    ]
    if not post_test_ids and not final_paths:
        return {}
    wanted = Q(pk__in=post_test_ids)
    for path in final_paths:
        wanted |= Q(kind=QuizKind.FINAL_ASSESSMENT, path__startswith=path)
    courses = {course.path: course.pk for course, _ in wanted_by}
    found: dict[int, dict] = {}
    for quiz in QuizPage.objects.live().filter(wanted).order_by("path"):
        # Courses sit at one depth, so a quiz belongs to the course whose path starts its own.
        course_pk = next((pk for path, pk in courses.items() if quiz.path.startswith(path)), None)
        if course_pk is None:
            continue  # a post-test outside its course is not that course's (as descendant_of)
        quizzes = found.setdefault(course_pk, {})
        if quiz.pk in post_test_ids:
            quizzes[quiz.pk] = quiz
        if quiz.kind == QuizKind.FINAL_ASSESSMENT:
            quizzes.setdefault(FINAL, quiz)
    return found


def _quizzes(enrollment: Enrollment, approvals: list[CourseApproval]) -> dict:
    """The quizzes the approvals' rules are about, by pk, and the course's final assessment
    (key FINAL): one query, none when no approval has a rule on a quiz."""
    course = enrollment.course
    return _quizzes_by_course([(course, approvals)]).get(course.pk, {})


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

    @property
    def unmet(self) -> list[ApprovalStanding]:
        """The boards whose own rules the learner has still to meet."""
        return [s for s in self.standings if not s.earned]


def board_credit(*, enrollment: Enrollment, offered: list[CourseApproval]) -> BoardCredit:
    """The learner's standing with each of the course's current approvals (`offered`, read by
    the page with their bodies) that they earn credit with: one query (their choice), plus
    the quizzes, grades and evaluation when an approval has rules of its own."""
    chosen = set(enrollment.credit_approvals.values_list("pk", flat=True))
    approvals = [a for a in offered if not chosen or a.pk in chosen]
    return BoardCredit(standings=_standings(enrollment, approvals), chosen=bool(chosen))


def boards_credit(*, enrollments: list[Enrollment]) -> dict[int, BoardCredit]:
    """board_credit for each of one learner's enrolments at once (My courses), by enrolment
    pk, for the courses' current approvals: the same rules and messages as the course page,
    in a fixed number of queries however many courses. The approvals with their bodies (one),
    then, when any course is approved, the learner's choices (one) and the quizzes, grades
    and evaluations, each only when some approval asks for it. Courses without a current
    approval are left out. `enrollments` are read with their course."""
    if not enrollments:
        return {}
    offered: dict[int, list[CourseApproval]] = {}
    approvals = current_approvals(
        CourseApproval.objects.filter(course_id__in={e.course_id for e in enrollments})
    )
    for approval in approvals.select_related("body").order_by("sort_order", "pk"):
        offered.setdefault(approval.course_id, []).append(approval)
    approved = [e for e in enrollments if e.course_id in offered]
    if not approved:
        return {}
    chosen: dict[int, set[int]] = {}
    choices = Enrollment.credit_approvals.through.objects.filter(
        enrollment_id__in=[e.pk for e in approved]
    )
    for enrollment_id, approval_id in choices.values_list("enrollment_id", "courseapproval_id"):
        chosen.setdefault(enrollment_id, set()).add(approval_id)
    counted = {
        e.pk: [a for a in offered[e.course_id] if e.pk not in chosen or a.pk in chosen[e.pk]]
        for e in approved
    }
    quizzes = _quizzes_by_course([(e.course, counted[e.pk]) for e in approved])
    quiz_ids = [quiz.pk for found in quizzes.values() for quiz in found.values()]
    fractions = (
        submitted_fractions(quiz_ids=quiz_ids, student_id=approved[0].student_id)
        if quiz_ids
        else {}
    )
    asking = [e.pk for e in approved if any(a.requires_evaluation for a in counted[e.pk])]
    evaluated = (
        set(
            CourseEvaluation.objects.filter(enrollment_id__in=asking).values_list(
                "enrollment_id", flat=True
            )
        )
        if asking
        else set()
    )
    return {
        e.pk: BoardCredit(
            standings=[
                ApprovalStanding(
                    approval=a,
                    missing=_standing(
                        a, quizzes.get(e.course_id, {}), fractions, e.pk in evaluated
                    ),
                )
                for a in counted[e.pk]
            ],
            chosen=e.pk in chosen,
        )
        for e in approved
    }


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
