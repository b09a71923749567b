import pytest

from courses.models import CoursePage, ModulePage
from quizzes.models import QuizPage
from quizzes.services.questions import question_revise
from tests.quizzes.conftest import make_question


@pytest.mark.django_db
def test_authors_can_add_a_quiz_under_a_module_or_a_course():
    assert QuizPage in ModulePage.allowed_subpage_models()
    assert QuizPage in CoursePage.allowed_subpage_models()


@pytest.mark.django_db
def test_question_stems_and_feedback_are_sanitised_on_create_and_revise(bank):
    question = make_question(
        bank, stem='<p onclick="x()">Where?<script>alert(1)</script></p>',
        general_feedback="<img src=x onerror=alert(1)>Because.",
    )  # fmt: skip
    assert "script" not in question.stem
    assert "onclick" not in question.stem
    assert "onerror" not in question.general_feedback
    revised = question_revise(question=question, stem='<a href="javascript:alert(1)">x</a>')
    assert "javascript:" not in revised.stem
    assert "javascript:" not in revised.current_version.stem
