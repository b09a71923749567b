"""The shape of QuestionVersion.data for each question type, checked before a version is saved.

Fractions and numbers are stored as strings so JSON keeps them exact (Decimal("0.3333333")).

single_choice / multiple_response: {"choices": [{"text", "fraction", "feedback"}]}
true_false:   {"correct": bool, "feedback_true", "feedback_false"}
short_answer: {"answers": [{"text", "fraction", "feedback"}], "case_sensitive": bool}
numerical:    {"answers": [{"value", "tolerance" | "min", "max", "fraction", "feedback"}],
               "units": [{"unit", "multiplier"}]}      value "*" matches any number
matching:     {"pairs": [{"question", "answer"}]}       an empty question is a distractor
ordering:     {"items": [text, ...]}                    in the correct order
hotspot:      {"image": id or "", "regions": [{"shape": "circle", "cx", "cy", "r"} |
               {"shape": "polygon", "points": [[x, y], ...]}, + "fraction", "feedback",
               "label"]}, "description", "distractors": [label, ...]}
              The text alternative (issue 20): "description" says what the image shows, each
              region's "label" names its area, "distractors" name wrong areas. A learner who
              cannot use the image chooses among labels + distractors: a label scores its
              region's fraction, a distractor 0. Data without these keys stays valid.
essay / description: {}

Feedback fields hold HTML; every other string is plain text that templates escape.
clean_question_data() enforces that on every version written.
"""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError

from cms.sanitize import plain_text, sanitize_html
from quizzes.models import QuestionType

DATA_NOT_OBJECT = "Question data must be an object."
DATA_MISSING_KEY = "Question data needs %(key)s."
DATA_BAD_FRACTION = "A fraction must be a number from -1 to 1."
DATA_BAD_NUMBER = "%(field)s must be a finite number."
DATA_TOO_FEW = "A %(qtype)s question needs at least %(count)s %(what)s."
DATA_NO_CREDIT = "At least one answer must give credit."
DATA_BAD_SHAPE = "A hotspot region must be a circle or a polygon of at least 3 points."
DATA_OUTSIDE_IMAGE = "Hotspot coordinates are fractions of the image, from 0 to 1."
DATA_LABEL_MISSING = (
    "Every region needs a label naming its area when the image has a text description "
    "(region %(number)s has none)."
)
DATA_LABEL_REPEATED = (
    "Region labels and distractors must all differ: “%(label)s” is given twice "
    "(upper and lower case count as the same)."
)
DATA_DISTRACTORS_NOT_LIST = "Distractors must be a list of labels."
DATA_DISTRACTOR_BLANK = "A distractor cannot be blank."
DATA_TEXT_ALTERNATIVE_MISSING = "Write a description of the image and label every region."
# The accessible list mode needs at least this many wrong labels to be a real choice.
RECOMMENDED_DISTRACTORS = 2

_ONE = Decimal(1)
# The keys whose text is shown as HTML (feedback after an attempt), at any depth.
HTML_KEYS = frozenset({"feedback", "feedback_true", "feedback_false"})


def clean_question_data(data, *, is_html: bool = False):
    """`data` with each feedback string sanitised as HTML and every other string made plain
    text, trimmed as the importers trim it. Unknown keys are cleaned too, so a field added
    later is never stored raw."""
    if isinstance(data, dict):
        return {key: clean_question_data(value, is_html=key in HTML_KEYS)
                for key, value in data.items()}  # fmt: skip
    if isinstance(data, list):
        return [clean_question_data(item, is_html=is_html) for item in data]
    if isinstance(data, str):
        return sanitize_html(data) if is_html else plain_text(data).strip()
    return data


def to_decimal(value, field: str = "A value") -> Decimal:
    if isinstance(value, bool):
        raise ValidationError(DATA_BAD_NUMBER, params={"field": field})
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError(DATA_BAD_NUMBER, params={"field": field}) from exc
    if not number.is_finite():
        raise ValidationError(DATA_BAD_NUMBER, params={"field": field})
    return number


def _fraction(item: dict) -> Decimal:
    try:
        fraction = to_decimal(item.get("fraction", "0"))
    except ValidationError as exc:
        raise ValidationError(DATA_BAD_FRACTION) from exc
    if not -_ONE <= fraction <= _ONE:
        raise ValidationError(DATA_BAD_FRACTION)
    return fraction


def _list(data: dict, key: str, qtype: str, minimum: int, what: str) -> list:
    items = data.get(key)
    if not isinstance(items, list):
        raise ValidationError(DATA_MISSING_KEY, params={"key": key})
    if len(items) < minimum:
        raise ValidationError(DATA_TOO_FEW, params={"qtype": qtype, "count": minimum, "what": what})
    if not all(isinstance(item, dict | str) for item in items):
        raise ValidationError(DATA_MISSING_KEY, params={"key": key})
    return items


def _choices(data, qtype):
    choices = _list(data, "choices", qtype, 2, "choices")
    if max(_fraction(choice) for choice in choices) <= 0:
        raise ValidationError(DATA_NO_CREDIT)


def _true_false(data, qtype):
    if not isinstance(data.get("correct"), bool):
        raise ValidationError(DATA_MISSING_KEY, params={"key": "correct"})


def _short_answer(data, qtype):
    answers = _list(data, "answers", qtype, 1, "answer")
    for answer in answers:
        _fraction(answer)
        if not str(answer.get("text", "")).strip():
            raise ValidationError(DATA_MISSING_KEY, params={"key": "answer text"})
    if max(_fraction(answer) for answer in answers) <= 0:
        raise ValidationError(DATA_NO_CREDIT)


def _numerical(data, qtype):
    answers = _list(data, "answers", qtype, 1, "answer")
    for answer in answers:
        _fraction(answer)
        if "min" in answer or "max" in answer:
            to_decimal(answer.get("min"), "min")
            to_decimal(answer.get("max"), "max")
        elif answer.get("value") != "*":
            to_decimal(answer.get("value"), "value")
            to_decimal(answer.get("tolerance", "0"), "tolerance")
    if max(_fraction(answer) for answer in answers) <= 0:
        raise ValidationError(DATA_NO_CREDIT)
    for unit in data.get("units", []):
        if not str(unit.get("unit", "")).strip() or to_decimal(unit.get("multiplier")) == 0:
            raise ValidationError(DATA_MISSING_KEY, params={"key": "unit and multiplier"})


def _matching(data, qtype):
    pairs = _list(data, "pairs", qtype, 2, "pairs")
    if sum(1 for pair in pairs if str(pair.get("question", "")).strip()) < 2:
        raise ValidationError(
            DATA_TOO_FEW, params={"qtype": qtype, "count": 2, "what": "sub-questions"}
        )


def _ordering(data, qtype):
    _list(data, "items", qtype, 2, "items")


def _coordinate(value) -> Decimal:
    number = to_decimal(value, "A coordinate")
    if not 0 <= number <= 1:
        raise ValidationError(DATA_OUTSIDE_IMAGE)
    return number


def _hotspot(data, qtype):
    regions = _list(data, "regions", qtype, 1, "region")
    for region in regions:
        _fraction(region)
        if region.get("shape") == "circle":
            _coordinate(region.get("cx"))
            _coordinate(region.get("cy"))
            if to_decimal(region.get("r"), "radius") <= 0:
                raise ValidationError(DATA_BAD_SHAPE)
        elif region.get("shape") == "polygon":
            points = region.get("points")
            if not isinstance(points, list) or len(points) < 3:
                raise ValidationError(DATA_BAD_SHAPE)
            for point in points:
                if not isinstance(point, list | tuple) or len(point) != 2:
                    raise ValidationError(DATA_BAD_SHAPE)
                _coordinate(point[0])
                _coordinate(point[1])
        else:
            raise ValidationError(DATA_BAD_SHAPE)
    if max(_fraction(region) for region in regions) <= 0:
        raise ValidationError(DATA_NO_CREDIT)
    _hotspot_text_alternative(data, regions)


def _hotspot_text_alternative(data: dict, regions: list[dict]) -> None:
    """With a description, every region is labelled and no label is given twice, so the
    accessible list mode can offer each one exactly once."""
    distractors = data.get("distractors", [])
    if not isinstance(distractors, list) or not all(isinstance(d, str) for d in distractors):
        raise ValidationError(DATA_DISTRACTORS_NOT_LIST)
    if not str(data.get("description", "")).strip():
        return
    seen: set[str] = set()
    for number, region in enumerate(regions, start=1):
        if not str(region.get("label", "")).strip():
            raise ValidationError(DATA_LABEL_MISSING, params={"number": number})
    labels = [str(region["label"]) for region in regions] + list(distractors)
    for label in labels:
        key = " ".join(label.split()).casefold()
        if not key:
            raise ValidationError(DATA_DISTRACTOR_BLANK)
        if key in seen:
            raise ValidationError(DATA_LABEL_REPEATED, params={"label": label.strip()})
        seen.add(key)


def hotspot_has_text_alternative(data) -> bool:
    """Whether a hotspot's data carries what the accessible list mode needs: a description
    and a label on every region (checked as valid by _hotspot when it was saved)."""
    if not isinstance(data, dict) or not str(data.get("description", "")).strip():
        return False
    regions = data.get("regions") or []
    return bool(regions) and all(str(r.get("label", "")).strip() for r in regions)


def _nothing(data, qtype):
    pass


_VALIDATORS = {
    QuestionType.SINGLE_CHOICE: _choices,
    QuestionType.MULTIPLE_RESPONSE: _choices,
    QuestionType.TRUE_FALSE: _true_false,
    QuestionType.SHORT_ANSWER: _short_answer,
    QuestionType.NUMERICAL: _numerical,
    QuestionType.MATCHING: _matching,
    QuestionType.ORDERING: _ordering,
    QuestionType.HOTSPOT: _hotspot,
    QuestionType.ESSAY: _nothing,
    QuestionType.DESCRIPTION: _nothing,
}


def validate_question_data(qtype: str, data) -> None:
    """Raise ValidationError unless `data` has the shape `qtype` needs."""
    if not isinstance(data, dict):
        raise ValidationError(DATA_NOT_OBJECT)
    _VALIDATORS[QuestionType(qtype)](data, QuestionType(qtype).label.lower())
