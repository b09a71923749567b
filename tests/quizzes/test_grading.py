from decimal import Decimal

import pytest

from quizzes.services.grading import (
    EMPTY,
    GRADED,
    MALFORMED,
    UNIT_NOT_RECOGNISED,
    NotAutoGradedError,
    grade_hotspot,
    grade_matching,
    grade_multiple_response,
    grade_numerical,
    grade_ordering,
    grade_short_answer,
    grade_single_choice,
    grade_true_false,
    response_grade,
)

D = Decimal
SINGLE = {
    "choices": [
        {"text": "Trigger point", "fraction": "1", "feedback": "Yes."},
        {"text": "Tender point", "fraction": "0.5", "feedback": "Close."},
        {"text": "Knot", "fraction": "-0.5", "feedback": "No."},
        {"text": "Cramp", "fraction": "0", "feedback": ""},
    ]
}
MULTI = {
    "choices": [
        {"text": "Scalenes", "fraction": "0.5"},
        {"text": "Sternocleidomastoid", "fraction": "0.5"},
        {"text": "Gastrocnemius", "fraction": "-1"},
        {"text": "Soleus", "fraction": "0"},
    ]
}
MALFORMED_RESPONSES = [True, 1.5, "x", {"a": 1}, [0], -1, 99, object()]


@pytest.mark.parametrize(
    ("response", "fraction", "feedback"),
    [(0, D(1), ["Yes."]), ("1", D("0.5"), ["Close."]), (2, D(0), ["No."]), (3, D(0), [])],
)
def test_single_choice_gives_the_chosen_fraction_clamped_at_zero(response, fraction, feedback):
    grade = grade_single_choice(SINGLE, response)
    assert (grade.fraction, grade.feedback, grade.status) == (fraction, feedback, GRADED)


@pytest.mark.parametrize("response", MALFORMED_RESPONSES)
def test_single_choice_malformed_response_scores_zero(response):
    grade = grade_single_choice(SINGLE, response)
    assert (grade.fraction, grade.status) == (D(0), MALFORMED)


@pytest.mark.parametrize("response", [None, "", [], {}])
def test_every_grader_treats_no_response_as_empty(response):
    for grader, data in [
        (grade_single_choice, SINGLE),
        (grade_multiple_response, MULTI),
        (grade_short_answer, {"answers": [{"text": "x", "fraction": "1"}]}),
        (grade_hotspot, {"regions": []}),
    ]:
        grade = grader(data, response)
        assert (grade.fraction, grade.status) == (D(0), EMPTY)


@pytest.mark.parametrize(
    ("response", "fraction"),
    [
        ([0, 1], D(1)),
        ([0], D("0.5")),
        ([0, 1, 2], D(0)),  # the explicit -100% wrong pick cancels both right ones
        ([0, 1, 3], D("0.5")),  # an unweighted wrong pick costs one right pick's worth
        ([0, 1, 2, 3], D(0)),  # ticking everything never pays, and never goes below 0
        ([2], D(0)),
    ],
)
def test_multiple_response_sums_penalises_and_clamps(response, fraction):
    assert grade_multiple_response(MULTI, response).fraction == fraction


def test_multiple_response_never_exceeds_one():
    data = {"choices": [{"text": "a", "fraction": "1"}, {"text": "b", "fraction": "1"}]}
    assert grade_multiple_response(data, [0, 1]).fraction == D(1)


@pytest.mark.parametrize("response", [[0, 0], [0, 9], "0,1", [True], 0])
def test_multiple_response_malformed(response):
    assert grade_multiple_response(MULTI, response).status == MALFORMED


def test_true_false_gives_feedback_for_the_chosen_answer():
    data = {"correct": False, "feedback_true": "It is false.", "feedback_false": "Right."}
    assert grade_true_false(data, False).fraction == D(1)
    assert grade_true_false(data, "false").feedback == ["Right."]
    wrong = grade_true_false(data, True)
    assert (wrong.fraction, wrong.feedback) == (D(0), ["It is false."])
    assert grade_true_false(data, "maybe").status == MALFORMED
    assert grade_true_false(data, 1).status == MALFORMED


SHORT = {
    "answers": [
        {"text": "sternocleidomastoid", "fraction": "1", "feedback": "Good!"},
        {"text": "SCM", "fraction": "0.5", "feedback": "Spell it out."},
        {"text": "sterno*", "fraction": "0.25", "feedback": "Almost."},
        {"text": "*", "fraction": "0", "feedback": "Completely wrong"},
    ]
}


@pytest.mark.parametrize(
    ("response", "fraction", "feedback"),
    [
        ("sternocleidomastoid", D(1), "Good!"),
        ("  SternoCleidoMastoid ", D(1), "Good!"),
        ("scm", D("0.5"), "Spell it out."),
        ("sternomastoid", D("0.25"), "Almost."),
        ("deltoid", D(0), "Completely wrong"),
    ],
)
def test_short_answer_first_match_wins_with_wildcards(response, fraction, feedback):
    grade = grade_short_answer(SHORT, response)
    assert (grade.fraction, grade.feedback) == (fraction, [feedback])


def test_short_answer_normalises_whitespace_and_unicode():
    data = {"answers": [{"text": "muscle  spindle", "fraction": "1"}]}
    assert grade_short_answer(data, "muscle\u00a0\tspindle").fraction == D(1)
    accented = {"answers": [{"text": "Dag Hammarskj\u00f6ld", "fraction": "1"}]}
    assert grade_short_answer(accented, "dag hammarskjo\u0308ld").fraction == D(1)  # NFD input
    german = {"answers": [{"text": "Stra\u00dfe", "fraction": "1"}]}
    assert grade_short_answer(german, "STRASSE").fraction == D(1)  # casefold


def test_short_answer_case_sensitive_and_literal_asterisk():
    data = {"answers": [{"text": "NaCl", "fraction": "1"}], "case_sensitive": True}
    assert grade_short_answer(data, "NaCl").fraction == D(1)
    assert grade_short_answer(data, "nacl").fraction == D(0)
    star = {"answers": [{"text": "a\\*b", "fraction": "1"}]}
    assert grade_short_answer(star, "a*b").fraction == D(1)
    assert grade_short_answer(star, "axxb").fraction == D(0)
    regexy = {"answers": [{"text": "C3.(a)+", "fraction": "1"}]}
    assert grade_short_answer(regexy, "C3.(a)+").fraction == D(1)
    assert grade_short_answer(regexy, "C3x(a)").fraction == D(0)


def test_short_answer_blank_or_non_text_response():
    assert grade_short_answer(SHORT, "   ").status == EMPTY
    assert grade_short_answer(SHORT, 42).status == MALFORMED


NUMERICAL = {
    "answers": [
        {"value": "3.1415", "tolerance": "0.0005", "fraction": "1", "feedback": "Yes"},
        {"min": "3", "max": "3.2", "fraction": "0.5", "feedback": "Close"},
        {"value": "*", "fraction": "0", "feedback": "Completely wrong"},
    ]
}


@pytest.mark.parametrize(
    ("response", "fraction"),
    [
        ("3.1415", D(1)),
        ("3.141", D(1)),  # lower tolerance boundary, inclusive
        ("3.142", D(1)),  # upper tolerance boundary, inclusive
        ("3.1421", D("0.5")),
        ("3", D("0.5")),  # range boundaries inclusive
        ("3.2", D("0.5")),
        ("3.2001", D(0)),
        ("3,1415", D(1)),  # decimal comma
        (3.1415, D(1)),
        ("31.415e-1", D(1)),
    ],
)
def test_numerical_tolerance_and_range(response, fraction):
    assert grade_numerical(NUMERICAL, response).fraction == fraction


@pytest.mark.parametrize("response", ["pi", "3.1.4", True, [3], "1,000.5", "nan"])
def test_numerical_malformed(response):
    assert grade_numerical(NUMERICAL, response).status == MALFORMED


def test_numerical_units_convert_with_their_multiplier():
    data = {
        "answers": [{"value": "1.5", "tolerance": "0", "fraction": "1"}],
        "units": [{"unit": "m", "multiplier": "1"}, {"unit": "cm", "multiplier": "100"}],
    }
    assert grade_numerical(data, "1.5").fraction == D(1)
    assert grade_numerical(data, "1.5 m").fraction == D(1)
    assert grade_numerical(data, "150cm").fraction == D(1)
    unknown = grade_numerical(data, "150 inches")
    assert (unknown.fraction, unknown.feedback) == (D(0), [UNIT_NOT_RECOGNISED])
    assert grade_numerical(NUMERICAL, "3.1415 m").status == MALFORMED  # no units defined


MATCHING = {
    "pairs": [
        {"question": "Piriformis", "answer": "Hip"},
        {"question": "Scalenes", "answer": "Neck"},
        {"question": "Soleus", "answer": "Calf"},
        {"question": "", "answer": "Wrist"},  # a distractor answer
    ]
}


def test_matching_scores_correct_pairs_over_pairs():
    assert grade_matching(MATCHING, {"0": "Hip", "1": "Neck", "2": "Calf"}).fraction == D(1)
    two = grade_matching(MATCHING, {0: "Hip", 1: "Neck", 2: "Wrist"})
    assert two.fraction == D(2) / D(3)
    assert grade_matching(MATCHING, {"0": "Hip"}).fraction == D(1) / D(3)
    assert grade_matching(MATCHING, ["Hip"]).status == MALFORMED
    assert grade_matching(MATCHING, {"7": "Hip"}).status == MALFORMED
    assert grade_matching(MATCHING, {"0": 5}).status == MALFORMED


def test_ordering_scores_absolute_positions():
    data = {"items": ["Assess", "Treat", "Stretch", "Re-assess"]}
    assert grade_ordering(data, [0, 1, 2, 3]).fraction == D(1)
    assert grade_ordering(data, [0, 2, 1, 3]).fraction == D("0.5")
    assert grade_ordering(data, [3, 0, 1, 2]).fraction == D(0)
    for response in ([0, 1, 2], [0, 0, 1, 2], [0, 1, 2, 9], "0123"):
        assert grade_ordering(data, response).status == MALFORMED


HOTSPOT = {
    "regions": [
        {
            "shape": "circle",
            "cx": "0.5",
            "cy": "0.5",
            "r": "0.1",
            "fraction": "1",
            "feedback": "Hit",
        },
        {
            "shape": "polygon",
            "points": [[0.1, 0.1], [0.3, 0.1], [0.3, 0.3], [0.1, 0.3]],
            "fraction": "0.5",
            "feedback": "Nearby",
        },
        {
            "shape": "polygon",
            "points": [[0.6, 0.6], [0.9, 0.6], [0.75, 0.9]],
            "fraction": "0.25",
            "feedback": "Other",
        },
    ]
}


@pytest.mark.parametrize(
    ("x", "y", "fraction"),
    [
        (0.5, 0.5, D(1)),
        (0.6, 0.5, D(1)),  # on the circle, inclusive
        (0.5, 0.61, D(0)),
        (0.2, 0.2, D("0.5")),
        (0.3, 0.2, D("0.5")),  # on an edge
        (0.1, 0.1, D("0.5")),  # on a vertex
        (0.31, 0.2, D(0)),
        (0.75, 0.7, D("0.25")),
        (0.75, 0.9, D("0.25")),  # the apex vertex
        (0.95, 0.6, D(0)),  # on the line of an edge, beyond it
        ("0.2", "0.2", D("0.5")),
    ],
)
def test_hotspot_circles_and_polygons(x, y, fraction):
    assert grade_hotspot(HOTSPOT, {"x": x, "y": y}).fraction == fraction


def test_hotspot_overlapping_regions_give_the_best_fraction():
    data = {"regions": [HOTSPOT["regions"][1], {**HOTSPOT["regions"][0], "cx": 0.2, "cy": 0.2}]}
    grade = grade_hotspot(data, {"x": 0.2, "y": 0.2})
    assert (grade.fraction, grade.feedback) == (D(1), ["Hit"])


@pytest.mark.parametrize(
    "response",
    [{"x": 0.5}, {"x": "a", "y": 0.5}, {"x": 1.5, "y": 0.5}, [0.5, 0.5], {"x": True, "y": 0}],
)
def test_hotspot_malformed(response):
    assert grade_hotspot(HOTSPOT, response).status == MALFORMED


def test_response_grade_dispatches_and_refuses_hand_graded_types():
    assert response_grade(qtype="single_choice", data=SINGLE, response=0).fraction == D(1)
    with pytest.raises(NotAutoGradedError):
        response_grade(qtype="essay", data={}, response="text")
