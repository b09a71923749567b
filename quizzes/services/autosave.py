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
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from cms import prepared_sql
from quizzes import responses
from quizzes.models import Attempt, AttemptSlot
from quizzes.services.attempts import attempt_answered_count, attempt_save_response

_GUARDED_SAVE = """
WITH open_attempt AS (
    SELECT id FROM quizzes_attempt
    WHERE id = %(attempt)s AND state = %(in_progress)s
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
        "in_progress": Attempt.State.IN_PROGRESS.value,
        "now": _db("saved_at", now),
        "response": _db("response", response),
        "flagged": flagged,
        "slot": slot.pk,
    }
    with prepared_sql.cursor() as cursor:
        cursor.execute(_GUARDED_SAVE.format(lock=lock), params)
        row = cursor.fetchone()
    if row is None:  # closed or out of time: the locked path says which
        return _save_locked(attempt=attempt, slot_order=slot_order, fields=fields, flagged=flagged)
    answered = response is not None
    return Saved(
        saved_at=now,
        answered=answered,
        flagged=bool(row[0]),
        answered_count=row[1] + answered,
    )
