"""A question the CE final can ask keeps its key in the other quizzes of the course too: a
formative module quiz that reuses it shows no mark, right answer or feedback for it until the
learner has passed the final or used all its attempts. Found when the demo final's 30 reused
module questions could be read in the module quizzes' reviews before taking the final."""

from decimal import Decimal

import pytest

from courses.models import CoursePage
from quizzes.final_key import HELD_NOTE, final_question_ids
from quizzes.models import QuizKind
from tests.quizzes.conftest import make_question, make_quiz
from tests.quizzes.test_review_timing import assert_revealed, review_html, take

pytestmark = pytest.mark.django_db


@pytest.fixture
def ce_course(course):
    CoursePage.objects.filter(pk=course.pk).update(ce_hours=Decimal("1"))
    course.refresh_from_db()
    return course


def final_with(course, questions, **fields):
    fields = {"kind": QuizKind.FINAL_ASSESSMENT, "title": "Final", "attempts_allowed": 2, **fields}
    return make_quiz(course, questions=questions, shuffle_answers=False, **fields)


def module_quiz(module, question):
    return make_quiz(module, questions=[question], shuffle_answers=False)


def assert_held(html: str) -> None:
    assert "Score:" in html
    assert HELD_NOTE % {"final": "Final"} in html.replace("&#x27;", "'")
    assert "On the final assessment: mark and answer shown once you pass it" in html
    for text in ("Right answer", "RIGHT-ANSWER-FEEDBACK", "A tender point is not a knot.", "Mark:"):
        assert text not in html, text


def test_a_module_question_on_the_final_keeps_its_key_until_the_final_is_passed(
    client, ce_course, module, bank, student
):
    shared = make_question(bank)
    final = final_with(ce_course, [shared])
    practice = take(module_quiz(module, shared), student, "0")

    assert_held(review_html(client, practice))
    take(final, student, "0")  # failed, one attempt left
    assert_held(review_html(client, practice))
    take(final, student, "1")  # passed
    assert_revealed(review_html(client, practice))


def test_the_key_shows_once_the_final_has_no_attempts_left(
    client, ce_course, module, bank, student
):
    shared = make_question(bank)
    final = final_with(ce_course, [shared], attempts_allowed=1)
    practice = take(module_quiz(module, shared), student, "0")
    take(final, student, "0")
    assert_revealed(review_html(client, practice))


def test_a_question_in_a_category_the_final_draws_from_is_held_too(
    client, ce_course, module, bank, student
):
    from quizzes.services.questions import category_ensure_path

    pool = category_ensure_path(bank=bank, path=["Final pool"])
    drawn = make_question(bank, category=pool)
    final = make_quiz(ce_course, draws=[(pool, 1)], kind=QuizKind.FINAL_ASSESSMENT, title="Final")
    assert drawn.pk in final_question_ids(final=final)
    assert_held(review_html(client, take(module_quiz(module, drawn), student, "0")))


def test_questions_not_on_the_final_stay_formative(client, ce_course, module, bank, student):
    final_with(ce_course, [make_question(bank, name="Only on the final")])
    html = review_html(client, take(module_quiz(module, make_question(bank)), student, "0"))
    assert_revealed(html)
    assert "also on the final assessment" not in html


def test_a_course_without_ce_credit_keeps_its_module_reviews(client, course, module, bank, student):
    CoursePage.objects.filter(pk=course.pk).update(ce_hours=Decimal(0))
    assert not course.approvals.exists()
    shared = make_question(bank)
    final_with(course, [shared])
    assert_revealed(review_html(client, take(module_quiz(module, shared), student, "0")))
