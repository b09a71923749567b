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
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from quizzes.models import QuestionType

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
            return [" → ".join(data["items"][int(i)] for i in response)]
        if qtype == QuestionType.MATCHING:
            pairs = data["pairs"]
            return [f"{pairs[int(k)]['question']} → {v}" for k, v in sorted(response.items())]
    except (KeyError, IndexError, TypeError, ValueError, AttributeError):
        pass
    return [json.dumps(response, sort_keys=True)]


def answer_distribution(rows: list[Row], versions: dict[int, tuple[str, dict]]) -> list:
    """[(answer, students)]: every authored choice listed (even unpicked), then the rest."""
    counts: Counter = Counter()
    listed: list[str] = []
    for version_id in sorted({row.version_id for row in rows}):
        qtype, data = versions[version_id]
        if qtype in (QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_RESPONSE):
            listed += [c["text"] for c in data["choices"] if c["text"] not in listed]
        elif qtype == QuestionType.TRUE_FALSE:
            listed += [label for label in ("True", "False") if label not in listed]
    for row in rows:
        qtype, data = versions[row.version_id]
        counts.update(_response_labels(qtype, data, row.response))
    free = [(label, n) for label, n in counts.most_common() if label not in listed]
    free_text = [item for item in free if item[0] != NO_ANSWER][:TOP_TEXT_RESPONSES]
    result = [(label, counts[label]) for label in listed] + free_text
    if counts[NO_ANSWER]:
        result.append((NO_ANSWER, counts[NO_ANSWER]))
    return result


def item_statistics(rows: list[Row], versions: dict[int, tuple[str, dict]]) -> list[ItemStats]:
    """Statistics for each question in `rows` (already limited to the analysed attempts)."""
    totals: dict[int, float] = defaultdict(float)
    by_question: dict[int, list[Row]] = defaultdict(list)
    for row in rows:
        totals[row.attempt_id] += float(row.mark or 0)
        by_question[row.question_id].append(row)
    items = []
    for question_id, item_rows in by_question.items():
        graded = [row for row in item_rows if row.mark is not None]
        fractions = [
            float(row.mark / row.max_mark) * 100 if row.max_mark else 100.0 for row in graded
        ]
        marks = [float(row.mark) for row in graded]
        rest = [totals[row.attempt_id] - float(row.mark) for row in graded]
        facility = mean(fractions) if fractions else None
        r = pearson(marks, rest)
        discrimination = None if r is None else r * 100
        e = efficiency(marks, rest)
        items.append(
            ItemStats(
                question_id=question_id,
                count=len(item_rows),
                facility=facility,
                sd=sample_sd(fractions),
                discrimination=discrimination,
                efficiency=None if e is None else e * 100,
                flags=flags_for(facility, discrimination),
                answers=answer_distribution(item_rows, versions),
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
    """(attempts analysed, statistics per question in quiz order): two queries."""
    from quizzes import selectors

    raw = list(selectors.item_analysis_rows(quiz=quiz))
    analysed = first_attempts({(r[0], r[1], r[2]) for r in raw})
    rows = [
        Row(
            attempt_id=r[2],
            question_id=r[4],
            version_id=r[5],
            mark=r[6],
            max_mark=r[7],
            response=r[8],
        )
        for r in raw
        if r[2] in analysed
    ]
    versions = selectors.question_versions_by_id(ids={row.version_id for row in rows})
    items = item_statistics(rows, {pk: (v.qtype, v.data) for pk, v in versions.items()})
    position: dict[int, int] = {}
    for r in raw:
        if r[2] in analysed:
            position[r[4]] = min(position.get(r[4], r[3]), r[3])
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
