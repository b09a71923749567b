"""Part-answered ordering and matching questions are drafts graded as given; a hotspot with a
text alternative and labelled regions can be answered from a list, graded as a click is."""

import random
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from quizzes.models import AttemptSlot
from quizzes.responses import (
    ORDER_POSITIONS,
    answer_order_new,
    response_from_fields,
    response_to_fields,
    slot_display,
)
from quizzes.services import attempts as services
from quizzes.services.grading import (
    EMPTY,
    GRADED,
    MALFORMED,
    grade_hotspot,
    grade_matching,
    grade_ordering,
    hotspot_list_mode_available,
    hotspot_options,
)
from tests.quizzes.conftest import make_question, make_quiz

D = Decimal
ORDERING = {"items": ["Assess", "Palpate", "Treat", "Reassess"]}
MATCHING = {
    "pairs": [
        {"question": "Ischemic compression", "answer": "Sustained pressure"},
        {"question": "Effleurage", "answer": "Gliding stroke"},
        {"question": "Tapotement", "answer": "Tapping"},
        {"question": "", "answer": "Kneading"},
    ]
}
# The contract with the question editor: a description, a label on every region, distractors.
LABELLED_HOTSPOT = {
    "image": "",
    "description": "The upper back from behind, with the trapezius and rhomboids marked.",
    "regions": [
        {"shape": "circle", "cx": "0.3", "cy": "0.4", "r": "0.1", "fraction": "1",
         "label": "Upper trapezius", "feedback": "TRAP-FEEDBACK"},
        {"shape": "polygon", "points": [["0.6", "0.6"], ["0.8", "0.6"], ["0.7", "0.8"]],
         "fraction": "0.5", "label": "Rhomboid minor"},
    ],
    "distractors": ["Latissimus dorsi", "Infraspinatus"],
}  # fmt: skip


# --- Ordering drafts ---------------------------------------------------------------------


def test_part_answered_ordering_is_graded_as_given():
    grade = grade_ordering(ORDERING, [0, None, None, 3])
    assert grade.status == GRADED
    assert grade.fraction == D("0.5")  # the two empty positions count as wrong
    assert [d["correct"] for d in grade.details] == [True, False, False, True]


def test_ordering_draft_with_a_wrong_item_and_gaps():
    assert grade_ordering(ORDERING, [1, None, None, None]).fraction == D(0)
    assert grade_ordering(ORDERING, [None, 1, None, None]).fraction == D("0.25")


@pytest.mark.parametrize(
    "response",
    [[None, None, None, None], [0, 0, None, None], [0, None, None], [0, None, None, 9]],
)
def test_ordering_drafts_that_cannot_be_read_are_malformed_not_errors(response):
    assert grade_ordering(ORDERING, response).status == MALFORMED


def test_full_ordering_still_grades_as_before():
    assert grade_ordering(ORDERING, [0, 1, 2, 3]).fraction == D(1)
    assert grade_ordering(ORDERING, [1, 0, 2, 3]).fraction == D("0.5")


# --- Matching drafts ---------------------------------------------------------------------


def test_unanswered_matching_rows_are_wrong():
    grade = grade_matching(MATCHING, {"0": "Sustained pressure"})
    assert grade.fraction == D(1) / D(3)
    assert [d["correct"] for d in grade.details] == [True, False, False]
    assert grade_matching(MATCHING, {}).status == EMPTY


# --- Hotspot list mode: same scores as clicking ----------------------------------------


def test_list_mode_needs_a_description_and_every_label():
    assert hotspot_list_mode_available(LABELLED_HOTSPOT)
    assert not hotspot_list_mode_available({**LABELLED_HOTSPOT, "description": " "})
    unlabelled = {**LABELLED_HOTSPOT, "regions": [{**LABELLED_HOTSPOT["regions"][0], "label": ""}]}
    assert not hotspot_list_mode_available(unlabelled)


def test_options_are_regions_then_distractors():
    assert hotspot_options(LABELLED_HOTSPOT) == [
        "Upper trapezius",
        "Rhomboid minor",
        "Latissimus dorsi",
        "Infraspinatus",
    ]


@pytest.mark.parametrize(
    ("click", "option", "fraction"),
    [
        ({"x": "0.3", "y": "0.4"}, 0, D(1)),
        ({"x": "0.7", "y": "0.65"}, 1, D("0.5")),
        ({"x": "0.05", "y": "0.95"}, 2, D(0)),
        ({"x": "0.95", "y": "0.05"}, 3, D(0)),
    ],
)
def test_choosing_from_the_list_scores_as_clicking(click, option, fraction):
    by_click = grade_hotspot(LABELLED_HOTSPOT, click)
    by_list = grade_hotspot(LABELLED_HOTSPOT, {"option": option})
    assert by_click.fraction == by_list.fraction == fraction
    assert by_click.feedback == by_list.feedback


@pytest.mark.parametrize("option", [-1, 4, "x", None, True, 1.5])
def test_a_tampered_option_is_malformed(option):
    assert grade_hotspot(LABELLED_HOTSPOT, {"option": option}).status == MALFORMED


def test_an_option_on_a_question_without_labels_is_malformed():
    plain = {k: v for k, v in LABELLED_HOTSPOT.items() if k != "description"}
    assert grade_hotspot(plain, {"option": 0}).status == MALFORMED


# --- From the form, and back -------------------------------------------------------------


def _slot(bank, qtype, data, answer_order=None):
    question = make_question(bank, qtype, data=data)
    version = question.current_version
    order = answer_order or answer_order_new(version, shuffle=True, rng=random.Random(3))
    return AttemptSlot(order=1, question_version=version, max_mark=D(1), answer_order=order)


def fields(values: dict):
    return lambda name: values.get(name, [])


def test_an_ordering_draft_is_saved_from_the_form(bank):
    slot = _slot(bank, "ordering", ORDERING, {"items": [2, 0, 3, 1]})
    # item shown first (index 2) at position 3, item shown second (index 0) at position 1
    response = response_from_fields(slot, fields({"q1-0": ["3"], "q1-1": ["1"]}))
    assert response == [0, None, 2, None]
    slot.response = response
    assert response_to_fields(slot) == {"items": {0: 3, 1: 1}}


def test_two_items_at_one_position_is_a_clear_error(bank):
    slot = _slot(bank, "ordering", ORDERING, {"items": [2, 0, 3, 1]})
    with pytest.raises(ValidationError) as raised:
        response_from_fields(slot, fields({"q1-0": ["2"], "q1-1": ["2"]}))
    assert raised.value.messages == [ORDER_POSITIONS % {"position": 2}]


def test_list_options_are_shuffled_per_attempt_and_hide_which_are_right(bank):
    orders = {
        tuple(
            answer_order_new(
                make_question(bank, "hotspot", data=LABELLED_HOTSPOT).current_version,
                shuffle=False,
                rng=random.Random(seed),
            )["options"]
        )
        for seed in range(6)
    }
    assert len(orders) > 1  # shuffled even when the quiz does not shuffle answers
    slot = _slot(bank, "hotspot", LABELLED_HOTSPOT, {"options": [2, 0, 3, 1], "mode": "list"})
    shown = slot_display(slot)
    assert [o["text"] for o in shown["options"]] == [
        "Latissimus dorsi",
        "Upper trapezius",
        "Infraspinatus",
        "Rhomboid minor",
    ]
    assert shown["list_mode"] and shown["description"].startswith("The upper back")
    assert "fraction" not in repr(shown) and "TRAP-FEEDBACK" not in repr(shown)


def test_list_mode_answer_round_trips_by_author_index(bank):
    slot = _slot(bank, "hotspot", LABELLED_HOTSPOT, {"options": [2, 0, 3, 1], "mode": "list"})
    slot.response = response_from_fields(slot, fields({"q1": ["1"]}))
    assert slot.response == {"option": 0}  # "Upper trapezius", the first region
    assert response_to_fields(slot) == {"option": 1}
    assert grade_hotspot(LABELLED_HOTSPOT, slot.response).fraction == D(1)
    with pytest.raises(ValidationError):
        response_from_fields(slot, fields({"q1": ["7"]}))


def test_image_mode_still_reads_the_click(bank):
    slot = _slot(bank, "hotspot", LABELLED_HOTSPOT, {"options": [2, 0, 3, 1]})
    assert response_from_fields(slot, fields({"q1-x": ["30"], "q1-y": ["40"]})) == {
        "x": "0.3",
        "y": "0.4",
    }


def test_switching_modes_clears_the_other_answer_and_grades_the_list(module, bank, student):
    quiz = make_quiz(module, questions=[make_question(bank, "hotspot", data=LABELLED_HOTSPOT)])
    attempt = services.attempt_start(quiz=quiz, user=student)
    services.attempt_save_response(
        attempt=attempt, slot_order=1, fields=fields({"q1-x": ["30"], "q1-y": ["40"]})
    )
    slot = services.attempt_hotspot_mode_set(attempt=attempt, slot_order=1, list_mode=True)
    assert slot.response is None and slot.answer_order["mode"] == "list"
    position = slot.answer_order["options"].index(1)  # "Rhomboid minor", worth a half
    services.attempt_save_response(
        attempt=attempt, slot_order=1, fields=fields({"q1": [str(position)]})
    )
    attempt = services.attempt_submit(attempt=attempt)
    assert attempt.score == D("0.50")


def test_list_mode_is_refused_without_a_text_alternative(module, bank, student):
    quiz = make_quiz(module, questions=[make_question(bank, "hotspot")])
    attempt = services.attempt_start(quiz=quiz, user=student)
    with pytest.raises(ValidationError):
        services.attempt_hotspot_mode_set(attempt=attempt, slot_order=1, list_mode=True)


def test_a_part_answered_ordering_question_is_saved_and_graded(module, bank, student):
    quiz = make_quiz(module, questions=[make_question(bank, "ordering", data=ORDERING)])
    attempt = services.attempt_start(quiz=quiz, user=student)
    shown = attempt.slots.get().answer_order["items"]
    # Only the item that belongs first is placed, at position 1.
    slot = services.attempt_save_response(
        attempt=attempt, slot_order=1, fields=fields({f"q1-{shown.index(0)}": ["1"]})
    )
    assert slot.response == [0, None, None, None]
    assert services.attempt_submit(attempt=attempt).score == D("0.25")


def test_item_analysis_names_drafts_and_list_answers():
    from quizzes.item_analysis import _response_labels

    assert _response_labels("ordering", ORDERING, [0, None, None, 3]) == [
        "Assess → … → … → Reassess"
    ]
    assert _response_labels("hotspot", LABELLED_HOTSPOT, {"option": 2}) == ["Latissimus dorsi"]
