"""The learners of a course: the list with each one's progress, and one learner's record.

Progress is the course page's rule (completion/progress.py): required live lessons
opened plus required live quizzes passed, over how many there are; 100% when nothing is
required. It is computed for a whole page (or the whole CSV) in a fixed number of queries.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.shortcuts import get_object_or_404

from certificates.models import Certificate
from commerce.models import Order
from courses.models import CoursePage, Enrollment, LessonPage, LessonVisit
from courses.selectors import course_outline
from quizzes.models import Attempt, QuizPage
from quizzes.results import grade_by_method, quiz_passed
from teaching.dashboard.quiz_results import learner_grades, passed_by_quiz

SORTS = {
    "recent": ("Newest enrolments first", ("-enrolled_at", "-pk")),
    "oldest": ("Oldest enrolments first", ("enrolled_at", "pk")),
    "email": ("Email", ("student__email", "pk")),
    "active": ("Most recently active", (F("last_active").desc(), "-pk")),
    "inactive": ("Least recently active", (F("last_active").asc(), "pk")),
}
COMPLETE, INCOMPLETE = "complete", "incomplete"

STUDENT_COLUMNS = [
    "Email",
    "Name",
    "Status",
    "Source",
    "Enrolled on",
    "Last active",
    "Required lessons opened",
    "Required lessons",
    "Required quizzes passed",
    "Required quizzes",
    "Progress (%)",
    "Seat time (minutes)",
    "Completed on",
    "Certificate",
    "Certificate number",
]


def required_lessons(*, course: CoursePage) -> QuerySet[LessonPage]:
    return LessonPage.objects.live().descendant_of(course).filter(required_for_completion=True)


def course_students(
    *,
    course: CoursePage,
    q: str = "",
    status: str = "",
    completion: str = "",
    sort: str = "recent",
) -> QuerySet[Enrollment]:
    """The course's enrolments with the learner, the certificate, the required lessons opened
    and when each learner was last active (enrolled, opened a lesson or started a quiz)."""
    visits = LessonVisit.objects.filter(course=course, student_id=OuterRef("student_id"))
    opened = (
        visits.filter(lesson_id__in=required_lessons(course=course).values("pk"))
        .order_by()
        .values("student_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    last_visit = visits.order_by("-last_visited_at").values("last_visited_at")[:1]
    last_attempt = (
        Attempt.objects.filter(
            student_id=OuterRef("student_id"), quiz__path__startswith=course.path
        )
        .order_by("-started_at")
        .values("started_at")[:1]
    )
    enrollments = (
        Enrollment.objects.filter(course=course)
        .select_related("student", "certificate")
        .annotate(
            lessons_opened=Coalesce(Subquery(opened), 0),
            last_active=Greatest(
                Coalesce(Subquery(last_visit), "enrolled_at"),
                Coalesce(Subquery(last_attempt), "enrolled_at"),
            ),
        )
    )
    if q:
        enrollments = enrollments.filter(
            Q(student__email__icontains=q)
            | Q(student__display_name__icontains=q)
            | Q(student__legal_name__icontains=q)
        )
    if status:
        enrollments = enrollments.filter(status=status)
    if completion == COMPLETE:
        enrollments = enrollments.filter(completed_at__isnull=False)
    elif completion == INCOMPLETE:
        enrollments = enrollments.filter(completed_at__isnull=True)
    return enrollments.order_by(*SORTS.get(sort, SORTS["recent"])[1])


@dataclass(frozen=True)
class Requirements:
    lessons: int
    quizzes: list[QuizPage]


def requirements(*, course: CoursePage, quizzes: list[QuizPage]) -> Requirements:
    """How many lessons and which quizzes the course requires: one query."""
    return Requirements(
        lessons=required_lessons(course=course).count(),
        quizzes=[quiz for quiz in quizzes if quiz.required_for_completion],
    )


def progress_percent(done: int, total: int) -> int:
    return round(100 * done / total) if total else 100


@dataclass(frozen=True)
class StudentRow:
    enrollment: Enrollment
    lessons_opened: int
    lessons_total: int
    quizzes_passed: int
    quizzes_total: int

    @property
    def student(self):
        return self.enrollment.student

    @property
    def percent(self) -> int:
        return progress_percent(
            min(self.lessons_opened, self.lessons_total) + self.quizzes_passed,
            self.lessons_total + self.quizzes_total,
        )

    @property
    def certificate(self) -> Certificate | None:
        return getattr(self.enrollment, "certificate", None)


def student_rows(
    enrollments, *, course: CoursePage, needs: Requirements, student_ids=None
) -> Iterator[StudentRow]:
    """StudentRows for `enrollments` (annotated by `course_students`): one query for the quiz
    grades of `student_ids` (every learner's when None, for a streamed CSV)."""
    grades = learner_grades(course=course, quizzes=needs.quizzes, student_ids=student_ids)
    passed = passed_by_quiz(needs.quizzes, grades)
    passed_count: dict[int, int] = {}
    for learners in passed.values():
        for student_id in learners:
            passed_count[student_id] = passed_count.get(student_id, 0) + 1
    return (
        StudentRow(
            enrollment=enrollment,
            lessons_opened=enrollment.lessons_opened,
            lessons_total=needs.lessons,
            quizzes_passed=passed_count.get(enrollment.student_id, 0),
            quizzes_total=len(needs.quizzes),
        )
        for enrollment in enrollments
    )


def _date(value: datetime | None) -> str:
    return value.date().isoformat() if value else ""


def student_csv_rows(rows):
    for row in rows:
        enrollment, student, certificate = row.enrollment, row.student, row.certificate
        yield [
            student.email,
            student.legal_name or student.display_name,
            enrollment.get_status_display(),
            enrollment.get_source_display(),
            _date(enrollment.enrolled_at),
            _date(enrollment.last_active),
            row.lessons_opened,
            row.lessons_total,
            row.quizzes_passed,
            row.quizzes_total,
            row.percent,
            enrollment.seat_seconds // 60,
            _date(enrollment.completed_at),
            certificate.get_status_display() if certificate else "",
            (certificate.number or "") if certificate else "",
        ]


# --- One learner ------------------------------------------------------------------------------


def course_enrollment(*, course: CoursePage, enrollment_id: int) -> Enrollment:
    """The enrolment with its learner, certificate and seat, or 404 if not on `course`."""
    return get_object_or_404(
        Enrollment.objects.select_related("student", "certificate", "seat_code__pool"),
        pk=enrollment_id,
        course=course,
    )


@dataclass
class LessonRow:
    lesson: LessonPage
    visit: LessonVisit | None


@dataclass
class ModuleRows:
    title: str
    lessons: list[LessonRow] = field(default_factory=list)


@dataclass
class QuizRow:
    quiz: QuizPage
    attempts: list[Attempt]
    grade: Decimal | None

    @property
    def passed(self) -> bool:
        return quiz_passed(quiz=self.quiz, grade=self.grade)

    @property
    def percent(self) -> Decimal | None:
        return None if self.grade is None else (self.grade * 100).quantize(Decimal("0.1"))


@dataclass
class StudentRecord:
    modules: list[ModuleRows]
    quizzes: list[QuizRow]
    lessons_opened: int
    lessons_total: int
    quizzes_passed: int
    quizzes_total: int
    orders: list[Order]

    @property
    def percent(self) -> int:
        return progress_percent(
            self.lessons_opened + self.quizzes_passed, self.lessons_total + self.quizzes_total
        )


def student_record(
    *, course: CoursePage, enrollment: Enrollment, quizzes: list[QuizPage], with_orders: bool
) -> StudentRecord:
    """Lessons with their visits, quizzes with every attempt, progress and (if asked) orders:
    five or six queries, whatever the course's size and the learner's attempts."""
    student_id = enrollment.student_id
    outline = course_outline(course=course)
    visits = {
        visit.lesson_id: visit
        for visit in LessonVisit.objects.filter(course=course, student_id=student_id)
    }
    modules = [
        ModuleRows(
            title=module.page.title,
            lessons=[
                LessonRow(lesson=lesson, visit=visits.get(lesson.pk)) for lesson in module.lessons
            ],
        )
        for module in outline
    ]
    required = [
        row for module in modules for row in module.lessons if row.lesson.required_for_completion
    ]
    attempts: dict[int, list[Attempt]] = {}
    for attempt in Attempt.objects.filter(
        student_id=student_id, quiz_id__in=[quiz.pk for quiz in quizzes]
    ).order_by("number"):
        attempts.setdefault(attempt.quiz_id, []).append(attempt)
    quiz_rows = []
    for quiz in quizzes:
        mine = attempts.get(quiz.pk, [])
        fractions = [a.fraction or Decimal(0) for a in mine if a.state == Attempt.State.SUBMITTED]
        quiz_rows.append(
            QuizRow(quiz=quiz, attempts=mine, grade=grade_by_method(quiz.grading_method, fractions))
        )
    required_quizzes = [row for row in quiz_rows if row.quiz.required_for_completion]
    orders = (
        list(Order.objects.filter(course=course, student_id=student_id).order_by("-created_at"))
        if with_orders
        else []
    )
    return StudentRecord(
        modules=modules,
        quizzes=quiz_rows,
        lessons_opened=sum(1 for row in required if row.visit is not None),
        lessons_total=len(required),
        quizzes_passed=sum(1 for row in required_quizzes if row.passed),
        quizzes_total=len(required_quizzes),
        orders=orders,
    )
