"""One learner's open attempt with its quiz's paging facts and its slots, in one query, and
from a worker's second read of the attempt on, the gate's row for its quiz (quizzes.gate) in
that same query.

Why hand-written: the ORM spent more CPU building and reading the attempt's query (the lean
select_related of the quiz) and the slots' than the database spent answering them (issue 19).
What must stay equal: the rows selectors.attempt_for_student_lean and selectors.attempt_slots
give, converted as the ORM converts them (SQLite has no date, decimal, boolean or JSON type).
"""

import json
from dataclasses import dataclass
from datetime import datetime
from decimal import Context, Decimal
from functools import cached_property

from wagtail.models import Page

from cms import prepared_sql
from quizzes import gate, place_hints, slot_hints, version_memo
from quizzes.db_rows import as_datetime
from quizzes.models import Attempt, AttemptSlot, QuestionVersion

# Table names quoted, as the ORM writes them: tests/test_query_plans.py reads them to tell
# which table a plan scans. Two kinds of row (the first column): the attempt (0) with the gate's
# row beside it when asked for, and each slot (1), the other kind's columns NULL. A join of the
# slots would repeat the attempt's and the gate's columns on every slot's row, and SQLite would
# run the gate's subquery once per slot.
_ATTEMPT_WITH_SLOTS = """
SELECT 0, a.id, a.state, a.number, a.started_at, a.deadline, a.accommodation_id, a.quiz_id,
       page.path, page.depth, page.title, quiz.layout, quiz.questions_per_page,
       NULL, NULL, NULL, NULL, NULL, NULL, NULL{facts_columns}
FROM "quizzes_attempt" a
JOIN "wagtailcore_page" page ON page.id = a.quiz_id
JOIN "quizzes_quizpage" quiz ON quiz.page_ptr_id = a.quiz_id
{facts_join}WHERE a.id = %(attempt)s AND a.student_id = %(student)s
UNION ALL
SELECT 1, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
       slot."order", slot.flagged, slot.response, slot.answer_order, slot.max_mark,
       slot.question_version_id, slot.id{facts_nulls}
FROM "quizzes_attemptslot" slot
JOIN "quizzes_attempt" a ON a.id = slot.attempt_id
WHERE a.id = %(attempt)s AND a.student_id = %(student)s
ORDER BY 1, 14
"""
# The gate's own query (a row or none) beside the attempt's: its columns come after ours.
_FACTS_JOIN = "LEFT JOIN ({query}) facts ON 1 = 1\n"
_FACTS_NULLS = ", NULL" * 12
_ATTEMPT_COLUMNS = slice(1, 13)
_SLOT_COLUMNS = slice(13, 20)
_GATE_COLUMNS = slice(20, None)
# The gate's row was not read with the attempt: the view asks quizzes.gate itself.
GATE_UNREAD = object()

# AttemptSlot.max_mark's places, as Django's SQLite converter quantizes a decimal column.
_MARK_PLACES = Decimal(1).scaleb(-AttemptSlot._meta.get_field("max_mark").decimal_places)
_FROM_FLOAT = Context(prec=15).create_decimal_from_float


@dataclass(frozen=True)
class OpenAttempt:
    id: int
    state: str
    number: int
    started_at: datetime
    deadline: datetime | None
    accommodation_id: int | None
    quiz_id: int
    quiz_path: str
    quiz_depth: int
    quiz_title: str
    quiz_layout: str
    quiz_questions_per_page: int | None


class SlotRow:
    """What quizzes.responses.slot_display reads of an AttemptSlot, under the same names. The
    JSON and decimal columns are kept as the database gave them (`raw`, a key for the
    question's HTML) and converted only when read."""

    def __init__(
        self, order, flagged, response, answer_order, max_mark, question_version_id, slot_id
    ):
        self.id = slot_id
        self.order = order
        self.flagged = bool(flagged)
        self.raw = (response, answer_order, max_mark)
        self.question_version_id = question_version_id
        self.question_version: QuestionVersion | None = None
        # A JSON null reads as None, as JSONField gives it.
        self.answered = response is not None and response != "null"

    @cached_property
    def response(self):
        return _json(self.raw[0])

    @cached_property
    def answer_order(self) -> dict:
        return _json(self.raw[1])

    @cached_property
    def max_mark(self) -> Decimal:
        return _decimal(self.raw[2])


def _json(value):
    return json.loads(value) if isinstance(value, str | bytes) else value


def _decimal(value) -> Decimal:
    if isinstance(value, Decimal):
        return value
    return _FROM_FLOAT(value).quantize(_MARK_PLACES)


def _query(*, student_id: int, attempt_id: int):
    """The SQL and parameters, and the quiz's path the gate's facts are read for (or None)."""
    params = {"attempt": attempt_id, "student": student_id}
    hint = place_hints.quiz_path(attempt_id)
    facts = hint and gate.gate_query(
        student_id=student_id, path=hint, depth=len(hint) // Page.steplen
    )
    if not facts:
        sql = _ATTEMPT_WITH_SLOTS.format(facts_columns="", facts_join="", facts_nulls="")
        return sql, params, None
    facts_sql, facts_params = facts
    sql = _ATTEMPT_WITH_SLOTS.format(
        facts_columns=", facts.*",
        facts_join=_FACTS_JOIN.format(query=facts_sql),
        facts_nulls=_FACTS_NULLS,
    )
    return sql, facts_params | params, hint


def attempt_with_slots(*, student_id: int, attempt_id: int):
    """The attempt `attempt_id` if `student_id` owns it, its slots in order (their question
    versions not yet attached) and quizzes.gate.open_gate's answer for its quiz, or GATE_UNREAD
    when that was not read with them; (None, [], GATE_UNREAD) when there is no such attempt or
    it has no slots."""
    sql, params, read_for = _query(student_id=student_id, attempt_id=attempt_id)
    with prepared_sql.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    kinds = [row[0] for row in rows]
    if not rows or kinds[0] != 0 or 1 not in kinds:
        return None, [], GATE_UNREAD
    first = rows[0][_ATTEMPT_COLUMNS]
    attempt = OpenAttempt(
        id=first[0],
        state=first[1],
        number=first[2],
        started_at=as_datetime(first[3]),
        deadline=as_datetime(first[4]),
        accommodation_id=first[5],
        quiz_id=first[6],
        quiz_path=first[7],
        quiz_depth=first[8],
        quiz_title=first[9],
        quiz_layout=first[10],
        quiz_questions_per_page=first[11],
    )
    place_hints.remember(attempt.id, attempt.quiz_path)
    open_gate = GATE_UNREAD
    if read_for is not None and read_for == attempt.quiz_path:
        open_gate = gate.gate_from_row(rows[0][_GATE_COLUMNS])
    slots = [SlotRow(*row[_SLOT_COLUMNS]) for row in rows if row[0] == 1]
    for slot in slots:  # for autosave's one statement (a stale hint is replaced by its read)
        if slot_hints.slot(attempt.id, slot.order) is None:
            hint = slot_hints.SlotHint(slot.id, slot.question_version_id, slot.raw[1])
            slot_hints.remember(attempt.id, slot.order, hint)
    return attempt, slots, open_gate


def attach_versions(slots: list[SlotRow]) -> None:
    """Set each slot's question_version (quizzes.version_memo)."""
    versions = version_memo.question_versions({slot.question_version_id for slot in slots})
    for slot in slots:
        slot.question_version = versions[slot.question_version_id]


def is_open(attempt: OpenAttempt) -> bool:
    return attempt.state == Attempt.State.IN_PROGRESS
