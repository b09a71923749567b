"""Grading: one pure function per question type, `(version_data, response) -> Grade`.

A missing response grades as "empty" and a response of the wrong shape as "malformed"; both
score 0 and neither raises, so a tampered request can never turn into a server error.
Version data is trusted (it was validated when the version was saved).
"""

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from quizzes.models import QuestionType
from quizzes.services.geometry import exact, in_circle, in_polygon

ZERO, ONE = Decimal(0), Decimal(1)
EMPTY, MALFORMED, GRADED = "empty", "malformed", "graded"
NOT_AUTO_GRADED = "%s questions are graded by hand."
UNIT_NOT_RECOGNISED = "The unit was not recognised."


@dataclass(frozen=True)
class Grade:
    fraction: Decimal
    feedback: list[str] = field(default_factory=list)
    details: list[dict] = field(default_factory=list)
    status: str = GRADED


class NotAutoGradedError(ValueError):
    pass


class _Malformed(Exception):
    pass


def clamp(value) -> Decimal:
    return min(max(Decimal(value), ZERO), ONE)


def _fraction(item: dict) -> Decimal:
    return Decimal(str(item.get("fraction", "0")))


def _tolerant(grader):
    def wrapper(data: dict, response) -> Grade:
        if response is None or response in ("", [], {}):
            return Grade(ZERO, status=EMPTY)
        try:
            return grader(data, response)
        except _Malformed:
            return Grade(ZERO, status=MALFORMED)

    wrapper.__name__ = grader.__name__
    wrapper.__doc__ = grader.__doc__
    return wrapper


def _index(value, size: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise _Malformed
    if isinstance(value, str) and not value.isdecimal():
        raise _Malformed
    index = int(value)
    if not 0 <= index < size:
        raise _Malformed
    return index


def _feedback(*texts) -> list[str]:
    return [text for text in texts if text]


@_tolerant
def grade_single_choice(data: dict, response) -> Grade:
    """The chosen answer's fraction (Moodle allows partial and negative ones), clamped to 0..1."""
    choices = data["choices"]
    choice = choices[_index(response, len(choices))]
    return Grade(
        clamp(_fraction(choice)),
        _feedback(choice.get("feedback")),
        [{"choice": int(response), "fraction": str(_fraction(choice))}],
    )


@_tolerant
def grade_multiple_response(data: dict, response) -> Grade:
    """Sum of the chosen answers' fractions, clamped to 0..1.

    A wrong answer the author gave no negative fraction costs as much as a typical right one
    (1 / number of right answers), so ticking every box never earns credit.
    """
    choices = data["choices"]
    if not isinstance(response, list):
        raise _Malformed
    picked = [_index(value, len(choices)) for value in response]
    if len(set(picked)) != len(picked):
        raise _Malformed
    right = sum(1 for choice in choices if _fraction(choice) > 0)
    default_penalty = -ONE / right
    total, details, feedback = ZERO, [], []
    for index in sorted(picked):
        fraction = _fraction(choices[index])
        earned = fraction if fraction != 0 else default_penalty
        total += earned
        details.append({"choice": index, "fraction": str(earned)})
        feedback += _feedback(choices[index].get("feedback"))
    return Grade(clamp(total), feedback, details)


@_tolerant
def grade_true_false(data: dict, response) -> Grade:
    if isinstance(response, str) and response.lower() in ("true", "false"):
        response = response.lower() == "true"
    if not isinstance(response, bool):
        raise _Malformed
    feedback = data.get("feedback_true") if response else data.get("feedback_false")
    fraction = ONE if response == data["correct"] else ZERO
    return Grade(fraction, _feedback(feedback), [{"answer": response}])


def normalise_text(text: str) -> str:
    """NFC, trimmed, every run of whitespace (including non-breaking spaces) one space."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def short_answer_matches(pattern: str, response: str, *, case_sensitive: bool) -> bool:
    """Moodle's rule: `*` matches any characters, `\\*` a literal asterisk."""
    pattern, response = normalise_text(pattern), normalise_text(response)
    if not case_sensitive:
        pattern, response = pattern.casefold(), response.casefold()
    parts = re.split(r"(?<!\\)\*", pattern)
    regex = ".*".join(re.escape(part.replace("\\*", "*")) for part in parts)
    return re.fullmatch(regex, response, flags=re.DOTALL) is not None


@_tolerant
def grade_short_answer(data: dict, response) -> Grade:
    """The first accepted answer that matches, in the author's order (as Moodle does)."""
    if not isinstance(response, str):
        raise _Malformed
    if not normalise_text(response):
        return Grade(ZERO, status=EMPTY)
    case_sensitive = bool(data.get("case_sensitive"))
    for index, answer in enumerate(data["answers"]):
        if short_answer_matches(answer["text"], response, case_sensitive=case_sensitive):
            return Grade(
                clamp(_fraction(answer)),
                _feedback(answer.get("feedback")),
                [{"answer": index, "fraction": str(_fraction(answer))}],
            )
    return Grade(ZERO, details=[{"answer": None}])


_NUMBER = re.compile(r"([+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?)\s*(.*)", re.DOTALL)


def parse_number(response) -> tuple[Decimal, str]:
    """(number, unit text) from "1.5", "1,5", "-2e3", "30 mm"; malformed otherwise."""
    if isinstance(response, bool) or not isinstance(response, int | float | str | Decimal):
        raise _Malformed
    if not isinstance(response, str):
        response = str(response)
    match = _NUMBER.fullmatch(response.strip())
    if match is None:
        raise _Malformed
    try:
        number = Decimal(match.group(1).replace(",", "."))
    except InvalidOperation as exc:
        raise _Malformed from exc
    return number, match.group(2).strip()


def numerical_matches(answer: dict, value: Decimal) -> bool:
    """Tolerance and range boundaries are inclusive."""
    if "min" in answer:
        return Decimal(str(answer["min"])) <= value <= Decimal(str(answer["max"]))
    if answer.get("value") == "*":
        return True
    target = Decimal(str(answer["value"]))
    return abs(value - target) <= abs(Decimal(str(answer.get("tolerance", "0"))))


@_tolerant
def grade_numerical(data: dict, response) -> Grade:
    """The first answer whose tolerance or range holds the response, after unit conversion.

    The answers are in the first (multiplier 1) unit; a response in another unit is divided
    by that unit's multiplier, as in Moodle. A response without a unit is taken as given.
    """
    number, unit = parse_number(response)
    if unit:
        units = {item["unit"]: Decimal(str(item["multiplier"])) for item in data.get("units", [])}
        if not units:
            raise _Malformed
        if unit not in units:
            return Grade(ZERO, [UNIT_NOT_RECOGNISED], [{"unit": unit}])
        number = number / units[unit]
    for index, answer in enumerate(data["answers"]):
        if numerical_matches(answer, number):
            return Grade(
                clamp(_fraction(answer)),
                _feedback(answer.get("feedback")),
                [{"answer": index, "value": str(number)}],
            )
    return Grade(ZERO, details=[{"answer": None, "value": str(number)}])


@_tolerant
def grade_matching(data: dict, response) -> Grade:
    """Correct pairs / pairs; `response` maps a sub-question's index to the chosen answer."""
    if not isinstance(response, dict):
        raise _Malformed
    pairs = data["pairs"]
    chosen = {}
    for key, value in response.items():
        index = _index(key, len(pairs))
        if value is not None and not isinstance(value, str):
            raise _Malformed
        chosen[index] = value
    graded = [index for index, pair in enumerate(pairs) if str(pair["question"]).strip()]
    details = [
        {"pair": index, "correct": chosen.get(index) == pairs[index]["answer"]} for index in graded
    ]
    right = sum(1 for detail in details if detail["correct"])
    return Grade(clamp(Decimal(right) / len(graded)), details=details)


@_tolerant
def grade_ordering(data: dict, response) -> Grade:
    """Items in their correct absolute position / items; `response` lists the item index at
    each position, None where the learner placed nothing yet (a draft: graded as given, an
    empty position counts as a wrong one)."""
    size = len(data["items"])
    if not isinstance(response, list) or len(response) != size:
        raise _Malformed
    order = [None if value is None else _index(value, size) for value in response]
    placed = [item for item in order if item is not None]
    if not placed or len(set(placed)) != len(placed):
        raise _Malformed
    details = [{"position": pos, "correct": item == pos} for pos, item in enumerate(order)]
    right = sum(1 for detail in details if detail["correct"])
    return Grade(Decimal(right) / size, details=details)


def _region_contains(region: dict, point) -> bool:
    if region["shape"] == "circle":
        return in_circle(point, region["cx"], region["cy"], region["r"])
    return in_polygon(point, region["points"])


def hotspot_options(data: dict) -> list[str]:
    """The labels a learner may choose from in list mode: the regions', then the distractors'.
    A response {"option": k} indexes this list (the browser sees only its own shuffle)."""
    return [str(region.get("label", "")) for region in data["regions"]] + [
        str(label) for label in data.get("distractors", [])
    ]


def hotspot_list_mode_available(data: dict) -> bool:
    """A text alternative and a label on every region: the question can be answered from a list."""
    return bool(str(data.get("description", "")).strip()) and all(
        str(region.get("label", "")).strip() for region in data.get("regions", [])
    )


def _grade_hotspot_option(data: dict, response: dict) -> Grade:
    if not hotspot_list_mode_available(data):
        raise _Malformed
    index = _index(response["option"], len(hotspot_options(data)))
    if index >= len(data["regions"]):
        return Grade(ZERO, details=[{"region": None, "option": index}])
    region = data["regions"][index]
    return Grade(
        clamp(_fraction(region)),
        _feedback(region.get("feedback")),
        [{"region": index, "option": index, "fraction": str(_fraction(region))}],
    )


@_tolerant
def grade_hotspot(data: dict, response) -> Grade:
    """The best fraction among the regions holding the click {"x", "y"} (fractions of the image).

    In list mode the response is {"option": k}: region k's fraction, a distractor's 0 (the
    same scores a click inside or outside that region earns)."""
    if not isinstance(response, dict):
        raise _Malformed
    if "option" in response:
        return _grade_hotspot_option(data, response)
    try:
        point = (exact(response["x"]), exact(response["y"]))
    except (KeyError, TypeError, ValueError, InvalidOperation) as exc:
        raise _Malformed from exc
    if not all(Fraction(0) <= coordinate <= Fraction(1) for coordinate in point):
        raise _Malformed
    hits = [
        (index, region)
        for index, region in enumerate(data["regions"])
        if _region_contains(region, point)
    ]
    if not hits:
        return Grade(ZERO, details=[{"region": None}])
    index, region = max(hits, key=lambda hit: _fraction(hit[1]))
    return Grade(
        clamp(_fraction(region)),
        _feedback(region.get("feedback")),
        [{"region": index, "fraction": str(_fraction(region))}],
    )


GRADERS = {
    QuestionType.SINGLE_CHOICE: grade_single_choice,
    QuestionType.MULTIPLE_RESPONSE: grade_multiple_response,
    QuestionType.TRUE_FALSE: grade_true_false,
    QuestionType.SHORT_ANSWER: grade_short_answer,
    QuestionType.NUMERICAL: grade_numerical,
    QuestionType.MATCHING: grade_matching,
    QuestionType.ORDERING: grade_ordering,
    QuestionType.HOTSPOT: grade_hotspot,
}


def response_grade(*, qtype: str, data: dict, response) -> Grade:
    """Grade `response` against a version's data; essays and descriptions raise."""
    grader = GRADERS.get(qtype)
    if grader is None:
        raise NotAutoGradedError(NOT_AUTO_GRADED % QuestionType(qtype).label)
    return grader(data, response)
