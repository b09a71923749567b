"""Importing question files (GIFT, Moodle XML) into a bank: all of a file, or none of it."""

import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import transaction

from quizzes.importers.errors import QuestionFileError
from quizzes.importers.gift import parse_gift
from quizzes.importers.moodle_xml import parse_moodle_xml
from quizzes.importers.text import to_html
from quizzes.models import QuestionBank
from quizzes.services.questions import category_ensure_path, question_create

INVALID_QUESTION = "question {name!r} is invalid: {reason}"
# "$course$/top/A/B": the context and Moodle's "top" are not categories of ours.
_CONTEXT = re.compile(r"^\$[a-z0-9]+\$$")


@dataclass
class ImportReport:
    file_name: str
    format: str
    counts: Counter = field(default_factory=Counter)
    categories: int = 0
    skipped: list[tuple[int, str]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def detect_format(*, file_name: str, text: str) -> str:
    suffix = PurePath(file_name).suffix.lower()
    if suffix == ".xml":
        return "moodle_xml"
    if suffix in (".gift", ".txt"):
        return "gift"
    head = text.lstrip("\ufeff \t\r\n")[:100]
    return "moodle_xml" if head.startswith(("<?xml", "<quiz")) else "gift"


def category_path(moodle_path: str) -> list[str]:
    """Names from a Moodle category path; "//" is an escaped "/" inside a name."""
    names = [name.replace("//", "/").strip() for name in re.split(r"(?<!/)/(?!/)", moodle_path)]
    names = [name for name in names if name]
    if names and _CONTEXT.match(names[0]):
        names.pop(0)
    if names and names[0] == "top":
        names.pop(0)
    return names


def storable(value):
    """Parsed question data as we store it: texts to sanitised HTML, numbers to strings."""
    if isinstance(value, dict):
        if set(value) == {"text", "format"}:
            return to_html(value)
        return {key: storable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [storable(item) for item in value]
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return value


def _default_mark(item: dict) -> Decimal:
    default = Decimal(0) if item["type"] == "description" else Decimal(1)
    return item.get("default_mark", default).quantize(Decimal("0.01"))


def _reason(error: ValidationError) -> str:
    return "; ".join(error.messages)


@transaction.atomic
def questions_import(*, bank: QuestionBank, file_name: str, text: str) -> ImportReport:
    """Import every question of a file into `bank`; a bad file raises QuestionFileError."""
    fmt = detect_format(file_name=file_name, text=text)
    parsed = parse_gift(text) if fmt == "gift" else parse_moodle_xml(text)
    report = ImportReport(file_name=file_name, format=fmt)
    category = None
    for item in parsed:
        if item["type"] == "category":
            category = category_ensure_path(bank=bank, path=category_path(item["category"]))
            report.categories += 1
            continue
        if item["type"] == "skipped":
            report.skipped.append((item["line"], item["reason"]))
            continue
        try:
            question_create(
                bank=bank,
                category=category,
                name=item["name"][:255],
                qtype=item["type"],
                stem=to_html(item["stem"]),
                general_feedback=to_html(item["general_feedback"]),
                default_mark=_default_mark(item),
                data=storable(item["data"]),
                tags=item["tags"],
                idnumber=item["idnumber"][:100],
            )
        except ValidationError as exc:
            reason = INVALID_QUESTION.format(name=item["name"], reason=_reason(exc))
            raise QuestionFileError(item["line"], reason) from exc
        report.counts[item["type"]] += 1
    return report
