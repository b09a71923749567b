"""Tagging questions with the learning objectives they test, in the question editor."""

import pytest

from courses.models import CourseObjective
from tests.factories import CoursePageFactory
from tests.quizzes import test_admin_banks as shared
from tests.quizzes.conftest import make_question
from tests.quizzes.test_admin_banks import url
from tests.quizzes.test_admin_questions import edit_post

admin_access = shared.admin_access
instructor = shared.instructor
other_school = shared.other_school

pytestmark = pytest.mark.django_db


@pytest.fixture
def objectives(catalog, school, other_school):
    ours = CoursePageFactory(parent=catalog, school=school, title="Ours")
    theirs = CoursePageFactory(parent=catalog, school=other_school, title="Theirs")
    return (
        CourseObjective.objects.create(course=ours, text="Locate the muscle"),
        CourseObjective.objects.create(course=theirs, text="Their objective"),
    )


def test_retagging_saves_the_objectives_without_a_new_version(client, instructor, bank, objectives):
    ours, _ = objectives
    question = make_question(bank)
    client.force_login(instructor)
    response = client.get(url("quizzes_question:edit", question.pk))
    choices = [label for _, label in response.context["form"].fields["objectives"].choices]
    assert choices == ["Ours: Locate the muscle"]  # only the school's own courses
    response = client.post(
        url("quizzes_question:edit", question.pk), edit_post(question, objectives=[ours.pk])
    )
    assert response.status_code == 302
    assert list(question.objectives.all()) == [ours]
    assert question.versions.count() == 1


def test_another_schools_objective_is_refused(client, instructor, bank, objectives):
    _, theirs = objectives
    question = make_question(bank)
    client.force_login(instructor)
    response = client.post(
        url("quizzes_question:edit", question.pk), edit_post(question, objectives=[theirs.pk])
    )
    assert response.status_code == 200
    assert "objectives" in response.context["form"].errors
    assert not question.objectives.exists()
