"""Turn gift-pegjs's expected JSON and our parse into one comparable shape.

Whitespace runs are compared as one space: pegjs joins continued lines inconsistently
(sometimes with a space, sometimes a newline), while Moodle trims each line and joins with
a newline; neither choice changes what a question says.
"""

from decimal import Decimal


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dict):
        value = value["text"]
    return " ".join(str(value).split())


def _fraction(choice: dict, default_correct: Decimal) -> Decimal:
    if choice["weight"] is not None:
        return Decimal(str(choice["weight"])) / 100
    return default_correct if choice["isCorrect"] else Decimal(0)


def _number(spec: dict) -> tuple:
    kind = spec["type"]
    if kind == "simple":
        return ("value", Decimal(str(spec["number"])), Decimal(0))
    if kind == "range":
        return ("value", Decimal(str(spec["number"])), Decimal(str(spec["range"])))
    if kind == "high-low":
        return ("range", Decimal(str(spec["numberLow"])), Decimal(str(spec["numberHigh"])))
    return ("value", "*", None)


def from_pegjs(question: dict) -> dict:
    kind = question["type"]
    if kind == "Category":
        return {"type": "category", "category": question["title"]}
    common = {
        "title": question["title"],
        "stem": (question["stem"]["format"], _text(question["stem"])),
        "general_feedback": _text(question.get("globalFeedback")),
        "idnumber": question["id"] or "",
        "tags": question["tags"] or [],
    }
    if kind == "MC":
        any_correct = any(choice["isCorrect"] for choice in question["choices"])
        answers = [
            (_text(c["text"]), _fraction(c, Decimal(1)), _text(c["feedback"]))
            for c in question["choices"]
        ]
        return common | {
            "type": "single_choice" if any_correct else "multiple_response",
            "answers": answers,
        }
    if kind == "Short":
        answers = [
            (_text(c["text"]), _fraction(c, Decimal(1)), _text(c["feedback"]))
            for c in question["choices"]
        ]
        return common | {"type": "short_answer", "answers": answers}
    if kind == "TF":
        answers = [
            question["isTrue"],
            _text(question["trueFeedback"]),
            _text(question["falseFeedback"]),
        ]
        return common | {"type": "true_false", "answers": answers}
    if kind == "Numerical":
        choices = question["choices"]
        if isinstance(choices, dict):
            answers = [(_number(choices), Decimal(1), "")]
        else:
            answers = []
            for c in choices:
                if "type" in c["text"]:
                    answers.append(
                        (_number(c["text"]), _fraction(c, Decimal(1)), _text(c["feedback"]))
                    )
                else:  # {"text": "*"}: Moodle's catch-all wrong answer
                    answers.append((("value", "*", None), Decimal(0), _text(c["feedback"])))
        return common | {"type": "numerical", "answers": answers}
    if kind == "Matching":
        answers = [(_text(p["subquestion"]), _text(p["subanswer"])) for p in question["matchPairs"]]
        return common | {"type": "matching", "answers": answers}
    return common | {"type": kind.lower(), "answers": None}


def _our_number(answer: dict) -> tuple:
    if "min" in answer:
        return ("range", answer["min"], answer["max"])
    if answer["value"] == "*":
        return ("value", "*", None)
    return ("value", answer["value"], answer["tolerance"])


def from_ours(question: dict) -> dict:
    kind = question["type"]
    if kind == "category":
        return {"type": "category", "category": question["category"]}
    data = question["data"]
    common = {
        "title": question["name"] if question["name_given"] else None,
        "stem": (question["stem"]["format"], _text(question["stem"])),
        "general_feedback": _text(question["general_feedback"]),
        "idnumber": question["idnumber"],
        "tags": question["tags"],
        "type": kind,
    }
    if kind in ("single_choice", "multiple_response"):
        answers = [(_text(c["text"]), c["fraction"], _text(c["feedback"])) for c in data["choices"]]
    elif kind == "short_answer":
        answers = [(_text(a["text"]), a["fraction"], _text(a["feedback"])) for a in data["answers"]]
    elif kind == "true_false":
        answers = [data["correct"], _text(data["feedback_true"]), _text(data["feedback_false"])]
    elif kind == "numerical":
        answers = [(_our_number(a), a["fraction"], _text(a["feedback"])) for a in data["answers"]]
    elif kind == "matching":
        answers = [(_text(p["question"]), _text(p["answer"])) for p in data["pairs"]]
    else:
        answers = None
    return common | {"answers": answers}
