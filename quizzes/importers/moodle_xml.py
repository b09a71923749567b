"""Moodle XML (question/format/xml) import: the common question types and categories.

Parsed with expat directly so that every element knows its line, and so that a DOCTYPE
(and with it any entity declaration, the way to billion-laughs and external entities) is
refused before anything is expanded. Output has the same shape as quizzes.importers.gift.
"""

import xml.etree.ElementTree as ET
from decimal import Decimal, InvalidOperation
from xml.parsers import expat

from quizzes.importers.errors import MoodleXmlError
from quizzes.importers.gift import default_name

DOCTYPE_REFUSED = "a DOCTYPE is not allowed in a question file"
NOT_A_QUIZ = "the root element must be <quiz>"
UNSUPPORTED_TYPE = "question type {qtype!r} is not supported, skipped"
BAD_NUMBER = "<{tag}> must be a number, not {value!r}"
NO_ANSWERS = "a {qtype} question needs answers"
_FORMATS = {"html": "html", "moodle_auto_format": "moodle", "plain_text": "plain"}
_FORMATS["markdown"] = "markdown"
_TRUE_WORDS = {"true", "1"}


class _Tree:
    """ElementTree elements built by expat, with the line of each start tag."""

    def __init__(self, text: str):
        self.lines: dict[int, int] = {}
        self.root = None
        self.stack: list[ET.Element] = []
        parser = expat.ParserCreate()
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        parser.StartDoctypeDeclHandler = self.doctype
        parser.EntityDeclHandler = self.doctype
        parser.StartElementHandler = self.start
        parser.EndElementHandler = self.end
        parser.CharacterDataHandler = self.data
        self.parser = parser
        try:
            parser.Parse(text.lstrip("\ufeff"), True)
        except expat.ExpatError as exc:
            raise MoodleXmlError(exc.lineno, expat.errors.messages[exc.code]) from exc

    def doctype(self, *args):
        raise MoodleXmlError(self.parser.CurrentLineNumber, DOCTYPE_REFUSED)

    def start(self, tag, attrs):
        element = ET.Element(tag, attrs)
        self.lines[id(element)] = self.parser.CurrentLineNumber
        if self.stack:
            self.stack[-1].append(element)
        else:
            self.root = element
        self.stack.append(element)

    def end(self, tag):
        self.stack.pop()

    def data(self, text):
        element = self.stack[-1]
        if len(element):
            element[-1].tail = (element[-1].tail or "") + text
        else:
            element.text = (element.text or "") + text


def _text(element, default_format: str = "moodle") -> dict:
    if element is None:
        return {"text": "", "format": default_format}
    fmt = _FORMATS.get(element.get("format", ""), default_format)
    return {"text": (element.findtext("text") or "").strip(), "format": fmt}


class _Reader:
    def __init__(self, tree: _Tree):
        self.tree = tree

    def line(self, element) -> int:
        return self.tree.lines.get(id(element), 1)

    def number(self, element, tag: str, default: str | None = None) -> Decimal:
        node = element.find(tag)
        raw = (node.text or "").strip() if node is not None else default
        try:
            value = Decimal(raw)
        except (InvalidOperation, TypeError):
            value = None
        if value is None or not value.is_finite():
            where = node if node is not None else element
            raise MoodleXmlError(self.line(where), BAD_NUMBER.format(tag=tag, value=raw))
        return value

    def fraction(self, answer) -> Decimal:
        raw = answer.get("fraction", "0")
        try:
            return Decimal(raw) / 100
        except InvalidOperation as exc:
            reason = BAD_NUMBER.format(tag="answer fraction", value=raw)
            raise MoodleXmlError(self.line(answer), reason) from exc

    def answers(self, question, qtype: str) -> list:
        answers = question.findall("answer")
        if not answers:
            raise MoodleXmlError(self.line(question), NO_ANSWERS.format(qtype=qtype))
        return answers

    def question(self, element) -> dict:
        qtype = element.get("type", "")
        line = self.line(element)
        if qtype == "category":
            return {
                "type": "category",
                "category": element.findtext("category/text", ""),
                "line": line,
            }
        handler = getattr(self, f"read_{qtype}", None)
        if handler is None:
            return {"type": "skipped", "line": line, "reason": UNSUPPORTED_TYPE.format(qtype=qtype)}
        stem = _text(element.find("questiontext"))
        name = (element.findtext("name/text") or "").strip()
        kind, data = handler(element, stem["format"])
        mark = element.find("defaultgrade")
        tags = [(tag.findtext("text") or "").strip() for tag in element.findall("tags/tag")]
        return {
            "type": kind,
            "name": name or default_name(stem["text"]),
            "name_given": bool(name),
            "stem": stem,
            "general_feedback": _text(element.find("generalfeedback"), stem["format"]),
            "idnumber": (element.findtext("idnumber") or "").strip(),
            "tags": [tag for tag in tags if tag],
            "line": line,
            "data": data,
            **({"default_mark": self.number(element, "defaultgrade")} if mark is not None else {}),
        }

    def read_multichoice(self, question, fmt):
        single = (question.findtext("single") or "true").strip().lower() in _TRUE_WORDS
        choices = [
            {
                "text": _text(answer, fmt),
                "fraction": self.fraction(answer),
                "feedback": _text(answer.find("feedback"), fmt),
            }
            for answer in self.answers(question, "multichoice")
        ]
        return ("single_choice" if single else "multiple_response"), {"choices": choices}

    def read_truefalse(self, question, fmt):
        result = {
            "correct": True,
            "feedback_true": _text(None, fmt),
            "feedback_false": _text(None, fmt),
        }
        for answer in self.answers(question, "truefalse"):
            is_true = (answer.findtext("text") or "").strip().lower() == "true"
            result["feedback_true" if is_true else "feedback_false"] = _text(
                answer.find("feedback"), fmt
            )
            if self.fraction(answer) == 1:
                result["correct"] = is_true
        return "true_false", result

    def read_shortanswer(self, question, fmt):
        answers = [
            {
                "text": (answer.findtext("text") or "").strip(),
                "fraction": self.fraction(answer),
                "feedback": _text(answer.find("feedback"), fmt),
            }
            for answer in self.answers(question, "shortanswer")
        ]
        case_sensitive = (question.findtext("usecase") or "0").strip() == "1"
        return "short_answer", {"answers": answers, "case_sensitive": case_sensitive}

    def read_numerical(self, question, fmt):
        answers = []
        for answer in self.answers(question, "numerical"):
            value = (answer.findtext("text") or "").strip()
            item = {
                "fraction": self.fraction(answer),
                "feedback": _text(answer.find("feedback"), fmt),
            }
            if value == "*":
                item["value"] = "*"
            else:
                item["value"] = self.number(answer, "text")
                item["tolerance"] = self.number(answer, "tolerance", "0")
            answers.append(item)
        units = [
            {
                "unit": (unit.findtext("unit_name") or "").strip(),
                "multiplier": self.number(unit, "multiplier"),
            }
            for unit in question.findall("units/unit")
        ]
        return "numerical", {"answers": answers, "units": units}

    def read_matching(self, question, fmt):
        pairs = [
            {"question": _text(sub, fmt), "answer": (sub.findtext("answer/text") or "").strip()}
            for sub in question.findall("subquestion")
        ]
        return "matching", {"pairs": pairs}

    def read_essay(self, question, fmt):
        return "essay", {}

    def read_description(self, question, fmt):
        return "description", {}


def parse_moodle_xml(text: str) -> list[dict]:
    tree = _Tree(text)
    if tree.root is None or tree.root.tag != "quiz":
        raise MoodleXmlError(1, NOT_A_QUIZ)
    reader = _Reader(tree)
    return [reader.question(element) for element in tree.root.findall("question")]
