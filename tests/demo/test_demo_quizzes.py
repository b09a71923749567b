from decimal import Decimal

import pytest
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from courses.models import CoursePage, ModulePage
from demo.courses import nmt_course
from demo.quizzes.answers import right_answer
from quizzes.models import (
    AUTO_GRADED_TYPES,
    Question,
    QuestionVersion,
    QuizKind,
    QuizPage,
    QuizSlot,
)
from quizzes.services.grading import response_grade

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_course():
    call_command("load_demo")
    return CoursePage.objects.get(slug=nmt_course.COURSE["slug"])


def snapshot():
    return {
        "questions": sorted(Question.objects.values_list("pk", "current_version_id")),
        "versions": QuestionVersion.objects.count(),
        "pages": sorted(Page.objects.values_list("pk", "path", "title", "live")),
        "revisions": Revision.objects.count(),
        "slots": sorted(QuizSlot.objects.values_list("quiz_id", "question_id", "sort_order")),
        "images": get_image_model().objects.count(),
    }


def test_every_demo_module_ends_with_a_live_quiz(demo_course):
    for module in ModulePage.objects.child_of(demo_course):
        quiz = QuizPage.objects.child_of(module).live().get()
        assert quiz.kind == QuizKind.MODULE_QUIZ
        assert quiz.pass_mark == Decimal("70")
        assert 3 <= quiz.slots.count() <= 5, module.title


def test_demo_final_assessment_covers_every_type_with_a_hotspot_diagram(demo_course):
    final = QuizPage.objects.child_of(demo_course).live().get()
    assert final.kind == QuizKind.FINAL_ASSESSMENT
    assert final.required_for_completion
    assert final.pass_mark == Decimal("75")
    questions = [slot.question for slot in final.slots.select_related("question")]
    assert len(questions) >= 40
    assert len({q.pk for q in questions}) == len(questions)
    assert {q.qtype for q in questions} == set(AUTO_GRADED_TYPES)
    hotspot = next(q for q in questions if q.qtype == "hotspot")
    image_id = hotspot.current_version.data["image"]
    assert get_image_model().objects.filter(pk=image_id).exists()
    assert Question.objects.filter(bank__school__slug="northfield").count() == len(questions)


def test_loading_the_demo_again_changes_no_question_or_quiz(demo_course, capsys):
    first = snapshot()
    capsys.readouterr()
    call_command("load_demo")
    assert snapshot() == first
    assert "nothing changed" in capsys.readouterr().out


def test_every_demo_question_gives_full_marks_for_its_right_answer(demo_course):
    versions = QuestionVersion.objects.filter(question__bank__school__slug="northfield")
    assert versions.count() >= 40
    for version in versions:
        response = right_answer(version.qtype, version.data)
        grade = response_grade(qtype=version.qtype, data=version.data, response=response)
        assert grade.fraction == 1, (version.question.name, response, grade)
