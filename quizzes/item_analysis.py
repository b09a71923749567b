"""Item analysis of a quiz, computed as Moodle's quiz statistics report does.

Only each student's first submitted attempt is analysed (Moodle's "first attempt" option): a
second attempt by someone who has seen the feedback says little about the question.

For every question: facility index (mean fraction x 100), standard deviation of the fraction
x 100 (sample, n - 1, as Moodle), discrimination index (Pearson correlation x 100 between the
item's mark and the rest of the test, total minus this item), discriminative efficiency
(covariance over the largest covariance the two distributions allow, x 100) and how many
students gave each answer of the frozen version.

The functions below `quiz_item_analysis` are pure and take plain rows, so the numbers are
tested against a hand-computed data set and the page runs the same queries for any attempts.
"""

import json
import math
from array import array
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from quizzes.models import QuestionType
from quizzes.services.grading import hotspot_options

TOO_HARD, TOO_EASY = "Too hard", "Too easy"
WEAK, WRONG_KEY = "Weak discrimination", "Likely wrong key"
FACILITY_LOW, FACILITY_HIGH, DISCRIMINATION_LOW = 20, 95, 20
NO_ANSWER = "No answer"
TOP_TEXT_RESPONSES = 10


@dataclass(frozen=True)
class Row:
    """One answered slot of one analysed attempt."""

    attempt_id: int
    question_id: int
    version_id: int
    mark: Decimal | None
    max_mark: Decimal
    response: object = None


@dataclass
class ItemStats:
    question_id: int
    count: int
    facility: float | None
    sd: float | None
    discrimination: float | None
    efficiency: float | None
    flags: list[str] = field(default_factory=list)
    answers: list[tuple[str, int]] = field(default_factory=list)
    name: str = ""
    position: int = 0


def mean(values: list[float]) -> float:
    return sum(values) / len(values)


def sample_sd(values: list[float]) -> float | None:
    if len(values) < 2:
        return None
    average = mean(values)
    return math.sqrt(sum((v - average) ** 2 for v in values) / (len(values) - 1))


def covariance(xs: list[float], ys: list[float]) -> float:
    mx, my = mean(xs), mean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / (len(xs) - 1)


def pearson(xs: list[float], ys: list[float]) -> float | None:
    """None when either side does not vary (everyone right, or everyone scored the same)."""
    if len(xs) < 2:
        return None
    vx, vy = covariance(xs, xs), covariance(ys, ys)
    if vx <= 0 or vy <= 0:
        return None
    return covariance(xs, ys) / math.sqrt(vx * vy)


def efficiency(xs: list[float], ys: list[float]) -> float | None:
    """Moodle's discriminative efficiency: covariance / the covariance of both sorted."""
    if len(xs) < 2:
        return None
    best = covariance(sorted(xs), sorted(ys))
    if best <= 0:
        return None
    return covariance(xs, ys) / best


def flags_for(facility: float | None, discrimination: float | None) -> list[str]:
    flags = []
    if facility is not None and facility < FACILITY_LOW:
        flags.append(TOO_HARD)
    if facility is not None and facility > FACILITY_HIGH:
        flags.append(TOO_EASY)
    if discrimination is not None and discrimination < 0:
        flags.append(WRONG_KEY)
    elif discrimination is not None and discrimination < DISCRIMINATION_LOW:
        flags.append(WEAK)
    return flags


def _response_labels(qtype: str, data: dict, response) -> list[str]:
    """The answer(s) a response picked, as the author wrote them."""
    if response is None or response in ("", [], {}):
        return [NO_ANSWER]
    try:
        if qtype == QuestionType.SINGLE_CHOICE:
            return [data["choices"][int(response)]["text"]]
        if qtype == QuestionType.MULTIPLE_RESPONSE:
            return [data["choices"][int(i)]["text"] for i in response]
        if qtype == QuestionType.TRUE_FALSE:
            return ["True" if response else "False"]
        if qtype in (QuestionType.SHORT_ANSWER, QuestionType.NUMERICAL):
            return [" ".join(str(response).split()).lower()]
        if qtype == QuestionType.ORDERING:
            # A draft leaves unplaced positions empty (None): shown as "…".
            return [" → ".join("…" if i is None else data["items"][int(i)] for i in response)]
        if qtype == QuestionType.HOTSPOT and isinstance(response, dict) and "option" in response:
            return [hotspot_options(data)[int(response["option"])]]
        if qtype == QuestionType.MATCHING:
            pairs = data["pairs"]
            return [f"{pairs[int(k)]['question']} → {v}" for k, v in sorted(response.items())]
    except (KeyError, IndexError, TypeError, ValueError, AttributeError):
        pass
    return [json.dumps(response, sort_keys=True)]


def _listed_choices(version_ids, versions: dict[int, tuple[str, dict]]) -> list[str]:
    listed: list[str] = []
    for version_id in sorted(version_ids):
        qtype, data = versions[version_id]
        if qtype in (QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_RESPONSE):
            listed += [c["text"] for c in data["choices"] if c["text"] not in listed]
        elif qtype == QuestionType.TRUE_FALSE:
            listed += [label for label in ("True", "False") if label not in listed]
    return listed


def _distribution(counts: Counter, listed: list[str]) -> list:
    free = [(label, n) for label, n in counts.most_common() if label not in listed]
    free_text = [item for item in free if item[0] != NO_ANSWER][:TOP_TEXT_RESPONSES]
    result = [(label, counts[label]) for label in listed] + free_text
    if counts[NO_ANSWER]:
        result.append((NO_ANSWER, counts[NO_ANSWER]))
    return result


def answer_distribution(rows: list[Row], versions: dict[int, tuple[str, dict]]) -> list:
    """[(answer, students)]: every authored choice listed (even unpicked), then the rest."""
    counts: Counter = Counter()
    for row in rows:
        qtype, data = versions[row.version_id]
        counts.update(_response_labels(qtype, data, row.response))
    return _distribution(counts, _listed_choices({row.version_id for row in rows}, versions))


class _Item:
    """One question's rows, kept as compact arrays: memory grows by 24 bytes per answer,
    not by a row object, so 10,000 attempts of a 20-question quiz stay within a few MB."""

    __slots__ = ("attempts", "count", "fractions", "labels", "marks", "version_ids")

    def __init__(self):
        self.attempts = array("q")
        self.marks = array("d")
        self.fractions = array("d")
        self.count = 0
        self.labels: Counter = Counter()
        self.version_ids: set[int] = set()


def item_statistics(rows, versions: dict[int, tuple[str, dict]]) -> list[ItemStats]:
    """Statistics for each question in `rows` (already limited to the analysed attempts).

    `rows` is read once, so it may be a stream of database rows."""
    totals: dict[int, float] = defaultdict(float)
    by_question: dict[int, _Item] = defaultdict(_Item)
    for row in rows:
        item = by_question[row.question_id]
        item.count += 1
        item.version_ids.add(row.version_id)
        qtype, data = versions[row.version_id]
        item.labels.update(_response_labels(qtype, data, row.response))
        if row.mark is not None:
            mark = float(row.mark)
            totals[row.attempt_id] += mark
            item.attempts.append(row.attempt_id)
            item.marks.append(mark)
            item.fractions.append(float(row.mark / row.max_mark) * 100 if row.max_mark else 100.0)
    items = []
    for question_id, item in by_question.items():
        fractions = list(item.fractions)
        marks = list(item.marks)
        rest = [totals[a] - m for a, m in zip(item.attempts, item.marks, strict=True)]
        facility = mean(fractions) if fractions else None
        r = pearson(marks, rest)
        discrimination = None if r is None else r * 100
        e = efficiency(marks, rest)
        items.append(
            ItemStats(
                question_id=question_id,
                count=item.count,
                facility=facility,
                sd=sample_sd(fractions),
                discrimination=discrimination,
                efficiency=None if e is None else e * 100,
                flags=flags_for(facility, discrimination),
                answers=_distribution(item.labels, _listed_choices(item.version_ids, versions)),
            )
        )
    return items


def first_attempts(rows) -> set[int]:
    """Attempt ids of each student's first submitted attempt, from (student, number, id)."""
    first: dict[int, tuple[int, int]] = {}
    for student_id, number, attempt_id in rows:
        if student_id not in first or number < first[student_id][0]:
            first[student_id] = (number, attempt_id)
    return {attempt_id for _, attempt_id in first.values()}


def quiz_item_analysis(*, quiz) -> tuple[int, list[ItemStats]]:
    """(attempts analysed, statistics per question in quiz order): three queries, the rows
    streamed from the database (each student's first submitted attempt, chosen in SQL)."""
    from quizzes import selectors

    versions = selectors.question_versions_by_id(ids=selectors.item_analysis_version_ids(quiz=quiz))
    position: dict[int, int] = {}
    analysed: set[int] = set()

    def rows():
        for (
            attempt_id,
            order,
            question_id,
            version_id,
            mark,
            max_mark,
            response,
        ) in selectors.item_analysis_rows(quiz=quiz):
            analysed.add(attempt_id)
            position[question_id] = min(position.get(question_id, order), order)
            yield Row(attempt_id, question_id, version_id, mark, max_mark, response)

    items = item_statistics(rows(), {pk: (v.qtype, v.data) for pk, v in versions.items()})
    latest = {}
    for version in versions.values():
        current = latest.get(version.question_id)
        if current is None or version.number > current.number:
            latest[version.question_id] = version
    for item in items:
        item.position = position[item.question_id]
        item.name = latest[item.question_id].question.name
    items.sort(key=lambda item: (item.position, item.question_id))
    return len(analysed), items
