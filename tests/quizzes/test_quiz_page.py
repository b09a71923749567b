import pytest
from django.db import IntegrityError, transaction

from courses.models import CoursePage, ModulePage
from quizzes.models import QuizPage, QuizSlot
from tests.quizzes.conftest import make_question, make_quiz


def test_quiz_page_declares_its_parents_and_has_no_children():
    assert QuizPage.parent_page_types == ["courses.ModulePage", "courses.CoursePage"]
    assert QuizPage.subpage_types == []


def test_quiz_page_accepts_modules_and_courses_as_parents():
    # Authors see "Add quiz" only once courses/ lists QuizPage in these parents' subpage_types.
    assert QuizPage.clean_parent_page_models() == [ModulePage, CoursePage]


def test_quizzes_sit_under_a_module_or_the_course(module, course, bank):
    question = make_question(bank)
    in_module = make_quiz(module, questions=[question])
    final = make_quiz(course, questions=[question], kind="final_assessment")
    assert in_module.get_parent().specific == module
    assert final.get_parent().specific == course
    assert [slot.question for slot in in_module.slots.all()] == [question]


def test_a_slot_has_exactly_one_source(module, bank):
    quiz = make_quiz(module, questions=[make_question(bank)])
    with pytest.raises(IntegrityError), transaction.atomic():
        QuizSlot.objects.create(quiz=quiz, sort_order=5)


def test_pass_mark_is_a_percentage(module, bank):
    quiz = make_quiz(module, questions=[make_question(bank)])
    with pytest.raises(IntegrityError), transaction.atomic():
        QuizPage.objects.filter(pk=quiz.pk).update(pass_mark=101)


def test_quiz_edit_view_renders_in_wagtail_admin(client, module, bank):
    from tests.factories import UserFactory

    quiz = make_quiz(module, questions=[make_question(bank)])
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get(f"/admin/pages/{quiz.pk}/edit/")
    assert response.status_code == 200
    assert "slots-TOTAL_FORMS" in response.content.decode()
