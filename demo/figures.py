"""The demo's figures as the loaded pages hold them: the README states these, a test compares."""

from dataclasses import dataclass

from courses.models import CoursePage, LessonPage, ModulePage
from demo.courses import nmt_course, nmt_in_30_minutes
from quizzes.models import QuizKind, QuizPage


@dataclass(frozen=True)
class CourseFigures:
    title: str
    modules: int
    lessons: int
    module_quizzes: int
    final_questions: int

    def sentence(self) -> str:
        parts = [f"{self.modules} modules"] if self.modules > 1 else []
        parts.append(f"{self.lessons} lessons")
        if self.module_quizzes:
            parts.append(f"{self.module_quizzes} module quizzes")
        if self.final_questions:
            parts.append(f"a {self.final_questions}-question final assessment")
        return f"{self.title}: {', '.join(parts)}"


def _questions(quiz: QuizPage) -> int:
    """Questions a learner gets: one per fixed slot, the draw count of a category's."""
    return sum(1 if slot.question_id else slot.draw_count for slot in quiz.slots.all())


def course_figures(course: CoursePage) -> CourseFigures:
    quizzes = QuizPage.objects.live().descendant_of(course).prefetch_related("slots")
    finals = [quiz for quiz in quizzes if quiz.kind == QuizKind.FINAL_ASSESSMENT]
    return CourseFigures(
        title=course.title,
        modules=ModulePage.objects.live().descendant_of(course).count(),
        lessons=LessonPage.objects.live().descendant_of(course).count(),
        module_quizzes=sum(1 for quiz in quizzes if quiz.kind == QuizKind.MODULE_QUIZ),
        final_questions=sum(_questions(quiz) for quiz in finals),
    )


def demo_figures() -> list[CourseFigures]:
    slugs = [nmt_course.COURSE["slug"], nmt_in_30_minutes.COURSE["slug"]]
    courses = CoursePage.objects.live().filter(slug__in=slugs)
    return [course_figures(course) for course in sorted(courses, key=lambda c: slugs.index(c.slug))]
