"""Autosave's write as one guarded UPDATE ... RETURNING, for speed (issue 19).

Why it exists: autosave runs on every answer a learner gives, and the locked path
(attempts.attempt_save_response: lock the attempt, lock the slot, save it, count the answered
slots) cost five queries and a transaction on top of reading the attempt. Here the slot is read
once and written by a single statement that writes only while the attempt is open and within
its time, and returns the flag and the answered count.

What it must stay equal to: attempt_save_response followed by attempt_answered_count, for
the learner and for a submit racing the save. The guard and the write are one statement, so a
save and a submit still never interleave: on PostgreSQL the attempt's row is read FOR SHARE
(a submit holding it FOR UPDATE makes the save wait, then the closed attempt refuses it);
SQLite runs one writing statement at a time. When the statement writes nothing (the attempt
is closed, its time is up) or the slot is one whose shuffle may still change (a hotspot
offering its list mode), the locked path runs instead and gives the same answer or the same
error as before. tests/quizzes/test_autosave_guarded.py holds the two paths equal.

From a worker's second look at a question on, the save needs no read before it
(attempt_autosave_direct): the slot and the quiz's place come from the worker's hints
(quizzes.slot_hints, quizzes.place_hints), and the statement also asks the attempt's owner
and the gate (quizzes.gate.open_condition), writing only where the full path would have
written the same. Where it writes nothing, the view takes the full path, which reads
everything again and answers as before (tests/quizzes/test_autosave_direct.py).
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone
from wagtail.models import Page

from cms import prepared_sql
from quizzes import gate, place_hints, responses, slot_hints
from quizzes.models import Attempt, AttemptSlot
from quizzes.services.attempts import attempt_answered_count, attempt_save_response

# The attempt's state is written into the SQL, not bound: a bound value for a column that a
# partial index names (one open attempt per quiz) makes SQLite plan the statement again on
# every run, which cost the one-statement save 0.1 ms.
_GUARDED_SAVE = """
WITH open_attempt AS (
    SELECT id FROM quizzes_attempt
    WHERE id = %(attempt)s AND state = '{in_progress}'
      AND (deadline IS NULL OR deadline >= %(now)s){lock}
)
UPDATE quizzes_attemptslot
SET response = %(response)s, saved_at = %(now)s, flagged = COALESCE(%(flagged)s, flagged)
WHERE id = %(slot)s AND attempt_id IN (SELECT id FROM open_attempt)
RETURNING flagged, (
    SELECT COUNT(*) FROM quizzes_attemptslot other
    WHERE other.attempt_id = %(attempt)s AND other.id <> %(slot)s
      AND other.response IS NOT NULL
)
"""

# The guarded save, asking also who owns the attempt, where its quiz is, which slot this is
# (as the worker's hints say) and whether the gate is open (the condition on `facts`).
_DIRECT_SAVE = """
WITH open_attempt AS (
    SELECT a.id FROM quizzes_attempt a
    JOIN wagtailcore_page quiz_page ON quiz_page.id = a.quiz_id
    WHERE a.id = %(attempt)s AND a.student_id = %(student)s AND a.state = '{in_progress}'
      AND (a.deadline IS NULL OR a.deadline >= %(now)s) AND quiz_page.path = %(quiz_path)s{lock}
), facts AS ({gate})
UPDATE quizzes_attemptslot
SET response = %(response)s, saved_at = %(now)s, flagged = COALESCE(%(flagged)s, flagged)
WHERE id = %(slot)s AND attempt_id IN (SELECT id FROM open_attempt) AND "order" = %(order)s
  AND question_version_id = %(version)s AND answer_order = %(answer_order)s{json}
  AND EXISTS (SELECT 1 FROM facts WHERE {is_open})
RETURNING flagged, (
    SELECT COUNT(*) FROM quizzes_attemptslot other
    WHERE other.attempt_id = %(attempt)s AND other.id <> %(slot)s
      AND other.response IS NOT NULL
)
"""


@dataclass(frozen=True)
class Saved:
    """What the learner's page is told after a save."""

    saved_at: datetime
    answered: bool
    flagged: bool
    answered_count: int


def _slot_for_save(attempt: Attempt, slot_order: int) -> AttemptSlot | None:
    return (
        AttemptSlot.objects.select_related("question_version")
        .only(
            "id",
            "attempt_id",
            "order",
            "answer_order",
            "question_version__qtype",
            "question_version__data",
        )
        .filter(attempt_id=attempt.pk, order=slot_order)
        .first()
    )


def _saved(*, now: datetime, response, row) -> Saved:
    """What a guarded save's RETURNING row (the flag, the other slots answered) tells."""
    answered = response is not None
    return Saved(
        saved_at=now, answered=answered, flagged=bool(row[0]), answered_count=row[1] + answered
    )


def _db(field_name: str, value):
    return AttemptSlot._meta.get_field(field_name).get_db_prep_save(value, connection)


def _save_locked(*, attempt: Attempt, slot_order: int, fields, flagged: bool | None) -> Saved:
    slot = attempt_save_response(
        attempt=attempt, slot_order=slot_order, fields=fields, flagged=flagged
    )
    return Saved(
        saved_at=slot.saved_at,
        answered=slot.response is not None,
        flagged=slot.flagged,
        answered_count=attempt_answered_count(attempt=attempt),
    )


def attempt_autosave(
    *,
    attempt: Attempt,
    slot_order: int,
    fields,
    flagged: bool | None,
    slot: AttemptSlot | None = None,
) -> Saved:
    """Save one question's answer (and its flag when given) as attempt_save_response does, and
    count the attempt's answered questions. Raises the same ValidationErrors.

    `slot`, when the caller has read it (quizzes.autosave_target), is the attempt's slot
    `slot_order` with its question version; it is read here otherwise."""
    if slot is None:
        slot = _slot_for_save(attempt, slot_order)
    if slot is None or responses.hotspot_list_offered(slot):
        return _save_locked(attempt=attempt, slot_order=slot_order, fields=fields, flagged=flagged)
    try:
        response = responses.response_from_fields(slot, fields)
    except ValidationError:  # a closed attempt says so before a malformed answer does
        return _save_locked(attempt=attempt, slot_order=slot_order, fields=fields, flagged=flagged)
    now = timezone.now()
    lock = " FOR SHARE" if connection.vendor == "postgresql" else ""
    params = {
        "attempt": attempt.pk,
        "now": _db("saved_at", now),
        "response": _db("response", response),
        "flagged": flagged,
        "slot": slot.pk,
    }
    with prepared_sql.cursor() as cursor:
        sql = _GUARDED_SAVE.format(in_progress=Attempt.State.IN_PROGRESS.value, lock=lock)
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:  # closed or out of time: the locked path says which
        return _save_locked(attempt=attempt, slot_order=slot_order, fields=fields, flagged=flagged)
    return _saved(now=now, response=response, row=row)


def attempt_autosave_direct(
    *, user, attempt_id: int, slot_order: int, fields, flagged: bool | None
) -> Saved | None:
    """attempt_autosave's save in one statement, for `user`'s attempt `attempt_id`, where this
    worker's hints know the slot and the quiz's place: what it saved, or None where it saved
    nothing (no hints, not the user's attempt, not plainly open, the attempt closed, a hint out
    of date, an answer that does not read): the caller then takes the full path, which answers
    as before."""
    quiz_path = place_hints.quiz_path(attempt_id)
    hint = slot_hints.slot(attempt_id, slot_order)
    if quiz_path is None or hint is None or not user.is_authenticated:
        return None
    slot = hint.attempt_slot(attempt_id, slot_order)
    if slot is None or responses.hotspot_list_offered(slot):
        return None
    try:
        response = responses.response_from_fields(slot, fields)
    except ValidationError:
        return None
    now = timezone.now()
    depth = len(quiz_path) // Page.steplen
    condition = gate.open_condition(student_id=user.pk, path=quiz_path, depth=depth, now=now)
    if condition is None:
        return None
    gate_sql, is_open, params = condition
    postgres = connection.vendor == "postgresql"
    sql = _DIRECT_SAVE.format(
        in_progress=Attempt.State.IN_PROGRESS.value,
        lock=" FOR SHARE OF a" if postgres else "",
        gate=gate_sql,
        json="::jsonb" if postgres else "",
        is_open=is_open,
    )
    params |= {
        "attempt": attempt_id,
        "student": user.pk,
        "quiz_path": quiz_path,
        "now": _db("saved_at", now),
        "response": _db("response", response),
        "flagged": flagged,
        "slot": hint.slot_id,
        "order": slot_order,
        "version": hint.version_id,
        "answer_order": hint.raw_answer_order,
    }
    with prepared_sql.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return None
    return _saved(now=now, response=response, row=row)
