"""The question editor's answer forms: validation per type, and the round trip data → forms →
data for every type through the real edit page (saving it unchanged makes no new version)."""

import pytest
import wagtail_factories
from wagtail.test.utils.form_data import querydict_from_html

from quizzes.admin_views.answer_forms import (
    CIRCLE_NEEDS,
    LABEL_NEEDED,
    NO_IMAGE,
    NUMERICAL_NEEDS_VALUE,
    POLYGON_NEEDS,
    ROW_NEEDS_TEXT,
    AnswerEditor,
)
from quizzes.models import QuestionType
from quizzes.question_data import (
    DATA_LABEL_REPEATED,
    DATA_NO_CREDIT,
    DATA_TOO_FEW,
    clean_question_data,
)
from quizzes.services.questions import question_create
from tests.quizzes import test_admin_banks as shared
from tests.quizzes.answer_post import answer_post
from tests.quizzes.test_admin_banks import url

admin_access = shared.admin_access
instructor = shared.instructor

pytestmark = pytest.mark.django_db

FEEDBACK = "Right: <b>the knot</b>."
DATA = {
    "single_choice": {
        "choices": [
            {"text": "Trigger point", "fraction": "1", "feedback": FEEDBACK},
            {"text": "Tender point", "fraction": "0", "feedback": ""},
            {"text": "Spindle", "fraction": "-0.5", "feedback": "<p>One</p><p>Two</p>"},
        ]
    },
    "multiple_response": {
        "choices": [
            {"text": "Upper trapezius", "fraction": "0.5", "feedback": ""},
            {"text": "Levator scapulae", "fraction": "0.5", "feedback": ""},
            {"text": "Gluteus medius", "fraction": "-1", "feedback": "A hip muscle."},
        ]
    },
    "true_false": {"correct": False, "feedback_true": "No.", "feedback_false": "Yes."},
    "short_answer": {
        "answers": [
            {"text": "scalen*", "fraction": "1", "feedback": ""},
            {"text": "neck", "fraction": "0.25", "feedback": "Too vague."},
        ],
        "case_sensitive": True,
    },
    "numerical": {
        "answers": [
            {"value": "30", "tolerance": "5", "fraction": "1", "feedback": ""},
            {"min": "10", "max": "20", "fraction": "0.5", "feedback": "Close."},
            {"value": "*", "fraction": "0", "feedback": "Any other number."},
        ],
        "units": [{"unit": "s", "multiplier": "1"}, {"unit": "min", "multiplier": "0.0166667"}],
    },
    "matching": {
        "pairs": [
            {"question": "Effleurage", "answer": "Gliding stroke"},
            {"question": "Tapotement", "answer": "Percussion"},
            {"question": "", "answer": "Kneading"},
        ]
    },
    "ordering": {"items": ["Assess", "Treat", "Reassess"]},
    "essay": {"grading_notes": "Full marks: names two red flags."},
    "description": {},
}


def hotspot_data(image_id):
    return {
        "image": image_id,
        "description": "An upper back from behind.",
        "distractors": ["Shoulder blade", "Lower back"],
        "regions": [
            {
                "shape": "circle",
                "cx": "0.3",
                "cy": "0.4",
                "r": "0.1",
                "fraction": "1",
                "feedback": "",
                "label": "Upper trapezius",
            },
            {
                "shape": "polygon",
                "points": [["0.6", "0.6"], ["0.8", "0.6"], ["0.7", "0.8"]],
                "fraction": "0",
                "feedback": "Not that.",
                "label": "Deltoid",
            },
        ],
    }


@pytest.fixture
def image():
    return wagtail_factories.ImageFactory()


def all_types(image):
    return {**DATA, "hotspot": hotspot_data(image.pk)}


@pytest.mark.parametrize("qtype", [*DATA, "hotspot"])
def test_forms_round_trip_for_every_type(qtype, image):
    data = all_types(image)[qtype]
    editor = AnswerEditor(qtype, data=answer_post(qtype, data))
    assert editor.is_valid(), [part.errors for part in editor]
    # As the service stores it: the rich-text editor's block keys are cleaned away.
    stored = clean_question_data(editor.to_data())
    assert stored == data


@pytest.mark.parametrize("qtype", [*DATA, "hotspot"])
def test_saving_the_edit_page_unchanged_makes_no_version(qtype, client, instructor, bank, image):
    question = question_create(
        bank=bank, qtype=qtype, name=qtype, data=all_types(image)[qtype], default_mark=1
    )
    stored = question.current_version.data
    client.force_login(instructor)
    page = client.get(url("quizzes_question:edit", question.pk))
    assert page.status_code == 200
    post = querydict_from_html(page.content.decode(), form_id="w-editor-form")
    response = client.post(url("quizzes_question:edit", question.pk), post)
    assert response.status_code == 302, response.context["form"].answers.extra_errors
    question.refresh_from_db()
    assert question.versions.count() == 1
    assert question.current_version.data == stored


# --- Validation, beside the field --------------------------------------------------------


def bound(qtype, data, **changes):
    post = answer_post(qtype, data) | changes
    editor = AnswerEditor(qtype, data=post)
    return editor, editor.is_valid()


def test_choices_need_two_rows_and_some_credit():
    one = {"choices": [{"text": "Only", "fraction": "1", "feedback": ""}]}
    editor, valid = bound("single_choice", one)
    expected = DATA_TOO_FEW % {"qtype": "single choice", "count": 2, "what": "choices"}
    assert not valid and editor.part["choices"].non_form_errors() == [expected]
    editor, valid = bound(
        "single_choice", DATA["single_choice"], **{"answer-choices-0-fraction": "0"}
    )
    assert not valid and editor.part["choices"].non_form_errors() == [DATA_NO_CREDIT]


def test_feedback_without_a_choice_text_is_an_error_on_the_text():
    editor, valid = bound(
        "single_choice",
        DATA["single_choice"],
        **{
            "answer-choices-1-text": "",
            "answer-choices-1-feedback": answer_post("single_choice", DATA["single_choice"])[
                "answer-choices-0-feedback"
            ],
        },
    )
    assert not valid
    assert editor.part["choices"].forms[1].errors["text"] == [ROW_NEEDS_TEXT]


def test_blank_rows_are_left_out():
    editor, valid = bound(
        "ordering",
        DATA["ordering"],
        **{"answer-items-TOTAL_FORMS": "4", "answer-items-3-text": "", "answer-items-3-ORDER": "4"},
    )
    assert valid and editor.to_data() == DATA["ordering"]


def test_removed_and_reordered_rows():
    editor, valid = bound(
        "ordering",
        DATA["ordering"],
        **{"answer-items-0-ORDER": "3", "answer-items-2-ORDER": "1", "answer-items-1-DELETE": "on"},
    )
    assert valid and editor.to_data() == {"items": ["Reassess", "Assess"]}


def test_numerical_needs_a_value_or_a_range():
    editor, valid = bound(
        "numerical",
        DATA["numerical"],
        **{"answer-answers-1-maximum": "", "answer-answers-0-value": "abc"},
    )
    assert not valid
    forms = editor.part["answers"].forms
    assert forms[1].errors["maximum"] == [NUMERICAL_NEEDS_VALUE]
    assert "Enter a number" in forms[0].errors["value"][0]


def test_true_false_needs_an_answer():
    editor, valid = bound("true_false", DATA["true_false"], **{"answer-truefalse-correct": ""})
    assert not valid and editor.part["truefalse"].errors["correct"]


def test_matching_sub_question_needs_an_answer():
    editor, valid = bound("matching", DATA["matching"], **{"answer-pairs-0-answer": ""})
    assert not valid and editor.part["pairs"].forms[0].errors["answer"]


def test_hotspot_shapes_are_checked(image):
    data = hotspot_data(image.pk)
    editor, valid = bound(
        "hotspot", data, **{"answer-regions-0-r": "", "answer-regions-1-points": "0.1,0.1 0.2,0.2"}
    )
    assert not valid
    forms = editor.part["regions"].forms
    assert forms[0].errors["r"] == [CIRCLE_NEEDS]
    assert forms[1].errors["points"] == [POLYGON_NEEDS]


def test_hotspot_labels_are_needed_and_unique_with_a_description(image):
    data = hotspot_data(image.pk)
    editor, valid = bound(
        "hotspot",
        data,
        **{"answer-regions-0-label": "", "answer-regions-1-label": "shoulder BLADE"},
    )
    assert not valid
    forms = editor.part["regions"].forms
    assert forms[0].errors["label"] == [LABEL_NEEDED]
    assert editor.part["hotspot"].errors["distractors"] == [
        DATA_LABEL_REPEATED % {"label": "Shoulder blade"}
    ]


def test_hotspot_needs_an_image(image):
    editor, valid = bound("hotspot", hotspot_data(image.pk), **{"answer-hotspot-image": ""})
    assert not valid and editor.part["hotspot"].errors["image"] == [NO_IMAGE]


def test_hotspot_without_a_description_keeps_old_behaviour(image):
    data = {
        "image": image.pk,
        "regions": [
            {
                "shape": "circle",
                "cx": "0.5",
                "cy": "0.5",
                "r": "0.2",
                "fraction": "1",
                "feedback": "",
            }
        ],
    }
    editor, valid = bound("hotspot", data)
    assert valid and editor.to_data() == data


def test_every_type_has_an_editor():
    for qtype in QuestionType:
        AnswerEditor(qtype)  # a new question's blank editor builds for each type
