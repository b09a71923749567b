"""Write stored questions as GIFT, the way Moodle's writequestion does.

Stems and feedback are stored as HTML and answer texts as plain text that the importer's
HTML reading gives back unchanged, so the stem carries [html] and the rest inherit it.
GIFT cannot say everything: short-answer case sensitivity and numerical units are
dropped, and ordering and hotspot questions are left out with a comment saying so.
"""

from decimal import Decimal

from quizzes.models import Question, QuestionType

_RESERVED = [("\\", "\\\\"), ("#", "\\#"), ("=", "\\="), ("~", "\\~"), ("{", "\\{")]
_RESERVED += [("}", "\\}"), (":", "\\:"), ("\n", "\\n"), ("\r", "")]
NOT_IN_GIFT = "// question: {pk}  name: {name} -- left out: GIFT has no {qtype} questions\n\n"


def escape(text: str) -> str:
    for char, escaped in _RESERVED:
        text = text.replace(char, escaped)
    return text


def _weight(fraction) -> str:
    return format((Decimal(str(fraction)) * 100).normalize(), "f")


def _feedback(text: str) -> str:
    return f"#{escape(text)}" if text else ""


def _choices(data: dict, single: bool) -> list[str]:
    lines = []
    for choice in data["choices"]:
        fraction = Decimal(str(choice["fraction"]))
        if single and fraction == 1:
            mark = "="
        elif fraction == 0:
            mark = "~"
        else:
            mark = f"~%{_weight(fraction)}%"
        lines.append(f"\t{mark}{escape(choice['text'])}{_feedback(choice.get('feedback', ''))}")
    return lines


def _true_false(data: dict) -> str:
    right = data["feedback_true"] if data["correct"] else data["feedback_false"]
    wrong = data["feedback_false"] if data["correct"] else data["feedback_true"]
    answer = "TRUE" if data["correct"] else "FALSE"
    if wrong:
        answer += f"#{escape(wrong)}"
    elif right:
        answer += "#"
    if right:
        answer += f"#{escape(right)}"
    return answer


def _numerical(data: dict) -> list[str]:
    lines = []
    for answer in data["answers"]:
        feedback = f"#{escape(answer.get('feedback', ''))}"
        if answer.get("value") == "*":
            lines.append(f"\t~{feedback}")
        elif "min" in answer:
            span = f"{answer['min']}..{answer['max']}"
            lines.append(f"\t=%{_weight(answer['fraction'])}%{span}{feedback}")
        else:
            span = f"{answer['value']}:{answer.get('tolerance', '0')}"
            lines.append(f"\t=%{_weight(answer['fraction'])}%{span}{feedback}")
    return lines


def question_to_gift(question: Question) -> str:
    version = question.current_version
    data, qtype = version.data, version.qtype
    if qtype in (QuestionType.ORDERING, QuestionType.HOTSPOT):
        return NOT_IN_GIFT.format(pk=question.pk, name=question.name, qtype=qtype)
    out = f"// question: {question.pk}  name: {question.name}\n"
    markers = ([f"[id:{question.idnumber}]"] if question.idnumber else []) + [
        f"[tag:{tag}]" for tag in question.tags
    ]
    if markers:
        out += "// " + " ".join(markers) + "\n"
    out += f"::{escape(question.name)}::[html]{escape(version.stem)}"
    general = f"####{escape(version.general_feedback)}" if version.general_feedback else ""
    if qtype == QuestionType.DESCRIPTION:
        return out + "\n\n"
    if qtype == QuestionType.ESSAY:
        return out + "{" + general + "}\n\n"
    if qtype == QuestionType.TRUE_FALSE:
        return out + "{" + _true_false(data) + general + "}\n\n"
    if qtype in (QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_RESPONSE):
        lines = _choices(data, single=qtype == QuestionType.SINGLE_CHOICE)
    elif qtype == QuestionType.SHORT_ANSWER:
        lines = [
            f"\t=%{_weight(a['fraction'])}%{escape(a['text'])}#{escape(a.get('feedback', ''))}"
            for a in data["answers"]
        ]
    elif qtype == QuestionType.NUMERICAL:
        out += "{#\n"
        lines = _numerical(data)
    else:
        lines = [f"\t={escape(p['question'])} -> {escape(p['answer'])}" for p in data["pairs"]]
    if general:
        lines.append(f"\t{general}")
    opening = "" if qtype == QuestionType.NUMERICAL else "{\n"
    return out + opening + "\n".join(lines) + "\n}\n\n"
