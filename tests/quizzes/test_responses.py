"""Form fields → stored response → grade, through a real shuffle, for every question type."""

import random
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from quizzes.models import AttemptSlot
from quizzes.responses import answer_order_new, response_from_fields, slot_display
from quizzes.services.grading import response_grade
from tests.quizzes.conftest import make_question


def slot_for(bank, qtype, seed=5):
    version = make_question(bank, qtype).current_version
    order = answer_order_new(version, shuffle=True, rng=random.Random(seed))
    return AttemptSlot(order=1, question_version=version, max_mark=Decimal(1), answer_order=order)


def right_fields(slot):
    """The fields a student who knows the answer would send, found from the display alone."""
    display, data = slot_display(slot), slot.question_version.data
    qtype = slot.question_version.qtype
    if qtype == "single_choice":
        return {
            "q1": [next(str(c["id"]) for c in display["choices"] if c["text"] == "Trigger point")]
        }
    if qtype == "multiple_response":
        right = {"Upper trapezius", "Levator scapulae"}
        return {"q1": [str(c["id"]) for c in display["choices"] if c["text"] in right]}
    if qtype == "true_false":
        return {"q1": ["true"]}
    if qtype == "short_answer":
        return {"q1": [" SCALENES "]}
    if qtype == "numerical":
        return {"q1": ["33"]}
    if qtype == "matching":
        answer = {p["question"]: p["answer"] for p in data["pairs"]}
        ids = {a["text"]: a["id"] for a in display["answers"]}
        return {f"q1-{row['id']}": [str(ids[answer[row["text"]]])] for row in display["rows"]}
    if qtype == "ordering":
        place = {text: i + 1 for i, text in enumerate(data["items"])}
        return {f"q1-{item['id']}": [str(place[item["text"]])] for item in display["items"]}
    return {"q1-x": ["30"], "q1-y": ["42.5"]}  # hotspot, inside the circle at (0.3, 0.4)


@pytest.mark.parametrize(
    "qtype",
    [
        "single_choice",
        "multiple_response",
        "true_false",
        "short_answer",
        "numerical",
        "matching",
        "ordering",
        "hotspot",
    ],
)
def test_right_answer_from_the_form_grades_full_marks_and_reloads(bank, qtype):
    slot = slot_for(bank, qtype)
    fields = right_fields(slot)
    slot.response = response_from_fields(slot, lambda name: fields.get(name, []))
    version = slot.question_version
    assert response_grade(qtype=qtype, data=version.data, response=slot.response).fraction == 1
    assert slot_display(slot)["values"]  # a reload shows the saved answer


def test_ordering_never_starts_in_the_right_order(bank):
    version = make_question(bank, "ordering").current_version
    for seed in range(30):
        shown = answer_order_new(version, shuffle=False, rng=random.Random(seed))["items"]
        assert shown != [0, 1, 2]


def test_ordering_positions_must_be_a_permutation(bank):
    slot = slot_for(bank, "ordering")
    fields = {"q1-0": ["1"], "q1-1": ["1"], "q1-2": ["2"]}
    with pytest.raises(ValidationError, match="different position"):
        response_from_fields(slot, lambda name: fields.get(name, []))


def test_hotspot_outside_the_image_is_refused(bank):
    slot = slot_for(bank, "hotspot")
    fields = {"q1-x": ["101"], "q1-y": ["5"]}
    with pytest.raises(ValidationError, match="could not be read"):
        response_from_fields(slot, lambda name: fields.get(name, []))
