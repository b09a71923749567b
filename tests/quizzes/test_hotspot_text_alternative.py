"""The hotspot's text alternative (issue 20): description, region labels and distractors are
validated in question_data, and a CE final with a hotspot lacking them cannot be published."""

import pytest
from django.core.exceptions import ValidationError

from courses.models import CoursePage
from quizzes import blueprint
from quizzes.models import QuizKind, QuizPage, QuizSlot
from quizzes.question_data import (
    DATA_DISTRACTOR_BLANK,
    DATA_LABEL_MISSING,
    DATA_LABEL_REPEATED,
    hotspot_has_text_alternative,
    validate_question_data,
)
from quizzes.services.questions import question_revise
from tests.quizzes import test_blueprint as shared
from tests.quizzes.conftest import HOTSPOT, make_question

ce_course = shared.ce_course
staff_client = shared.staff_client
messages_of, publish = shared.messages_of, shared.publish

CIRCLE = {"shape": "circle", "cx": "0.3", "cy": "0.4", "r": "0.1", "fraction": "1"}
TRIANGLE = {"shape": "polygon", "points": [[0.6, 0.6], [0.8, 0.6], [0.7, 0.8]], "fraction": "0"}
ACCESSIBLE = {
    "image": "",
    "description": "An upper back from behind.",
    "regions": [{**CIRCLE, "label": "Upper trapezius"}, {**TRIANGLE, "label": "Deltoid"}],
    "distractors": ["Scapula", "Latissimus dorsi"],
}


def messages(data) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        validate_question_data("hotspot", data)
    return caught.value.messages


def test_old_hotspot_data_without_the_new_keys_stays_valid():
    validate_question_data("hotspot", HOTSPOT)
    assert not hotspot_has_text_alternative(HOTSPOT)


def test_a_described_hotspot_with_labels_and_distractors_is_valid():
    validate_question_data("hotspot", ACCESSIBLE)
    assert hotspot_has_text_alternative(ACCESSIBLE)


def test_a_description_needs_every_region_labelled():
    data = {**ACCESSIBLE, "regions": [{**CIRCLE, "label": "Upper trapezius"}, TRIANGLE]}
    assert messages(data) == [DATA_LABEL_MISSING % {"number": 2}]


@pytest.mark.parametrize(
    "distractors", [["Upper TRAPEZIUS"], ["Scapula", " scapula "]], ids=["region", "distractor"]
)
def test_labels_are_unique_across_regions_and_distractors_ignoring_case(distractors):
    (message,) = messages({**ACCESSIBLE, "distractors": distractors})
    assert message.startswith("Region labels and distractors must all differ")


def test_a_blank_distractor_is_refused():
    assert messages({**ACCESSIBLE, "distractors": ["Scapula", "  "]}) == [DATA_DISTRACTOR_BLANK]


def test_distractors_must_be_a_list_of_text():
    (message,) = messages({**ACCESSIBLE, "distractors": "Scapula"})
    assert "list" in message


def test_labels_are_stored_as_plain_text(bank):
    data = {**ACCESSIBLE, "description": "<b>Back</b> <script>x()</script>"}
    question = make_question(bank, "hotspot", data=data)
    stored = question.current_version.data
    assert "<" not in stored["description"]
    assert stored["regions"][0]["label"] == "Upper trapezius"
    assert stored["distractors"] == ["Scapula", "Latissimus dorsi"]
    assert DATA_LABEL_REPEATED  # the message is a module constant tests can assert


# --- The publish check of a CE final ------------------------------------------------------


@pytest.fixture
def final_with_hotspot(ce_course, bank):
    final = QuizPage.objects.descendant_of(ce_course).get(kind=QuizKind.FINAL_ASSESSMENT)
    hotspot = make_question(bank, "hotspot", name="Find the trapezius")
    QuizSlot.objects.create(quiz=final, question=hotspot, sort_order=99)
    return final, hotspot


def test_a_ce_final_with_an_undescribed_hotspot_is_reported_by_name(final_with_hotspot, ce_course):
    _, hotspot = final_with_hotspot
    problems = blueprint.course_compliance(course=CoursePage.objects.get(pk=ce_course.pk)).problems
    assert problems == [
        blueprint.HOTSPOT_WITHOUT_TEXT.format(quiz="Final", names="“Find the trapezius”")
    ]
    question_revise(question=hotspot, data=ACCESSIBLE)
    assert (
        blueprint.course_compliance(course=CoursePage.objects.get(pk=ce_course.pk)).problems == []
    )


def test_a_hotspot_drawn_at_random_counts_too(ce_course, bank):
    from quizzes.models import QuestionCategory

    category = QuestionCategory.objects.create(bank=bank, name="Images")
    make_question(bank, "hotspot", name="Drawn hotspot", category=category)
    final = QuizPage.objects.descendant_of(ce_course).get(kind=QuizKind.FINAL_ASSESSMENT)
    QuizSlot.objects.create(quiz=final, category=category, draw_count=1, sort_order=100)
    report = blueprint.course_compliance(course=CoursePage.objects.get(pk=ce_course.pk))
    assert report.hotspots_without_text == ["Drawn hotspot"]


def test_publishing_the_course_is_refused_naming_the_question(
    final_with_hotspot,
    ce_course,
    staff_client,
):
    CoursePage.objects.filter(pk=ce_course.pk).update(live=False)
    response = publish(staff_client, CoursePage.objects.get(pk=ce_course.pk))
    (message,) = messages_of(response)
    assert "image hotspot questions without a text alternative" in message
    assert "“Find the trapezius”" in message
    assert not CoursePage.objects.get(pk=ce_course.pk).live


def test_publishing_the_final_itself_is_refused(final_with_hotspot):
    final, hotspot = final_with_hotspot
    message = blueprint.final_review_refusal(quiz=final)
    assert "“Find the trapezius”" in message
    question_revise(question=hotspot, data=ACCESSIBLE)
    assert blueprint.final_review_refusal(quiz=final) is None


def test_a_module_quiz_hotspot_needs_no_text_alternative(ce_course, bank):
    hotspot = make_question(bank, "hotspot", name="Module hotspot")
    from tests.quizzes.conftest import make_quiz

    quiz = make_quiz(ce_course, questions=[hotspot], title="Module quiz")
    assert blueprint.final_review_refusal(quiz=quiz) is None


def test_the_demo_hotspot_carries_its_text_alternative():
    from demo.content_files import extra_questions

    [hotspot] = [q for q in extra_questions() if q["qtype"] == "hotspot"]
    data = {**hotspot["data"], "image": 1}
    validate_question_data("hotspot", data)
    assert hotspot_has_text_alternative(data)
    assert len(data["distractors"]) >= 2
