"""What a student sees after submitting, as far as the quiz's review option allows."""

from quizzes.models import AttemptSlot, QuestionType, QuizPage, ReviewOption
from quizzes.responses import slot_display
from quizzes.services.grading import NotAutoGradedError, response_grade


def right_answer_text(qtype: str, data: dict) -> str:
    if qtype == QuestionType.SINGLE_CHOICE:
        best = max(data["choices"], key=lambda c: float(c.get("fraction", 0)))
        return best["text"]
    if qtype == QuestionType.MULTIPLE_RESPONSE:
        return "; ".join(c["text"] for c in data["choices"] if float(c.get("fraction", 0)) > 0)
    if qtype == QuestionType.TRUE_FALSE:
        return "True" if data["correct"] else "False"
    if qtype == QuestionType.SHORT_ANSWER:
        best = max(data["answers"], key=lambda a: float(a.get("fraction", 0)))
        return best["text"]
    if qtype == QuestionType.NUMERICAL:
        best = max(data["answers"], key=lambda a: float(a.get("fraction", 0)))
        if "min" in best:
            return f"{best['min']} to {best['max']}"
        tolerance = best.get("tolerance", "0")
        return best["value"] if str(tolerance) in ("0", "") else f"{best['value']} ± {tolerance}"
    if qtype == QuestionType.MATCHING:
        return "; ".join(
            f"{p['question']} → {p['answer']}" for p in data["pairs"] if str(p["question"]).strip()
        )
    if qtype == QuestionType.ORDERING:
        return " → ".join(data["items"])
    if qtype == QuestionType.HOTSPOT:
        return "The area outlined on the image."
    return ""


def review_items(*, quiz: QuizPage, slots: list[AttemptSlot], image_urls: dict) -> list[dict]:
    option = quiz.review
    if option == ReviewOption.SCORE:
        return []
    items = []
    for slot in slots:
        version = slot.question_version
        item = {
            "question": slot_display(slot, image_urls),
            "mark": slot.mark,
            "max_mark": slot.max_mark,
            "answered": slot.response is not None,
            "disabled": True,
        }
        if option == ReviewOption.FULL:
            try:
                grade = response_grade(
                    qtype=version.qtype, data=version.data, response=slot.response
                )
                item["feedback"] = grade.feedback
            except NotAutoGradedError:
                item["feedback"] = []
            item["right_answer"] = right_answer_text(version.qtype, version.data)
            item["general_feedback"] = version.general_feedback
            if version.qtype == QuestionType.HOTSPOT:
                item["regions"] = _regions_svg(version.data)
        items.append(item)
    return items


def _regions_svg(data: dict) -> list[dict]:
    """Regions in SVG units (0..100), drawn over the image in review only."""
    shapes = []
    for region in data.get("regions", []):
        if region["shape"] == "circle":
            shapes.append(
                {
                    "shape": "circle",
                    "cx": float(region["cx"]) * 100,
                    "cy": float(region["cy"]) * 100,
                    "r": float(region["r"]) * 100,
                }
            )
        else:
            points = " ".join(f"{float(x) * 100},{float(y) * 100}" for x, y in region["points"])
            shapes.append({"shape": "polygon", "points": points})
    return shapes
