"""The progress funnel: of the learners who enrolled, how many reached each step of the course.

The steps are the course's live lessons and quizzes in the order of the course ("opened the
lesson", "passed the quiz" by its grading method), then "completed the course" and
"certificate issued". Everyone who ever enrolled counts, whatever their enrolment's status now,
so a learner suspended or refunded later still shows how far they got. Lessons and quizzes not
required for completion are marked optional: fewer learners reaching them is expected.
"""

from dataclasses import dataclass

from django.db.models import Count, Q

from certificates.models import Certificate
from courses.models import CoursePage, Enrollment, LessonPage, LessonVisit, ModulePage
from quizzes.models import QuizPage
from teaching.dashboard.enrolments import enrolled_on

ENROLLED, LESSON, QUIZ = "enrolled", "lesson", "quiz"
COMPLETED, CERTIFIED = "completed", "certified"
KIND_LABELS = {
    ENROLLED: "Enrolled",
    LESSON: "Opened the lesson",
    QUIZ: "Passed the quiz",
    COMPLETED: "Completed the course",
    CERTIFIED: "Certificate issued",
}

FUNNEL_COLUMNS = [
    "Step",
    "What counts",
    "Module",
    "Required for completion",
    "Learners",
    "% of enrolled",
]


@dataclass(frozen=True)
class Step:
    kind: str
    title: str
    count: int
    enrolled: int
    module: str = ""
    required: bool = True
    page_id: int | None = None

    @property
    def what(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def percent(self) -> int:
        return round(100 * self.count / self.enrolled) if self.enrolled else 0


def enrolment_totals(*, course: CoursePage) -> dict[str, int]:
    """Enrolled, completed and certified learners of the course: one query."""
    return Enrollment.objects.filter(course=course).aggregate(
        enrolled=Count("pk"),
        completed=Count("pk", filter=Q(completed_at__isnull=False)),
        certified=Count("pk", filter=Q(certificate__status=Certificate.Status.ISSUED)),
    )


def lesson_reach(*, course: CoursePage) -> dict[int, int]:
    """{lesson id: learners enrolled on the course who opened it}: one query."""
    rows = (
        LessonVisit.objects.filter(course=course)
        .filter(enrolled_on(course))
        .values("lesson_id")
        .annotate(n=Count("student_id", distinct=True))
        .order_by()
    )
    return {row["lesson_id"]: row["n"] for row in rows}


def course_funnel(
    *, course: CoursePage, quizzes: list[QuizPage], passed: dict[int, set[int]]
) -> list[Step]:
    """The funnel's steps in course order: four queries (totals, modules, lessons, visits)."""
    totals = enrolment_totals(course=course)
    enrolled = totals["enrolled"]
    modules = dict(ModulePage.objects.live().child_of(course).values_list("path", "title"))
    lessons = (
        LessonPage.objects.live()
        .descendant_of(course)
        .order_by("path")
        .values_list("pk", "path", "title", "required_for_completion")
    )
    reach = lesson_reach(course=course)
    pages = [(path, LESSON, pk, title, required) for pk, path, title, required in lessons]
    pages += [
        (quiz.path, QUIZ, quiz.pk, quiz.title, quiz.required_for_completion) for quiz in quizzes
    ]
    pages.sort(key=lambda page: page[0])
    module_depth = len(course.path) + course.steplen

    # Each step counts its own learners, all against the enrolled: learners may open lessons
    # in any order, so a step-to-step ratio could exceed 100% and would mislead.
    steps = [Step(kind=ENROLLED, title="Enrolled", count=enrolled, enrolled=enrolled)]
    for path, kind, pk, title, required in pages:
        count = reach.get(pk, 0) if kind == LESSON else len(passed.get(pk, ()))
        steps.append(
            Step(
                kind=kind,
                title=title,
                count=count,
                enrolled=enrolled,
                module=modules.get(path[:module_depth], ""),
                required=required,
                page_id=pk,
            )
        )
    for kind, count in ((COMPLETED, totals["completed"]), (CERTIFIED, totals["certified"])):
        steps.append(Step(kind=kind, title=KIND_LABELS[kind], count=count, enrolled=enrolled))
    return steps


def funnel_rows(steps: list[Step]):
    for step in steps:
        yield [
            step.title,
            step.what,
            step.module,
            "yes" if step.required else "no",
            step.count,
            step.percent,
        ]
