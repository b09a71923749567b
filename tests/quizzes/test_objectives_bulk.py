"""Objectives in bulk (issue 16 item 4): a selection of questions tagged with an objective in
one action without new versions, and GIFT / Moodle XML tags naming an objective mapped on import,
with the import report listing the tags that named none."""

import pytest
from django.contrib.messages import get_messages

from courses.models import CourseObjective
from quizzes.models import Question, QuestionVersion
from quizzes.services.imports import questions_import
from quizzes.services.questions import OBJECTIVE_BULK_OTHER_SCHOOL, question_objectives_bulk
from tests.factories import CoursePageFactory
from tests.quizzes import test_admin_banks as shared
from tests.quizzes.conftest import make_question
from tests.quizzes.test_admin_banks import url

admin_access = shared.admin_access
instructor = shared.instructor
reviewer = shared.reviewer
other_school = shared.other_school
other_bank = shared.other_bank

pytestmark = pytest.mark.django_db


@pytest.fixture
def objectives(catalog, school, other_school):
    ours = CoursePageFactory(parent=catalog, school=school, title="Ours")
    theirs = CoursePageFactory(parent=catalog, school=other_school, title="Theirs")
    return (
        CourseObjective.objects.create(course=ours, text="Locate the upper trapezius"),
        CourseObjective.objects.create(course=ours, text="Explain ischaemic compression"),
        CourseObjective.objects.create(course=theirs, text="Their objective"),
    )


def questions(bank, count):
    return [make_question(bank, name=f"Q{i}") for i in range(count)]


# --- The service ----------------------------------------------------------------------------


@pytest.mark.parametrize("count", [3, 30])
def test_bulk_tagging_costs_the_same_for_3_or_30_questions_and_makes_no_version(
    bank, objectives, count, django_assert_num_queries
):
    locate = objectives[0]
    ids = [q.pk for q in questions(bank, count)]
    versions = QuestionVersion.objects.count()
    # The objective's school, the questions' schools, the write, and the savepoint around it.
    with django_assert_num_queries(5):
        assert question_objectives_bulk(question_ids=ids, objective=locate) == count
    assert Question.objectives.through.objects.filter(courseobjective=locate).count() == count
    assert QuestionVersion.objects.count() == versions
    with django_assert_num_queries(6):  # the delete reads the rows it removes first
        question_objectives_bulk(question_ids=ids, objective=locate, remove=True)
    assert not Question.objectives.through.objects.exists()


def test_bulk_tagging_twice_is_harmless(bank, objectives):
    ids = [q.pk for q in questions(bank, 2)]
    question_objectives_bulk(question_ids=ids, objective=objectives[0])
    question_objectives_bulk(question_ids=ids, objective=objectives[0])
    assert Question.objectives.through.objects.count() == 2


def test_another_schools_objective_is_refused(bank, objectives):
    ids = [q.pk for q in questions(bank, 2)]
    with pytest.raises(Exception) as caught:
        question_objectives_bulk(question_ids=ids, objective=objectives[2])
    assert OBJECTIVE_BULK_OTHER_SCHOOL in str(caught.value)
    assert not Question.objectives.through.objects.exists()


# --- The list's action ----------------------------------------------------------------------


def test_the_list_has_a_checkbox_per_question_and_the_action(client, instructor, bank):
    questions(bank, 2)
    client.force_login(instructor)
    html = client.get(url("quizzes_question:index", bank=bank.pk)).content.decode()
    assert 'form="question-bulk"' in html
    assert "Tag with objective" in html


def test_tagging_a_selection_from_the_list(client, instructor, bank, objectives):
    chosen = questions(bank, 3)
    ids = [q.pk for q in chosen]
    client.force_login(instructor)
    page = client.get(url("quizzes_question:objectives") + "?" + "&".join(f"id={i}" for i in ids))
    assert page.status_code == 200
    offered = [label for _, label in page.context["form"].fields["objective"].choices]
    assert offered == [
        "Choose an objective…",
        "Ours: Locate the upper trapezius",
        "Ours: Explain ischaemic compression",
    ]  # never another school's
    response = client.post(
        url("quizzes_question:objectives"),
        {"id": ids, "objective": objectives[0].pk, "action": "add"},
    )
    assert response.status_code == 302
    assert response["Location"] == url("quizzes_question:index", bank=bank.pk)
    (message,) = [str(m) for m in get_messages(response.wsgi_request)]
    assert message.startswith("Tagged 3 question(s) with “Locate the upper trapezius”")
    for question in chosen:
        assert list(question.objectives.all()) == [objectives[0]]
        assert question.versions.count() == 1


def test_another_schools_questions_are_not_found(client, instructor, other_bank, objectives):
    theirs = make_question(other_bank)
    client.force_login(instructor)
    assert client.get(url("quizzes_question:objectives", id=theirs.pk)).status_code == 404
    response = client.post(
        url("quizzes_question:objectives"),
        {"id": [theirs.pk], "objective": objectives[2].pk, "action": "add"},
    )
    assert response.status_code == 404
    assert not theirs.objectives.exists()


def test_a_reviewer_cannot_tag(client, reviewer, bank, objectives):
    question = make_question(bank)
    client.force_login(reviewer)
    response = client.post(
        url("quizzes_question:objectives"),
        {"id": [question.pk], "objective": objectives[0].pk, "action": "add"},
    )
    assert response.status_code == 404
    assert not question.objectives.exists()


# --- Import ---------------------------------------------------------------------------------

GIFT = """// [tag:locate the UPPER trapezius] [tag:anatomy]
::Locate::Where is it?{=Neck ~Hip}

// [tag:Explain  ischaemic compression] [tag:Their objective]
::Explain::Why press?{=To release ~For fun}
"""

MOODLE_XML = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="truefalse">
    <name><text>Press</text></name>
    <questiontext format="html"><text>Pressure helps.</text></questiontext>
    <answer fraction="100"><text>true</text></answer>
    <answer fraction="0"><text>false</text></answer>
    <tags><tag><text>Locate the upper trapezius</text></tag><tag><text>neck</text></tag></tags>
  </question>
</quiz>
"""


def test_gift_tags_naming_an_objective_map_to_it_and_the_rest_are_reported(bank, objectives):
    locate, explain, _ = objectives
    report = questions_import(bank=bank, file_name="bank.gift", text=GIFT)
    assert list(Question.objects.get(name="Locate").objectives.all()) == [locate]
    assert list(Question.objects.get(name="Explain").objectives.all()) == [explain]
    assert report.objective_links == 2
    # Another school's objective is not this school's: reported like any other tag.
    assert set(report.unmatched_tags) == {"anatomy", "Their objective"}
    summary = report.summary(bank)
    assert "Tagged with learning objectives named by their tags: 2." in summary
    assert "name no learning objective of this school (kept as tags): “anatomy”, " in summary
    assert Question.objects.get(name="Locate").tags == ["locate the UPPER trapezius", "anatomy"]


def test_moodle_xml_tags_map_too(bank, objectives):
    report = questions_import(bank=bank, file_name="bank.xml", text=MOODLE_XML)
    assert list(Question.objects.get(name="Press").objectives.all()) == [objectives[0]]
    assert dict(report.unmatched_tags) == {"neck": 1}


def test_import_report_on_the_page_lists_unmatched_tags(client, instructor, bank, objectives):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(instructor)
    upload = SimpleUploadedFile("bank.gift", GIFT.encode())
    response = client.post(url("quizzes_bank:import", bank.pk), {"file": upload}, follow=True)
    text = " ".join(str(m) for m in get_messages(response.wsgi_request)) or (
        response.content.decode()
    )
    assert "“anatomy”" in text
