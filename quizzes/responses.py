"""What the browser sees of a question, and how what it sends becomes a stored response.

The browser only ever sees display positions (0, 1, 2 ... in the order shown), never the
author's indices, fractions, feedback or hotspot regions. Stored responses use the author's
indices, the shape quizzes.services.grading expects. Form fields are named `q<order>` or
`q<order>-<part>`, and the autosave endpoint sends the same names, so one parser serves both.
"""

import random
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError

from quizzes.models import AttemptSlot, QuestionType, QuestionVersion
from quizzes.services.grading import hotspot_list_mode_available, hotspot_options

RESPONSE_MALFORMED = "That answer could not be read; please choose again."
ORDER_POSITIONS = "Two items have position %(position)s: give each item a different position."
TEXT_TOO_LONG = "Answers are limited to %(limit)s characters."
TEXT_LIMIT = 20_000

GetList = Callable[[str], list[str]]


def _unique_answers(data: dict) -> list[str]:
    answers = []
    for pair in data["pairs"]:
        if pair["answer"] not in answers:
            answers.append(pair["answer"])
    return answers


def answer_order_new(version: QuestionVersion, *, shuffle: bool, rng: random.Random) -> dict:
    """The order each part of a question is shown in, fixed for the whole attempt."""
    data, qtype = version.data, version.qtype

    def permutation(size: int, *, force: bool = False) -> list[int]:
        order = list(range(size))
        if shuffle or force:
            rng.shuffle(order)
        return order

    if qtype in (QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_RESPONSE):
        return {"choices": permutation(len(data["choices"]))}
    if qtype == QuestionType.MATCHING:
        # Answers are always shuffled: shown in the author's order they would line up.
        graded = [i for i, pair in enumerate(data["pairs"]) if str(pair["question"]).strip()]
        rows = [graded[i] for i in permutation(len(graded))]
        return {"rows": rows, "answers": permutation(len(_unique_answers(data)), force=True)}
    if qtype == QuestionType.ORDERING:
        size = len(data["items"])
        order = permutation(size, force=True)
        while order == list(range(size)):  # the right order must never be the starting one
            rng.shuffle(order)
        return {"items": order}
    if qtype == QuestionType.HOTSPOT and hotspot_list_mode_available(data):
        # The list mode's labels, always shuffled: regions first would give the answer away.
        return {"options": permutation(len(hotspot_options(data)), force=True)}
    return {}


def hotspot_list_offered(slot: AttemptSlot) -> bool:
    return slot.question_version.qtype == QuestionType.HOTSPOT and "options" in slot.answer_order


def hotspot_in_list_mode(slot: AttemptSlot) -> bool:
    return hotspot_list_offered(slot) and slot.answer_order.get("mode") == "list"


def slot_display(slot: AttemptSlot, image_urls: dict | None = None) -> dict:
    """Everything a template needs to show a question, and nothing that says what is right."""
    version = slot.question_version
    data, qtype, shown = version.data, version.qtype, slot.answer_order
    display = {
        "order": slot.order,
        "name": f"q{slot.order}",
        "qtype": qtype,
        "stem": version.stem,
        "max_mark": slot.max_mark,
        "flagged": slot.flagged,
        "answered": slot.response is not None,
    }
    values = display["values"] = response_to_fields(slot)
    if qtype in (QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_RESPONSE):
        checked = set(values.get("choices", [])) | {values.get("choice")}
        display["choices"] = [
            {"id": pos, "text": data["choices"][index]["text"], "checked": pos in checked}
            for pos, index in enumerate(shown["choices"])
        ]
    elif qtype == QuestionType.MATCHING:
        answers = _unique_answers(data)
        display["answers"] = [
            {"id": pos, "text": answers[index]} for pos, index in enumerate(shown["answers"])
        ]
        selected = values.get("rows", {})
        display["rows"] = [
            {"id": pos, "text": data["pairs"][index]["question"], "selected": selected.get(pos)}
            for pos, index in enumerate(shown["rows"])
        ]
    elif qtype == QuestionType.ORDERING:
        places = values.get("items", {})
        display["items"] = [
            {"id": pos, "text": data["items"][index], "place": places.get(pos)}
            for pos, index in enumerate(shown["items"])
        ]
        display["positions"] = list(range(1, len(shown["items"]) + 1))
    elif qtype == QuestionType.HOTSPOT:
        display["image_url"] = (image_urls or {}).get(data.get("image"))
        display["description"] = str(data.get("description", "")).strip()
        display["list_offered"] = hotspot_list_offered(slot)
        display["list_mode"] = hotspot_in_list_mode(slot)
        if display["list_offered"]:
            labels = hotspot_options(data)
            display["options"] = [
                {"id": pos, "text": labels[index], "checked": values.get("option") == pos}
                for pos, index in enumerate(shown["options"])
            ]
    return display


def _position(value: str, size: int) -> int:
    try:
        position = int(value)
    except (TypeError, ValueError) as exc:
        raise ValidationError(RESPONSE_MALFORMED) from exc
    if not 0 <= position < size:
        raise ValidationError(RESPONSE_MALFORMED)
    return position


def _text(value: str) -> str:
    if len(value) > TEXT_LIMIT:
        raise ValidationError(TEXT_TOO_LONG, params={"limit": TEXT_LIMIT})
    return value


def _percent(value: str) -> str:
    try:
        number = Decimal(value.strip())
    except InvalidOperation as exc:
        raise ValidationError(RESPONSE_MALFORMED) from exc
    if not number.is_finite() or not 0 <= number <= 100:
        raise ValidationError(RESPONSE_MALFORMED)
    return format((number / 100).normalize(), "f")


def response_from_fields(slot: AttemptSlot, getlist: GetList):
    """The stored response for what the form sent for this slot; None when left blank."""
    version = slot.question_version
    data, qtype, shown, name = version.data, version.qtype, slot.answer_order, f"q{slot.order}"
    values = [value for value in getlist(name) if value != ""]
    if qtype == QuestionType.SINGLE_CHOICE:
        if not values:
            return None
        return shown["choices"][_position(values[0], len(shown["choices"]))]
    if qtype == QuestionType.MULTIPLE_RESPONSE:
        picked = {shown["choices"][_position(v, len(shown["choices"]))] for v in values}
        return sorted(picked) or None
    if qtype == QuestionType.TRUE_FALSE:
        if not values:
            return None
        if values[0] not in ("true", "false"):
            raise ValidationError(RESPONSE_MALFORMED)
        return values[0] == "true"
    if qtype in (QuestionType.SHORT_ANSWER, QuestionType.NUMERICAL, QuestionType.ESSAY):
        return _text(values[0]) if values and values[0].strip() else None
    if qtype == QuestionType.MATCHING:
        answers = _unique_answers(data)
        chosen = {}
        for pos, index in enumerate(shown["rows"]):
            picked = [v for v in getlist(f"{name}-{pos}") if v != ""]
            if picked:
                answer = shown["answers"][_position(picked[0], len(answers))]
                chosen[str(index)] = answers[answer]
        return chosen or None
    if qtype == QuestionType.ORDERING:
        # A draft is fine: items not yet placed leave their positions empty (None).
        size = len(shown["items"])
        positions = [(getlist(f"{name}-{pos}") or [""])[0].strip() for pos in range(size)]
        if all(p == "" for p in positions):
            return None
        by_place: list[int | None] = [None] * size
        for pos, value in enumerate(positions):
            if value == "":
                continue
            place = _position(str(int(value) - 1) if value.isdigit() else "x", size)
            if by_place[place] is not None:
                raise ValidationError(ORDER_POSITIONS, params={"position": place + 1})
            by_place[place] = shown["items"][pos]
        return by_place
    if qtype == QuestionType.HOTSPOT and hotspot_in_list_mode(slot):
        options = shown["options"]
        return {"option": options[_position(values[0], len(options))]} if values else None
    if qtype == QuestionType.HOTSPOT:
        x, y = (getlist(f"{name}-x") or [""])[0], (getlist(f"{name}-y") or [""])[0]
        if not x.strip() and not y.strip():
            return None
        return {"x": _percent(x), "y": _percent(y)}
    return None


def response_to_fields(slot: AttemptSlot) -> dict:
    """The saved response as form values, so a reload shows every saved answer."""
    response, version, shown = slot.response, slot.question_version, slot.answer_order
    qtype = version.qtype
    if response is None:
        return {}
    if qtype == QuestionType.SINGLE_CHOICE:
        return {"choice": shown["choices"].index(response)}
    if qtype == QuestionType.MULTIPLE_RESPONSE:
        return {"choices": [shown["choices"].index(i) for i in response]}
    if qtype == QuestionType.TRUE_FALSE:
        return {"answer": "true" if response else "false"}
    if qtype in (QuestionType.SHORT_ANSWER, QuestionType.NUMERICAL, QuestionType.ESSAY):
        return {"text": response}
    if qtype == QuestionType.MATCHING:
        answers = _unique_answers(version.data)
        rows = {}
        for pos, index in enumerate(shown["rows"]):
            text = response.get(str(index))
            if text in answers:
                rows[pos] = shown["answers"].index(answers.index(text))
        return {"rows": rows}
    if qtype == QuestionType.ORDERING:
        return {
            "items": {
                shown["items"].index(index): place + 1
                for place, index in enumerate(response)
                if index is not None
            }
        }
    if qtype == QuestionType.HOTSPOT and "option" in response:
        options = shown.get("options", [])
        if response["option"] not in options:
            return {}
        return {"option": options.index(response["option"])}
    if qtype == QuestionType.HOTSPOT:
        return {
            "x": format((Decimal(response["x"]) * 100).normalize(), "f"),
            "y": format((Decimal(response["y"]) * 100).normalize(), "f"),
        }
    return {}
