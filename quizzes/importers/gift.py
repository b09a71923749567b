"""A GIFT parser with Moodle's semantics (question/format/gift/format.php, readquestion).

Questions are separated by blank lines; each line is trimmed, lines starting with // are
comments (which may carry [id:...] and [tag:...]). The first { and the first } delimit the
answers; a question whose text continues after the } gets a "_____" blank where they were.
Texts are returned as {"text", "format"} with format one of moodle, html, plain, markdown.

parse_gift(text) returns a list of dicts: {"type": "category", "category", "line"} or
{"type", "name", "name_given", "stem", "general_feedback", "idnumber", "tags", "line",
"data"}; see quizzes.question_data for the meaning of each type's data.
"""

import re
from decimal import Decimal, InvalidOperation

from quizzes.importers.errors import GiftSyntaxError

BRACE_ERROR = "a { or a } is missing (escape a literal one as \\{ or \\})"
BRACES_REVERSED = "a } comes before the {"
TOO_FEW_CHOICES = "a multiple-choice question needs at least 2 answers"
TOO_FEW_PAIRS = "a matching question needs at least 2 pairs"
PAIR_WITHOUT_ARROW = "each matching answer needs a ->"
NO_ANSWERS = "a short-answer question needs at least 1 answer"
NO_NUMERICAL_ANSWERS = "a numerical question needs at least 1 answer"
NOT_A_NUMBER = "{value!r} is not a number"
EMPTY_CHOICE = "an answer is empty"

FORMATS = ("moodle", "html", "plain", "markdown")
BLANK = "_____"
_ESCAPES = {"\\:": ":", "\\#": "#", "\\=": "=", "\\{": "{", "\\}": "}", "\\~": "~", "\\n": "\n"}
# Private-use characters stand in for escaped ones while the control characters are parsed.
_HOLD = {escape: chr(0xE000 + i) for i, escape in enumerate(_ESCAPES)}
_RELEASE = {_HOLD[escape]: char for escape, char in _ESCAPES.items()}
_BACKSLASH = chr(0xE0FF)
_WEIGHT = re.compile(r"^%-*([0-9]{1,2})\.?([0-9]*)%")
_ID = re.compile(r"\[id:((?:\\\]|[^\]\x00-\x1f\x7f])+)\]")
_TAG = re.compile(r"\[tag:((?:\\\]|[^\]<>`\x00-\x1f\x7f])+)\]")
_TRUE_FALSE = {"T": True, "TRUE": True, "F": False, "FALSE": False}


def hold_escapes(text: str) -> str:
    text = text.replace("\\\\", _BACKSLASH)
    for escape, sentinel in _HOLD.items():
        text = text.replace(escape, sentinel)
    return text.replace(_BACKSLASH, "\\")


def release_escapes(text: str) -> str:
    for sentinel, char in _RELEASE.items():
        text = text.replace(sentinel, char)
    return text


def text_with_format(text: str, default: str = "moodle") -> dict:
    """Moodle's parse_text_with_format: an optional leading [format] marker, then the text."""
    fmt = default
    if text.startswith("["):
        end = text.find("]")
        if end > 0 and text[1:end] in FORMATS:
            fmt, text = text[1:end], text[end + 1 :]
    return {"text": release_escapes(text).strip(), "format": fmt}


def ids_and_tags(comments: str) -> tuple[str, list[str]]:
    match = _ID.search(comments)
    idnumber = match.group(1).strip().replace("\\]", "]") if match else ""
    tags = [raw.strip().replace("\\]", "]") for raw in _TAG.findall(comments)]
    return idnumber, [tag for tag in tags if tag]


def default_name(stem_text: str) -> str:
    """Moodle names an unnamed question after the start of its text (80 characters)."""
    plain = " ".join(re.sub(r"<[^>]*>", " ", stem_text).split())
    if len(plain) <= 80:
        return plain or "Question"
    cut = plain[:77].rsplit(" ", 1)[0]
    return cut + "..."


def split_blocks(source: str):
    """Yield (first line number, trimmed lines) for each run of non-blank lines."""
    block, start = [], 0
    lines = source.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for number, line in enumerate(lines, start=1):
        line = line.strip()
        if line:
            if not block:
                start = number
            block.append(line)
        elif block:
            yield start, block
            block = []
    if block:
        yield start, block


def parse_gift(source: str) -> list[dict]:
    questions = []
    for start, lines in split_blocks(source):
        question = _Block(start, lines).parse()
        if question is not None:
            questions.append(question)
    return questions


def _weight(answer: str) -> tuple[Decimal | None, str]:
    """A leading %NN% weight as a fraction, and the answer without it."""
    if not _WEIGHT.match(answer):
        return None, answer
    end = answer.index("%", 1)
    return Decimal(answer[1:end]) / 100, answer[end + 1 :]


class _Block:
    def __init__(self, start: int, lines: list[str]):
        self.comments = "\n".join(line for line in lines if line.startswith("//"))
        lead = next((i for i, line in enumerate(lines) if not line.startswith("//")), 0)
        self.start = start + lead  # errors point at the question, not its comments
        body = lines[lead:]
        self.text = "\n".join(" " if line.startswith("//") else line for line in body).strip()
        self.cut = 0  # characters removed from the front of self.text (the name)

    def error(self, reason: str, position: int | None = None) -> GiftSyntaxError:
        line = self.start
        if position is not None:
            line += self.full[: position + self.cut].count("\n")
        return GiftSyntaxError(line, reason)

    def parse(self) -> dict | None:
        if not self.text:
            return None
        text = self.full = hold_escapes(self.text)
        if text.startswith("$CATEGORY:"):
            category = release_escapes(text[len("$CATEGORY:") :]).strip()
            return {"type": "category", "category": category, "line": self.start}
        name = None
        if text.startswith("::"):
            text = text[2:]
            finish = text.find("::")
            if finish >= 0:
                name = " ".join(release_escapes(text[:finish]).split())
                text = text[finish + 2 :].strip()
            self.cut = len(self.full) - len(text)
        return self.question(text, name)

    def question(self, text: str, name: str | None) -> dict:
        start, finish = text.find("{"), text.find("}")
        description = start < 0 and finish < 0
        if description:
            answers, stem = "", text
        elif start < 0 or finish < 0:
            raise self.error(BRACE_ERROR, start if start >= 0 else finish)
        elif finish < start:
            raise self.error(BRACES_REVERSED, finish)
        else:
            answers = text[start + 1 : finish].strip()
            blank = "" if text.endswith("}") else BLANK
            stem = text[:start] + blank + text[finish + 1 :]
        general = ""
        separator = answers.rfind("####")
        if separator >= 0:
            general, answers = answers[separator + 4 :], answers[:separator].strip()
        stem = text_with_format(stem)
        fmt = stem["format"]
        idnumber, tags = ids_and_tags(self.comments)
        qtype, data = self.answers(answers, fmt, description, start)
        return {
            "type": qtype,
            "name": name or default_name(stem["text"]),
            "name_given": bool(name),
            "stem": stem,
            "general_feedback": text_with_format(general, fmt),
            "idnumber": idnumber,
            "tags": tags,
            "line": self.start,
            "data": data,
        }

    def answers(self, answers: str, fmt: str, description: bool, where: int):
        if description:
            return "description", {}
        if answers == "":
            return "essay", {}
        if answers.startswith("#"):
            return "numerical", self.numerical(answers[1:], fmt, where)
        if "~" in answers:
            qtype = "single_choice" if "=" in answers else "multiple_response"
            return qtype, self.choices(answers, fmt, where)
        if "=" in answers and "->" in answers:
            return "matching", self.matching(answers, fmt, where)
        check = answers.split("#", 1)[0].strip() if answers.find("#") > 0 else answers
        if check in _TRUE_FALSE:
            return "true_false", self.true_false(answers, fmt)
        return "short_answer", self.short_answer(answers, fmt, where)

    @staticmethod
    def comment(answer: str, fmt: str) -> tuple[dict, dict]:
        text, _, feedback = answer.partition("#")
        return text_with_format(text.strip(), fmt), text_with_format(feedback.strip(), fmt)

    @staticmethod
    def split(answers: str, separator: str) -> list[str]:
        parts = answers.split(separator)
        if not parts[0].strip():
            parts.pop(0)
        return [part.strip() for part in parts]

    def choices(self, answers: str, fmt: str, where: int) -> dict:
        choices = []
        for answer in self.split(answers.replace("=", "~="), "~"):
            if not answer:
                raise self.error(EMPTY_CHOICE, where)
            if answer.startswith("="):
                fraction, answer = Decimal(1), answer[1:]
            else:
                weight, answer = _weight(answer)
                fraction = Decimal(0) if weight is None else weight
            text, feedback = self.comment(answer, fmt)
            choices.append({"text": text, "fraction": fraction, "feedback": feedback})
        if len(choices) < 2:
            raise self.error(TOO_FEW_CHOICES, where)
        return {"choices": choices}

    def matching(self, answers: str, fmt: str, where: int) -> dict:
        pairs = []
        for answer in self.split(answers, "="):
            if "->" not in answer:
                raise self.error(PAIR_WITHOUT_ARROW, where)
            question, _, match = answer.partition("->")
            pairs.append(
                {
                    "question": text_with_format(question.strip(), fmt),
                    "answer": release_escapes(match).strip(),
                }
            )
        if len(pairs) < 2:
            raise self.error(TOO_FEW_PAIRS, where)
        return {"pairs": pairs}

    def true_false(self, answers: str, fmt: str) -> dict:
        parts = [*answers.split("#", 2), "", ""]
        correct = _TRUE_FALSE[text_with_format(parts[0].strip(), fmt)["text"]]
        wrong = text_with_format(parts[1].strip(), fmt)
        right = text_with_format(parts[2].strip(), fmt)
        return {
            "correct": correct,
            "feedback_true": right if correct else wrong,
            "feedback_false": wrong if correct else right,
        }

    def short_answer(self, answers: str, fmt: str, where: int) -> dict:
        accepted = []
        for answer in self.split(answers, "="):
            weight, answer = _weight(answer)
            text, feedback = self.comment(answer, fmt)
            accepted.append(
                {
                    "text": text["text"],
                    "fraction": Decimal(1) if weight is None else weight,
                    "feedback": feedback,
                }
            )
        if not accepted:
            raise self.error(NO_ANSWERS, where)
        return {"answers": accepted, "case_sensitive": False}

    def numerical(self, answers: str, fmt: str, where: int) -> dict:
        wrong_feedback = ""
        if "~" in answers:
            answers, wrong_feedback = answers.split("~", 1)
            wrong_feedback = "~" + wrong_feedback
        parsed = []
        for answer in self.split(answers, "="):
            weight, answer = _weight(answer)
            text, feedback = self.comment(answer, fmt)
            parsed.append(
                self.number(text["text"], where)
                | {"fraction": Decimal(1) if weight is None else weight, "feedback": feedback}
            )
        if not parsed:
            raise self.error(NO_NUMERICAL_ANSWERS, where)
        if wrong_feedback:
            _, feedback = self.comment(wrong_feedback, fmt)
            parsed.append({"value": "*", "fraction": Decimal(0), "feedback": feedback})
        return {"answers": parsed, "units": []}

    def number(self, text: str, where: int) -> dict:
        if text.find("..") > 0:
            low, _, high = text.partition("..")
            return {"min": self.decimal(low, where), "max": self.decimal(high, where)}
        if text.find(":") > 0:
            value, _, tolerance = text.partition(":")
            return {
                "value": self.decimal(value, where),
                "tolerance": self.decimal(tolerance, where),
            }
        if text == "*":
            return {"value": "*"}
        return {"value": self.decimal(text, where), "tolerance": Decimal(0)}

    def decimal(self, text: str, where: int) -> Decimal:
        try:
            number = Decimal(text.strip())
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite():
            raise self.error(NOT_A_NUMBER.format(value=text.strip()), where)
        return number
