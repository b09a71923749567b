"""What autosave reads before it writes: the learner's attempt, where its quiz sits in the page
tree, the slot being answered with its question and, from the second save on, the facts of
the quiz's gate (quizzes.gate), in one hand-written query.

Why it exists: autosave runs on every answer a learner gives; reading the attempt with its
quiz page, the enrolment with its locks, then the slot with its question version cost three
queries and most of the request's time (issue 19). Nothing here decides anything: it must read
what selectors.attempt_for_student_lean, quizzes.gate and the slot read of
services/autosave.py read (the attempt only when it is the user's; the slot of that attempt
with that order; the gate's row for the quiz's place), and the view asks the same questions
of it.

The gate's query needs the quiz's path before it runs: quizzes.place_hints remembers it, by
attempt. That is only a hint: the query reads the path again, and when it is not the one the
gate's facts were read for (the quiz moved, or a test database reused the id), the facts are
dropped and the view asks the gate itself.
"""

from dataclasses import dataclass

from django.db import connection
from wagtail.models import Page

from cms import prepared_sql
from quizzes import gate, place_hints, slot_hints
from quizzes.models import Attempt, AttemptSlot

_ATTEMPT_AND_SLOT = """
SELECT attempt.id, attempt.quiz_id, quiz_page.path,
       slot.id, slot.answer_order, slot.question_version_id{facts_columns}
FROM quizzes_attempt attempt
JOIN wagtailcore_page quiz_page ON quiz_page.id = attempt.quiz_id
LEFT JOIN quizzes_attemptslot slot ON slot.attempt_id = attempt.id AND slot."order" = %(order)s
{facts_join}WHERE attempt.id = %(attempt)s AND attempt.student_id = %(student)s
"""
# The gate's own query (a row or none) beside the attempt's: its columns come after ours.
_FACTS_JOIN = "LEFT JOIN ({query}) facts ON 1 = 1\n"
_COLUMNS = 6


@dataclass(frozen=True)
class TreePosition:
    """Where a quiz sits in the page tree: all quizzes.gate and the course locks read of it."""

    path: str
    steplen: int = Page.steplen

    @property
    def depth(self) -> int:
        return len(self.path) // self.steplen


@dataclass(frozen=True)
class AutosaveTarget:
    attempt: Attempt  # its id, quiz and student only
    quiz: TreePosition
    slot: AttemptSlot | None  # None: the attempt has no such question (or it could not be read)
    # gate.open_from_row's answer for this quiz's place; None when it was not read
    open_without_lock: bool | None


def _storable(number: int) -> bool:
    """Whether a column can hold `number`: SQLite refuses a larger one as a parameter, where the
    ORM's lookups find nothing."""
    return -(2**63) <= number < 2**63


def _attempt(attempt_id: int, quiz_id: int, student_id: int) -> Attempt:
    names = ["id", "quiz_id", "student_id"]
    return Attempt.from_db(connection.alias, names, [attempt_id, quiz_id, student_id])


def _slot(attempt: Attempt, slot_order: int, slot_id, answer_order, version_id):
    if slot_id is None:
        return None
    hint = slot_hints.SlotHint(slot_id, version_id, answer_order)
    slot = hint.attempt_slot(attempt.pk, slot_order)
    if slot is not None:
        slot_hints.remember(attempt.pk, slot_order, hint)
    return slot


def _query(*, user, attempt_id: int, slot_order: int | None):
    """The SQL and parameters, and the quiz's place the gate's facts are read for (or None)."""
    params = {"attempt": attempt_id, "student": user.pk, "order": slot_order}
    hint = place_hints.quiz_path(attempt_id)
    position = TreePosition(path=hint) if hint else None
    facts = position and gate.enrollment_query(user=user, page=position)
    if not facts:
        return _ATTEMPT_AND_SLOT.format(facts_columns="", facts_join=""), params, None
    facts_sql, facts_params = facts
    sql = _ATTEMPT_AND_SLOT.format(
        facts_columns=", facts.*", facts_join=_FACTS_JOIN.format(query=facts_sql)
    )
    return sql, facts_params | params, position


def autosave_target(*, user, attempt_id: int, slot_order: int | None) -> AutosaveTarget | None:
    """`user`'s attempt `attempt_id` (None when it is not theirs), its quiz's place in the tree,
    its slot `slot_order` with the slot's question version, and whether the gate is plainly
    open: one query (one more the first time a worker meets a question version)."""
    if not user.is_authenticated or not _storable(attempt_id):
        return None
    if slot_order is not None and not _storable(slot_order):
        slot_order = None  # no slot has it: the save's own read says so, as before
    sql, params, read_for = _query(user=user, attempt_id=attempt_id, slot_order=slot_order)
    with prepared_sql.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return None
    found_id, quiz_id, path, slot_id, answer_order, version_id = row[:_COLUMNS]
    place_hints.remember(found_id, path)
    quiz = TreePosition(path=path)
    is_open = None
    if read_for is not None and read_for.path == path:
        is_open = gate.open_from_row(row[_COLUMNS:], page=quiz)
    attempt = _attempt(found_id, quiz_id, user.pk)
    slot = None
    if slot_order is not None:
        slot = _slot(attempt, slot_order, slot_id, answer_order, version_id)
    return AutosaveTarget(attempt=attempt, quiz=quiz, slot=slot, open_without_lock=is_open)
