"""The QuizPage editor offers only the course's school's questions and categories, and
refuses a slot from another school even in a forged POST."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html

from courses.models import ModulePage
from quizzes.admin_forms import SLOT_OTHER_SCHOOL
from quizzes.models import QuestionBank, QuestionCategory, QuizPage
from tests.conftest import build_course
from tests.factories import SchoolFactory, UserFactory
from tests.quizzes.conftest import make_question, make_quiz


@pytest.fixture
def editor(db):
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def school_course(catalog, school):
    return build_course(catalog, modules=1, lessons_per_module=1, school=school)


@pytest.fixture
def school_module(school_course):
    return ModulePage.objects.child_of(school_course).get()


@pytest.fixture
def theirs(db):
    other = QuestionBank.objects.create(school=SchoolFactory(), name="Their bank")
    return {
        "question": make_question(other, name="Their question"),
        "category": QuestionCategory.objects.create(bank=other, name="Their category"),
    }


@pytest.fixture
def ours(bank):
    return {
        "question": make_question(bank, name="Our question"),
        "second": make_question(bank, "true_false", name="Our second question"),
        "category": QuestionCategory.objects.create(bank=bank, name="Our category"),
    }


def options(html: str, field: str) -> set[str]:
    """The labels a slot select offers (the first slot's, or the empty form's)."""
    soup = BeautifulSoup(html, "html.parser")
    select = soup.find("select", attrs={"name": f"slots-0-{field}"})
    return {option.get_text() for option in select.find_all("option") if option.get("value")}


def edit_url(quiz) -> str:
    return reverse("wagtailadmin_pages:edit", args=[quiz.pk])


def test_edit_form_offers_only_the_schools_questions(client, editor, school_module, ours, theirs):
    quiz = make_quiz(school_module, questions=[ours["question"]])
    client.force_login(editor)
    html = client.get(edit_url(quiz)).content.decode()
    assert options(html, "question") == {
        "NMT post-test: Our question",
        "NMT post-test: Our second question",
    }
    assert options(html, "category") == {"NMT post-test: Our category"}


def test_new_quiz_form_uses_the_parent_courses_school(client, editor, school_module, ours, theirs):
    client.force_login(editor)
    add = reverse("wagtailadmin_pages:add", args=["quizzes", "quizpage", school_module.pk])
    response = client.get(add)
    assert response.status_code == 200
    form = response.context["form"]
    empty = form.formsets["slots"].empty_form
    assert set(empty.fields["question"].queryset) == {ours["question"], ours["second"]}
    assert set(empty.fields["category"].queryset) == {ours["category"]}


def test_quiz_directly_under_a_course_uses_that_course(client, editor, school_course, ours):
    client.force_login(editor)
    add = reverse("wagtailadmin_pages:add", args=["quizzes", "quizpage", school_course.pk])
    form = client.get(add).context["form"]
    assert set(form.formsets["slots"].empty_form.fields["question"].queryset) == {
        ours["question"],
        ours["second"],
    }


def test_course_without_a_school_offers_no_questions(client, editor, catalog, ours):
    course = build_course(catalog, modules=1, lessons_per_module=1)
    module = ModulePage.objects.child_of(course).get()
    client.force_login(editor)
    add = reverse("wagtailadmin_pages:add", args=["quizzes", "quizpage", module.pk])
    form = client.get(add).context["form"]
    assert not form.formsets["slots"].empty_form.fields["question"].queryset.exists()


def _posted(client, quiz, **slot_fields):
    html = client.get(edit_url(quiz)).content.decode()
    data = querydict_from_html(html, form_id="page-edit-form")
    for name, value in slot_fields.items():
        data[f"slots-0-{name}"] = value
    return client.post(edit_url(quiz), data)


def test_forged_slot_from_another_school_is_a_form_error(
    client, editor, school_module, ours, theirs
):
    quiz = make_quiz(school_module, questions=[ours["question"]])
    revisions = quiz.revisions.count()
    client.force_login(editor)
    response = _posted(client, quiz, question=theirs["question"].pk)
    assert response.status_code == 200
    slot_form = response.context["form"].formsets["slots"].forms[0]
    assert "question" in slot_form.errors
    assert quiz.revisions.count() == revisions

    response = _posted(client, quiz, question="", category=theirs["category"].pk)
    assert response.status_code == 200
    assert "category" in response.context["form"].formsets["slots"].forms[0].errors
    assert quiz.revisions.count() == revisions


def test_slot_from_the_schools_bank_is_saved(client, editor, school_module, ours):
    quiz = make_quiz(school_module, questions=[ours["question"]])
    client.force_login(editor)
    response = _posted(client, quiz, question=ours["second"].pk)
    assert response.status_code == 302
    draft = QuizPage.objects.get(pk=quiz.pk).get_latest_revision_as_object()
    assert [slot.question for slot in draft.slots.all()] == [ours["second"]]


def test_slot_check_refuses_a_question_outside_the_school(school_module, ours, theirs):
    """The second line of defence: the slot form's clean(), whatever its queryset says."""
    from quizzes.admin_forms import _scoped_slot_form
    from quizzes.models import Question

    quiz = make_quiz(school_module, questions=[ours["question"]])
    form_class = QuizPage.get_edit_handler().get_form_class()
    slot_form_class = _scoped_slot_form(
        form_class.formsets["slots"].form,
        school_id=ours["question"].bank.school_id,
        questions=Question.objects.select_related("bank"),  # deliberately unscoped
        categories=QuestionCategory.objects.none(),
    )
    form = slot_form_class(data={"question": theirs["question"].pk, "draw_count": 1})
    form.instance.quiz = quiz
    assert not form.is_valid()
    assert form.errors["question"] == [SLOT_OTHER_SCHOOL]


def test_edit_page_costs_the_same_for_2_or_12_slots(client, editor, school_module, bank):
    questions = [make_question(bank, name=f"Q{i}") for i in range(12)]
    few = make_quiz(school_module, questions=questions[:2], title="Few")
    many = make_quiz(school_module, questions=questions, title="Many")
    client.force_login(editor)
    for quiz in (few, many):  # warm per-page caches (content types, site root paths)
        client.get(edit_url(quiz))

    def count(quiz):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(edit_url(quiz)).status_code == 200
        return len(queries)

    assert count(many) == count(few)
